// What the user does on the chat page: a nick to start with, lines typed (messages and the commands chat-input.js
// reads), Tab completion, Alt+Up/Down between entries, joining and leaving. Loaded last: it starts the page.
'use strict';

/** A room or conversation message, kept until the server confirms it and resent with its id after a reconnect. */
function say(entry, text, action) {
    const p = { id: idPrefix + '-' + ++idCounter, text, action, waiting: false };
    if (entry.query) p.to = entry.name;
    else p.room = entry.name;
    chat.pending.set(p.id, p);
    send(pendingFrame(p));
}

/** Joins a room, or shows it if the page is in it already. */
function join(name, key) {
    const existing = chat.rooms.get(fold(name));
    chat.joining = fold(name);
    if (existing) showEntry(fold(name));
    else send(joinFrame(name, key, 0));
}

function openQuery(nick) {
    ensureQuery(nick);
    showEntry(fold(nick));
    $('text').focus();
}

/** One typed line, as chat-input.js reads it. False if it could not go (the box keeps what is left). */
function perform(line) {
    const c = ChatInput.parse(line);
    const entry = currentEntry();
    const room = currentRoom();
    switch (c.kind) {
        case 'say':
        case 'action':
            if (!entry) {
                notice('join a room first');
                return false;
            }
            say(entry, c.text, c.kind === 'action');
            return true;
        case 'msg':
            say(ensureQuery(c.to), c.text, false);
            render();
            return true;
        case 'query':
            openQuery(c.nick);
            if (c.text) say(currentEntry(), c.text, false);
            return true;
        case 'join':
            join(c.room, c.key);
            return true;
        case 'part':
            if (c.room) send({ type: 'part', room: c.room, reason: c.reason });
            else if (room) send({ type: 'part', room: room.name, reason: c.reason });
            else if (entry) closeEntry(chat.current);
            render();
            return true;
        case 'topic': {
            const target = c.room ? chat.rooms.get(fold(c.room)) : room;
            if (!target) {
                notice(c.room ? 'you are not in ' + c.room : 'a conversation has no topic');
                return false;
            }
            if (c.topic === undefined) note(target, target.topic ? 'topic of ' + target.name + ': ' + target.topic : target.name + ' has no topic');
            else send({ type: 'topic', room: target.name, topic: c.topic });
            return true;
        }
        case 'nick':
            chat.wantedNick = c.nick;
            send({ type: 'nick', nick: c.nick });
            return true;
        case 'away':
            send({ type: 'away', message: c.message });
            return true;
        case 'regain':
        case 'ghost':
            send({ type: c.kind, nick: c.nick });
            return true;
        case 'help':
            if (!entry) notice(ChatInput.HELP.map(([usage]) => usage).join(' \u00b7 '));
            for (const [usage, what] of ChatInput.HELP) note(entry, usage + ' \u2014 ' + what);
            return true;
        default:
            notice(c.message);
            return false;
    }
}

$('nick-form').addEventListener('submit', (e) => {
    e.preventDefault();
    chat.nick = $('nick').value.trim();
    $('nick-error').textContent = '';
    setStatus('connecting', 'connecting\u2026');
    if (chat.ws && chat.ws.readyState === WebSocket.OPEN) sendHello();
    else if (!chat.ws) connect(BASE);
});

$('say-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('text');
    notice('');
    // One message per line: the protocol (like IRC) carries no newlines.
    const lines = input.value.split(/\r?\n/);
    let done = 0;
    while (done < lines.length && (lines[done].trim() === '' || perform(lines[done]))) done++;
    input.value = lines.slice(done).join('\n'); // a line that could not go stays, with the ones after it
    renderPending();
});

let completion = null; // the last Tab completion, so that Tab again goes on to the next nick

$('text').addEventListener('keydown', (e) => {
    const input = $('text');
    if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        $('say-form').requestSubmit();
    } else if (e.key === 'Tab' && !e.shiftKey && !e.altKey && !e.ctrlKey) {
        const entry = currentEntry();
        const nicks = !entry ? [] : entry.query ? [entry.name] : entry.members;
        const done = ChatInput.completeNick(input.value, input.selectionStart, nicks, completion);
        if (done === null) return; // nothing to complete: Tab moves on, as everywhere
        e.preventDefault();
        completion = done;
        input.value = done.text;
        input.setSelectionRange(done.caret, done.caret);
    }
});

$('text').addEventListener('input', () => {
    completion = null;
});

// Alt+Up and Alt+Down go to the entry above and below in the list, from anywhere on the page.
document.addEventListener('keydown', (e) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || $('chat').hidden) return;
    const keys = entryKeys();
    if (keys.length === 0) return;
    e.preventDefault();
    const at = keys.indexOf(chat.current);
    showEntry(keys[(at + (e.key === 'ArrowDown' ? 1 : keys.length - 1)) % keys.length]);
});

// "#room" or "#room key", as IRC's JOIN takes them.
$('join-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const [first, key] = $('join-room').value.trim().split(/\s+/);
    if (!first) return;
    join(first.startsWith('#') ? first : '#' + first, key || '');
    $('join-room').value = '';
});

$('messages').addEventListener('scroll', () => {
    const list = $('messages');
    const room = currentRoom();
    if (!room || list.scrollTop >= list.clientHeight) return; // load when within a screen of the top
    if (room.older.error !== null && list.scrollTop === renderedTop) return; // after a failure, only the user retries
    loadOlder(room, false);
}, { passive: true });

$('load-older').addEventListener('click', () => {
    const room = currentRoom();
    if (room) loadOlder(room, true);
});

$('leave').addEventListener('click', () => {
    const room = currentRoom();
    if (room) send({ type: 'part', room: room.name });
    else if (currentEntry()) closeEntry(chat.current);
    render();
});

// Wide screens show the side panels open; a phone starts with them folded.
if (window.matchMedia('(max-width: 600px)').matches) {
    $('rooms-panel').open = false;
    $('members-panel').open = false;
}
$('nick').value = sessionStorage.getItem('syncnet.nick') || '';
fetchServers();
