'use strict';
// What the user types, apart from the DOM so that Node's test runner checks it (src/test/js/chat-input.test.js): a
// line as a command or a message, and Tab completion of nicks.
const ChatInput = (() => {
    const fold = (typeof ChatText === 'object' ? ChatText : require('./chat-text.js')).foldCase;

    /** The commands /help lists: usage and what it does. */
    const HELP = [
        ['/me <action>', 'say what you do: "/me waves" shows "* you waves"'],
        ['/msg <nick> <text>', 'a private message; the conversation gets its own entry'],
        ['/query <nick> [text]', 'open a private conversation with nick (and say text)'],
        ['/join <#room> [key]', 'join a room (the key of a +k room)'],
        ['/part [#room] [reason]', 'leave this room (or #room); in a conversation, close it'],
        ['/topic [text]', 'show the room\u2019s topic, or set it'],
        ['/nick <nick>', 'change your nick'],
        ['/away [message]', 'mark yourself away'],
        ['/back', 'no longer away'],
        ['/regain <nick>', 'take your account\u2019s nick back'],
        ['/ghost <nick>', 'disconnect whoever holds your account\u2019s nick'],
        ['/help', 'this list'],
    ];

    const usage = (name) => HELP.find(([u]) => u.split(' ')[0] === '/' + name)[0];

    /**
     * One line of input as what it asks for, an object with a {@code kind}: say, action, msg, query, join, part,
     * topic, nick, away, regain, ghost, help, or error (with a {@code message} for the user). "//text" says "/text".
     */
    function parse(line) {
        if (!line.startsWith('/') || line.startsWith('//')) {
            return { kind: 'say', text: line.startsWith('//') ? line.slice(1) : line };
        }
        const match = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(line);
        if (!match) return { kind: 'error', message: 'type a command after the /, or /help' };
        const name = match[1].toLowerCase();
        const rest = (match[2] || '').trim();
        const words = rest === '' ? [] : rest.split(/\s+/);
        const tail = (n) => words.slice(0, n).reduce((s) => s.replace(/^\S+\s*/, ''), rest); // after n words
        const wrong = () => ({ kind: 'error', message: 'usage: ' + usage(name) });
        switch (name) {
            case 'me':
                return rest ? { kind: 'action', text: rest } : wrong();
            case 'msg':
                return words.length >= 2 ? { kind: 'msg', to: words[0], text: tail(1) } : wrong();
            case 'query':
                return words.length >= 1 ? { kind: 'query', nick: words[0], text: words.length > 1 ? tail(1) : '' } : wrong();
            case 'join':
                if (words.length < 1 || words.length > 2) return wrong();
                return { kind: 'join', room: words[0].startsWith('#') ? words[0] : '#' + words[0], key: words[1] || '' };
            case 'part':
            case 'leave':
            case 'close':
                if (words.length && words[0].startsWith('#')) return { kind: 'part', room: words[0], reason: tail(1) };
                return { kind: 'part', room: null, reason: rest };
            case 'topic':
                if (words.length && words[0].startsWith('#')) {
                    return words.length > 1 ? { kind: 'topic', room: words[0], topic: tail(1) } : { kind: 'topic', room: words[0] };
                }
                return rest ? { kind: 'topic', room: null, topic: rest } : { kind: 'topic', room: null };
            case 'nick':
                return words.length === 1 ? { kind: 'nick', nick: words[0] } : wrong();
            case 'away':
                return { kind: 'away', message: rest || 'away' };
            case 'back':
                return rest ? wrong() : { kind: 'away', message: '' };
            case 'regain':
            case 'ghost':
                return words.length === 1 ? { kind: name, nick: words[0] } : wrong();
            case 'help':
                return { kind: 'help' };
            default:
                return { kind: 'error', message: 'unknown command /' + match[1] + ' (/help lists them; //text says /text)' };
        }
    }

    /**
     * Tab completion of the word before the caret among {@code nicks}, IRC-style: a nick at the start of the line
     * gets ": ", elsewhere a space; Tab again right after (the text and caret as the last completion left them)
     * goes on to the next match. Returns {text, caret, ...} to pass back as {@code previous}, or null: no match.
     */
    function completeNick(text, caret, nicks, previous) {
        if (previous && previous.text === text && previous.caret === caret) {
            return fill(previous, (previous.index + 1) % previous.matches.length);
        }
        const start = text.slice(0, caret).search(/\S*$/);
        const word = text.slice(start, caret);
        if (word === '') return null;
        const matches = nicks.filter((n) => fold(n).startsWith(fold(word)))
            .sort((a, b) => (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0));
        if (matches.length === 0) return null;
        return fill({ before: text.slice(0, start), after: text.slice(caret), matches }, 0);
    }

    function fill(base, index) {
        const nick = base.matches[index];
        const suffix = base.before === '' ? ': ' : ' ';
        const after = base.after.startsWith(' ') ? base.after.slice(1) : base.after;
        const text = base.before + nick + suffix + after;
        return { ...base, index, text, caret: base.before.length + nick.length + suffix.length };
    }

    return { parse, completeNick, HELP };
})();
if (typeof module === 'object') module.exports = ChatInput;
