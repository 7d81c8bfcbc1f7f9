'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { dayKey, dayLabel, clock, full } = require('../../main/webapp/chat-time.js');

// Local times, so the test holds in any time zone.
const at = (y, m, d, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();

test('messages of one local day share a day; midnight starts the next', () => {
    assert.equal(dayKey(at(2026, 12, 5, 0, 0)), dayKey(at(2026, 12, 5, 23, 59)));
    assert.notEqual(dayKey(at(2026, 12, 5, 23, 59)), dayKey(at(2026, 12, 6, 0, 0)));
});

test('Today, Yesterday, then the date in the locale', () => {
    const now = at(2026, 3, 1, 0, 30);
    assert.equal(dayLabel(at(2026, 3, 1, 0, 5), now, 'en-GB'), 'Today');
    assert.equal(dayLabel(at(2026, 2, 28, 23, 50), now, 'en-GB'), 'Yesterday', 'the calendar day before');
    assert.match(dayLabel(at(2026, 2, 27, 9), now, 'en-GB'), /^Friday,? 27 February 2026$/);
    assert.match(dayLabel(at(2025, 12, 31), now, 'en-US'), /^Wednesday, December 31, 2025$/);
    assert.match(dayLabel(at(2025, 12, 31), now, 'de-DE'), /^Mittwoch, 31\. Dezember 2025$/);
});

test('the clock and the full time follow the locale', () => {
    assert.equal(clock(at(2026, 12, 5, 14, 5), 'en-GB'), '14:05');
    assert.match(clock(at(2026, 12, 5, 14, 5), 'en-US'), /^02:05\s?PM$/);
    const hover = full(at(2026, 12, 5, 14, 5), 'en-GB');
    assert.match(hover, /Sat.*5 Dec 2026.*14:05:00/);
});
