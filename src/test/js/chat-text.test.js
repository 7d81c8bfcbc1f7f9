'use strict';
// Node's built-in test runner: node --test src/test/js/
const test = require('node:test');
const assert = require('node:assert/strict');
const { linkParts, mentionRanges, mentions, stripFormatting, nickColour, NICK_COLOURS } =
    require('../../main/webapp/chat-text.js');

const links = (text) => linkParts(text).filter((p) => p.href).map((p) => p.href);
const joined = (text) => linkParts(text).map((p) => p.text).join('');

test('http and https URLs become links, and the parts give the text back', () => {
    const text = 'see https://example.org/a?b=1#c and http://x.test:8080/p, then stop.';
    assert.deepEqual(links(text), ['https://example.org/a?b=1#c', 'http://x.test:8080/p']);
    assert.equal(joined(text), text);
    assert.deepEqual(linkParts('plain'), [{ text: 'plain' }]);
    assert.deepEqual(linkParts(''), [{ text: '' }]);
});

test('only http and https: javascript:, data:, file: and the like stay text', () => {
    for (const text of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>',
        'file:///etc/passwd', 'ftp://example.org', 'vbscript:x', '//example.org', 'www.example.org',
        'xhttps://example.org', 'https://', 'http:///path']) {
        assert.deepEqual(links(text), [], text);
        assert.equal(joined(text), text);
    }
});

test('a URL with a user name is not a link: it shows one host and goes to another', () => {
    assert.deepEqual(links('https://bank.example@evil.example/login'), []);
    assert.deepEqual(links('https://user:pw@host.example'), []);
});

test('a URL cannot smuggle another scheme or markup into its link', () => {
    assert.deepEqual(links('https://a.org/"><img src=x onerror=alert(1)>'), ['https://a.org/']);
    assert.deepEqual(links('<a href="https://evil.org">x</a>'), ['https://evil.org/']);
    const parts = linkParts('https://a.org/<script>');
    assert.equal(parts[0].href, 'https://a.org/');
    assert.equal(parts.map((p) => p.text).join(''), 'https://a.org/<script>');
});

test('trailing punctuation and unopened brackets are not part of a link', () => {
    assert.deepEqual(links('(see https://en.wikipedia.org/wiki/Foo_(bar)).'), ['https://en.wikipedia.org/wiki/Foo_(bar)']);
    assert.deepEqual(links('https://a.org/x.'), ['https://a.org/x']);
    assert.deepEqual(links('[https://a.org/x]'), ['https://a.org/x']);
    assert.deepEqual(links('"https://a.org/x",'), ['https://a.org/x']);
});

test('bidi controls and zero-width characters end a link', () => {
    assert.deepEqual(links('https://bank.example\u202e/moc.live'), ['https://bank.example/']);
    assert.deepEqual(links('https://pay\u200b.example.org'), ['https://pay/']);
    assert.deepEqual(links('https://a.org/x\u2066y'), ['https://a.org/x']);
    assert.equal(joined('https://bank.example\u202e/moc.live'), 'https://bank.example\u202e/moc.live');
});

test('very long words and URLs stay text beyond the limit, without slowness', () => {
    const word = 'a'.repeat(100000);
    assert.deepEqual(linkParts(word), [{ text: word }]);
    const long = 'https://a.org/' + 'x'.repeat(5000);
    assert.deepEqual(links(long), []);
    const many = 'https:// '.repeat(5000);
    const started = Date.now();
    assert.deepEqual(links(many), []);
    assert.ok(Date.now() - started < 1000);
});

test('a mention is the nick as a whole word, under IRC casemapping', () => {
    assert.ok(mentions('hi Alice!', 'alice'));
    assert.ok(mentions('ALICE: ping', 'alice'));
    assert.ok(mentions('{bob} around?', '[Bob]'), 'rfc1459: [] equal {}');
    assert.ok(mentions('ping x|y', 'X\\Y'));
    assert.ok(!mentions('malice aforethought', 'alice'));
    assert.ok(!mentions('alice_ is away', 'alice'), '_ belongs to a nick');
    assert.ok(!mentions('alice-2', 'alice'));
    assert.ok(!mentions('nothing here', ''));
    assert.deepEqual(mentionRanges('alice, alice and Alice', 'alice'), [[0, 5], [7, 12], [17, 22]]);
});

test('IRC formatting codes are not shown, the text is', () => {
    assert.equal(stripFormatting('\u0002bold\u0002 \u000304,12red on blue\u000f plain \u001ditalic\u001d'),
        'bold red on blue plain italic');
    assert.equal(stripFormatting('\u00031,2x \u0003y \u00039z'), 'x y z');
    assert.equal(stripFormatting('\u0001ACTION waves\u0001'), '\u0001ACTION waves\u0001', 'CTCP is not formatting');
});

test('a nick has one colour in any case, and nicks spread over the colours', () => {
    assert.equal(nickColour('Alice'), nickColour('alice'));
    assert.equal(nickColour('[bob]'), nickColour('{BOB}'));
    const used = new Set();
    for (let i = 0; i < 200; i++) {
        const c = nickColour('user' + i);
        assert.ok(Number.isInteger(c) && c >= 0 && c < NICK_COLOURS);
        used.add(c);
    }
    assert.equal(used.size, NICK_COLOURS);
});
