'use strict';
// The chat page's pure text logic, kept apart from the DOM so that Node's test runner checks it
// (src/test/js/chat-text.test.js): which parts of a message are links, whether it mentions a nick, its IRC formatting
// and a nick's colour. The page renders the parts with textContent and an <a> per link: text is never interpreted as
// HTML.
const ChatText = (() => {
    // http(s) only, then anything up to whitespace or a character a URL never holds unescaped. Bidi controls and
    // zero-width characters end a link: they could make it look like another address.
    const URL_START = /\bhttps?:\/\//gi;
    const URL_END = /[\s<>"`\u0000-\u001f\u007f\u00a0\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
    const TRAILING = /[.,;:!?'*]+$/;
    const MAX_URL = 2048;

    /**
     * A well-formed http(s) URL with a host right after the scheme, as the browser parses it; null otherwise. One
     * with a user name ("https://bank.example@evil.example") is not a link: it shows one host and goes to another.
     */
    function parseUrl(candidate) {
        if (!/^https?:\/\/[^\/\\?#@]/i.test(candidate)) return null;
        try {
            const url = new URL(candidate);
            if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
            if (url.username || url.password) return null;
            return url.href;
        } catch (e) {
            return null;
        }
    }

    /** Drops closing brackets the URL does not open itself ("(see https://x.org/a)" keeps "a"). */
    function balance(candidate) {
        const pairs = { ')': '(', ']': '[', '}': '{' };
        let end = candidate;
        for (;;) {
            end = end.replace(TRAILING, '');
            const last = end.slice(-1);
            if (!pairs[last]) return end;
            const opens = end.split(pairs[last]).length - 1;
            const closes = end.split(last).length - 1;
            if (closes <= opens) return end;
            end = end.slice(0, -1);
        }
    }

    /**
     * The message's text as parts, in order: {text} for plain text, {text, href} for an http(s) link (href as the
     * browser normalizes it). The parts' texts joined give the message back unchanged.
     */
    function linkParts(text) {
        const parts = [];
        let plainFrom = 0;
        URL_START.lastIndex = 0;
        let match;
        while ((match = URL_START.exec(text)) !== null) {
            const start = match.index;
            let end = start + match[0].length;
            while (end < text.length && !URL_END.test(text[end])) end++;
            const candidate = balance(text.slice(start, end));
            const href = candidate.length > match[0].length && candidate.length <= MAX_URL ? parseUrl(candidate) : null;
            if (href === null) {
                URL_START.lastIndex = end;
                continue;
            }
            if (start > plainFrom) parts.push({ text: text.slice(plainFrom, start) });
            parts.push({ text: candidate, href });
            plainFrom = start + candidate.length;
            URL_START.lastIndex = plainFrom;
        }
        if (plainFrom < text.length || parts.length === 0) parts.push({ text: text.slice(plainFrom) });
        return parts;
    }

    // IRC's rfc1459 casemapping: ASCII letters ignore case, and []\~ equal {}|^.
    function foldCase(s) {
        return s.replace(/[A-Z\[\]\\~]/g, (c) => ({ '[': '{', ']': '}', '\\': '|', '~': '^' }[c] || c.toLowerCase()));
    }

    const NICK_CHAR = /[A-Za-z0-9\[\]\\`_^{|}~-]/;

    /** Where {@code nick} stands in {@code text} as a whole word, under IRC's casemapping: [start, end] pairs. */
    function mentionRanges(text, nick) {
        const ranges = [];
        if (!nick) return ranges;
        const haystack = foldCase(text);
        const needle = foldCase(nick);
        for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
            const end = at + needle.length;
            const before = at === 0 || !NICK_CHAR.test(text[at - 1]);
            const after = end === text.length || !NICK_CHAR.test(text[end]);
            if (before && after) ranges.push([at, end]);
        }
        return ranges;
    }

    function mentions(text, nick) {
        return mentionRanges(text, nick).length > 0;
    }

    // IRC formatting (bold, colour with its digits, reset, reverse, italics, strike, underline, monospace): the page
    // shows the text, not the codes.
    const FORMATTING = /\u0003(\d{1,2}(,\d{1,2})?)?|[\u0002\u000f\u0011\u0016\u001d\u001e\u001f]/g;

    function stripFormatting(text) {
        return text.replace(FORMATTING, '');
    }

    /** One of {@code NICK_COLOURS} colour classes per nick, the same for a nick in any case, on every page. */
    const NICK_COLOURS = 12;

    function nickColour(nick) {
        let h = 0;
        for (const c of foldCase(nick)) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
        return h % NICK_COLOURS;
    }

    return { linkParts, mentionRanges, mentions, foldCase, stripFormatting, nickColour, NICK_COLOURS };
})();
if (typeof module === 'object') module.exports = ChatText;
