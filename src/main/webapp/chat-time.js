'use strict';
// Times as the user reads them, in the browser's locale and time zone, apart from the DOM so that Node's test runner
// checks it (src/test/js/chat-time.test.js). A message's time is the accepting server's clock (ms since 1970).
const ChatTime = (() => {
    /** The local calendar day of {@code time}: messages of one day share it. */
    function dayKey(time) {
        const d = new Date(time);
        return d.getFullYear() + '-' + (d.getMonth() + 1) + '-' + d.getDate();
    }

    /** "Today", "Yesterday", or the date ("Monday, 30 November 2026" as the locale writes it). */
    function dayLabel(time, now, locale) {
        const today = new Date(now);
        if (dayKey(time) === dayKey(today)) return 'Today';
        // The day before by the calendar, not 24 hours before: a day is 23 or 25 hours where clocks change.
        if (dayKey(time) === dayKey(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1))) {
            return 'Yesterday';
        }
        return new Date(time).toLocaleDateString(locale,
            { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
    }

    /** Hours and minutes, as the locale writes them ("14:05", "2:05 PM"). */
    function clock(time, locale) {
        return new Date(time).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
    }

    /** Date and time to the second, for hovering over a message's time. */
    function full(time, locale) {
        return new Date(time).toLocaleString(locale,
            { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
                second: '2-digit', timeZoneName: 'short' });
    }

    return { dayKey, dayLabel, clock, full };
})();
if (typeof module === 'object') module.exports = ChatTime;
