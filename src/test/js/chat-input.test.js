'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { parse, completeNick, HELP } = require('../../main/webapp/chat-input.js');

test('plain text is said; "//" says a line that starts with "/"', () => {
    assert.deepEqual(parse('hello /me'), { kind: 'say', text: 'hello /me' });
    assert.deepEqual(parse('//me is a command'), { kind: 'say', text: '/me is a command' });
});

test('each command and its arguments', () => {
    assert.deepEqual(parse('/me waves  at you'), { kind: 'action', text: 'waves  at you' });
    assert.deepEqual(parse('/msg bob hi  there'), { kind: 'msg', to: 'bob', text: 'hi  there' });
    assert.deepEqual(parse('/MSG bob hi'), { kind: 'msg', to: 'bob', text: 'hi' }, 'commands ignore case');
    assert.deepEqual(parse('/query bob'), { kind: 'query', nick: 'bob', text: '' });
    assert.deepEqual(parse('/query bob are you there?'), { kind: 'query', nick: 'bob', text: 'are you there?' });
    assert.deepEqual(parse('/join #rust'), { kind: 'join', room: '#rust', key: '' });
    assert.deepEqual(parse('/join rust s3cret'), { kind: 'join', room: '#rust', key: 's3cret' });
    assert.deepEqual(parse('/part'), { kind: 'part', room: null, reason: '' });
    assert.deepEqual(parse('/part bye all'), { kind: 'part', room: null, reason: 'bye all' });
    assert.deepEqual(parse('/part #rust see you'), { kind: 'part', room: '#rust', reason: 'see you' });
    assert.deepEqual(parse('/close'), { kind: 'part', room: null, reason: '' });
    assert.deepEqual(parse('/topic'), { kind: 'topic', room: null });
    assert.deepEqual(parse('/topic Release on Friday'), { kind: 'topic', room: null, topic: 'Release on Friday' });
    assert.deepEqual(parse('/topic #rust'), { kind: 'topic', room: '#rust' });
    assert.deepEqual(parse('/topic #rust new topic'), { kind: 'topic', room: '#rust', topic: 'new topic' });
    assert.deepEqual(parse('/nick robert'), { kind: 'nick', nick: 'robert' });
    assert.deepEqual(parse('/away lunch, back at 2'), { kind: 'away', message: 'lunch, back at 2' });
    assert.deepEqual(parse('/away'), { kind: 'away', message: 'away' });
    assert.deepEqual(parse('/back'), { kind: 'away', message: '' });
    assert.deepEqual(parse('/regain alice'), { kind: 'regain', nick: 'alice' });
    assert.deepEqual(parse('/ghost alice'), { kind: 'ghost', nick: 'alice' });
    assert.deepEqual(parse('/help'), { kind: 'help' });
});

test('a command without what it needs says its usage; an unknown one says so', () => {
    assert.deepEqual(parse('/me'), { kind: 'error', message: 'usage: /me <action>' });
    assert.deepEqual(parse('/msg bob'), { kind: 'error', message: 'usage: /msg <nick> <text>' });
    assert.deepEqual(parse('/nick a b'), { kind: 'error', message: 'usage: /nick <nick>' });
    assert.deepEqual(parse('/join'), { kind: 'error', message: 'usage: /join <#room> [key]' });
    assert.deepEqual(parse('/back now'), { kind: 'error', message: 'usage: /back' });
    assert.equal(parse('/frobnicate x').kind, 'error');
    assert.match(parse('/frobnicate x').message, /unknown command \/frobnicate/);
    assert.equal(parse('/').kind, 'error');
    assert.equal(parse('/ x').kind, 'error');
});

test('help lists every command the parser knows', () => {
    for (const [usage] of HELP) {
        assert.notEqual(parse(usage.split(' ')[0] + ' a b').message?.startsWith('unknown'), true, usage);
    }
});

test('Tab completes a nick: ": " at the start of the line, a space elsewhere, case and rfc1459 folded', () => {
    const nicks = ['alice', 'Albert', 'bob', '[m]ax'];
    assert.deepEqual(pick(completeNick('al', 2, nicks, null)), { text: 'Albert: ', caret: 8 });
    assert.deepEqual(pick(completeNick('hi AL', 5, nicks, null)), { text: 'hi Albert ', caret: 10 });
    assert.deepEqual(pick(completeNick('hi {M', 5, nicks, null)), { text: 'hi [m]ax ', caret: 9 });
    assert.deepEqual(pick(completeNick('hi bo how', 5, nicks, null)), { text: 'hi bob how', caret: 7 });
    assert.equal(completeNick('hi zed', 6, nicks, null), null);
    assert.equal(completeNick('hi ', 3, nicks, null), null, 'no word: nothing to complete');
});

test('Tab again goes on to the next match, and round', () => {
    const nicks = ['alice', 'Albert', 'bob'];
    const first = completeNick('al', 2, nicks, null);
    const second = completeNick(first.text, first.caret, nicks, first);
    assert.deepEqual(pick(second), { text: 'alice: ', caret: 7 });
    const third = completeNick(second.text, second.caret, nicks, second);
    assert.deepEqual(pick(third), { text: 'Albert: ', caret: 8 });
    assert.equal(completeNick('alice: x', 8, nicks, second), null, 'typed on: a new word, no match');
});

function pick(r) {
    return r && { text: r.text, caret: r.caret };
}
