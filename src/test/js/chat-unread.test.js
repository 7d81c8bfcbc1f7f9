'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { Unread } = require('../../main/webapp/chat-unread.js');

test('unread counts per entry, a mention mark, the first unread seq and the title', () => {
    const u = new Unread();
    u.arrived('#a', 10, false, false);
    u.arrived('#a', 11, true, false);
    u.arrived('#b', 12, false, false);
    u.arrived('#c', 13, false, true);
    assert.equal(u.count('#a'), 2);
    assert.ok(u.mentioned('#a'));
    assert.ok(!u.mentioned('#b'));
    assert.equal(u.firstUnreadSeq('#a'), 10);
    assert.equal(u.count('#c'), 0, 'seen as it arrived');
    assert.ok(u.anyMention());
    assert.equal(u.title('SyncNet'), '(3) SyncNet');
    u.read('#a', 11);
    assert.ok(!u.anyMention());
    assert.equal(u.title('SyncNet'), '(1) SyncNet');
    u.read('#b', 12);
    assert.equal(u.title('SyncNet'), 'SyncNet');
    assert.equal(u.firstUnreadSeq('#a'), null);
});

test('an older message arriving later (history after live events) moves the first unread back', () => {
    const u = new Unread({ '#a': 5 });
    u.arrived('#a', 9, false, false);
    u.history('#a', [{ seq: 7, mentioned: false }]);
    assert.equal(u.firstUnreadSeq('#a'), 7);
    assert.equal(u.count('#a'), 2);
});

test('read positions survive a reload: replayed messages are not unread again', () => {
    const u = new Unread();
    u.arrived('#a', 5, false, false);
    u.read('#a', 5);
    const restored = new Unread(JSON.parse(JSON.stringify(u)));
    restored.history('#a', [{ seq: 4, mentioned: false }, { seq: 5, mentioned: false }]);
    assert.equal(restored.count('#a'), 0);
    restored.history('#a', [{ seq: 6, mentioned: true }]);
    assert.equal(restored.count('#a'), 1);
    assert.ok(restored.mentioned('#a'));
    restored.forget('#a');
    assert.deepEqual(restored.toJSON(), {});
});

test('the history of a room never read before is read, not unread', () => {
    const u = new Unread();
    u.history('#new', Array.from({ length: 50 }, (_, i) => ({ seq: i + 1, mentioned: i === 3 })));
    assert.equal(u.count('#new'), 0);
    assert.deepEqual(u.toJSON(), { '#new': 50 });
    u.arrived('#new', 51, false, false);
    assert.equal(u.count('#new'), 1);
    u.history('#empty', []);
    u.history('#empty', [{ seq: 60, mentioned: false }]);
    assert.equal(u.count('#empty'), 1, 'a room first joined empty: what comes later is new');
});

test('a renamed conversation keeps its count and read position; bad saved positions are dropped', () => {
    const u = new Unread({ bob: 3, '#x': 'nonsense' });
    u.arrived('bob', 4, true, false);
    u.rename('bob', 'robert');
    assert.equal(u.count('bob'), 0);
    assert.equal(u.count('robert'), 1);
    assert.deepEqual(u.toJSON(), { robert: 3 });
});
