// The chat page's channel operator controls (docs/websocket-protocol.md, "Channel operators and modes"): a room's
// modes, key, limit, bans, invitations and the operator actions on members.
'use strict';

const MODE_NAMES = { i: 'invite-only', k: 'has a key', l: 'user limit', m: 'moderated', n: 'no messages from outside',
    s: 'secret', t: 'only operators set the topic' };

Object.assign(handlers, {
    mode(f) {
        const room = chat.rooms.get(fold(f.room));
        if (!room) return;
        for (const c of f.changes) {
            const status = c.mode === 'o' ? room.ops : c.mode === 'v' ? room.voiced : null;
            if (status && typeof c.arg === 'string') {
                if (c.set) status.add(fold(c.arg));
                else status.delete(fold(c.arg));
            }
        }
        setModes(room, f);
        note(room, f.nick + ' sets ' + f.changes.map(changeText).join(' '));
        render();
    },
    kick(f) {
        const room = chat.rooms.get(fold(f.room));
        if (!room) return;
        const why = f.reason ? ' (' + f.reason + ')' : '';
        if (isMe(f.target)) {
            closeEntry(fold(f.room));
            notice(f.nick + ' kicked you from ' + room.name + why);
        } else {
            dropMember(room, f.target);
            note(room, f.nick + ' kicked ' + f.target + why);
        }
        render();
    },
    invite(f) {
        if (isMe(f.target)) showInvitation(f.room, f.nick);
        else note(chat.rooms.get(fold(f.room)), f.nick + ' invited ' + f.target);
    },
});

function joinFrame(name, key, resumeFrom) {
    const frame = { type: 'join', room: name };
    if (resumeFrom > 0) frame.resumeFrom = resumeFrom;
    if (key) frame.key = key;
    return frame;
}

// The room's modes as the server says they now are (members and mode frames carry all of them).
function setModes(room, f) {
    room.modes = typeof f.modes === 'string' ? f.modes : '';
    room.key = typeof f.key === 'string' ? f.key : '';
    room.limit = Number.isSafeInteger(f.limit) ? f.limit : 0;
    if (Array.isArray(f.bans)) room.bans = f.bans;
}

function dropMember(room, nick) {
    room.members = room.members.filter((n) => fold(n) !== fold(nick));
    room.ops.delete(fold(nick));
    room.voiced.delete(fold(nick));
    room.accounts.delete(fold(nick));
}

const changeText = (c) => (c.set ? '+' : '-') + c.mode + (c.arg ? ' ' + c.arg : '');

const hasMode = (room, letter) => room.modes.slice(1).includes(letter);

function isOperator(room) {
    return room !== undefined && room.ops.has(fold(chat.nick || ''));
}

function prefix(room, nick) {
    return room.ops.has(fold(nick)) ? '@' : room.voiced.has(fold(nick)) ? '+' : '';
}

// As IRC clients list them: operators, then voiced members, then the others, each alphabetically.
function sortedMembers(room) {
    const rank = (n) => ({ '@': 0, '+': 1 })[prefix(room, n)] ?? 2;
    return room.members.slice().sort((a, b) => rank(a) - rank(b) || (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0));
}

function sendModes(room, changes) {
    send({ type: 'mode', room: room.name, changes });
}

// A private message to the member; to an operator also op/deop, voice/devoice, kick and ban: the page knows no
// member's host, so a ban is of the nick (nick!*@*).
function memberActions(room, nick, op) {
    const box = el('div', 'member-actions');
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', 'actions for ' + nick);
    box.append(control(nick, 'query', 'Private message', () => openQuery(nick)));
    if (!op) return box;
    const isOp = room.ops.has(fold(nick));
    const isVoiced = room.voiced.has(fold(nick));
    const reason = el('input', 'kick-reason');
    reason.dataset.focus = nick + '|reason';
    reason.maxLength = 300;
    reason.placeholder = 'reason (optional)';
    reason.setAttribute('aria-label', 'reason for kicking ' + nick);
    box.append(
        control(nick, 'op', isOp ? 'Remove operator' : 'Make operator',
            () => sendModes(room, [{ set: !isOp, mode: 'o', arg: nick }])),
        control(nick, 'voice', isVoiced ? 'Remove voice' : 'Give voice',
            () => sendModes(room, [{ set: !isVoiced, mode: 'v', arg: nick }])),
        reason,
        control(nick, 'kick', 'Kick', () => send({ type: 'kick', room: room.name, nick, reason: reason.value.trim() })),
        control(nick, 'ban', 'Ban and kick', () => {
            sendModes(room, [{ set: true, mode: 'b', arg: nick + '!*@*' }]);
            send({ type: 'kick', room: room.name, nick, reason: reason.value.trim() });
        }));
    return box;
}

// The modes next to the topic; the settings to operators (and the topic to everyone when the room is -t).
function renderChannel(room) {
    const modes = $('room-modes');
    modes.textContent = room && room.modes.length > 1 ? room.modes + (room.limit ? ' ' + room.limit : '') : '';
    modes.title = room ? [...room.modes.slice(1)].map((l) => MODE_NAMES[l] || l).join(', ') : '';
    const op = isOperator(room);
    const panel = $('room-settings');
    panel.hidden = !room || !(op || (room.modes !== '' && !hasMode(room, 't')));
    if (panel.hidden) return;
    for (const e of panel.querySelectorAll('.op-only')) e.hidden = !op;
    for (const box of panel.querySelectorAll('input[data-mode]')) box.checked = hasMode(room, box.dataset.mode);
    fill($('topic-input'), room, room.topic);
    fill($('key-input'), room, room.key);
    fill($('limit-input'), room, room.limit ? String(room.limit) : '');
    renderBans(room);
}

// An input shows the room's value when that changes, or another room is shown; never while the user edits it.
function fill(input, room, value) {
    const stamp = room.name + '\n' + value;
    if (input.dataset.filled === stamp) return;
    input.dataset.filled = stamp;
    input.value = value;
}

let bansShown = '';

function renderBans(room) {
    const shown = JSON.stringify([room.name, room.bans]);
    if (shown === bansShown) return;
    bansShown = shown;
    const items = room.bans.map((b) => {
        const li = el('li', 'ban');
        const remove = el('button', 'control', 'Remove');
        remove.type = 'button';
        remove.setAttribute('aria-label', 'remove the ban on ' + b.mask);
        remove.onclick = () => sendModes(room, [{ set: false, mode: 'b', arg: b.mask }]);
        li.append(el('span', 'mask', b.mask), el('span', 'by', 'by ' + String(b.by).split('!')[0]), remove);
        return li;
    });
    $('bans').replaceChildren(...(items.length ? items : [el('li', 'none', 'nobody is banned')]));
}

function showInvitation(room, by) {
    chat.invitation = room;
    $('invitation-text').textContent = by + ' invited you to ' + room;
    $('invitation').hidden = false;
}

$('invitation-join').addEventListener('click', () => {
    if (chat.invitation) join(chat.invitation, '');
    $('invitation').hidden = true;
});

$('invitation-dismiss').addEventListener('click', () => {
    $('invitation').hidden = true;
});

for (const box of document.querySelectorAll('#room-settings input[data-mode]')) {
    box.addEventListener('change', () => {
        const room = currentRoom();
        if (room) sendModes(room, [{ set: box.checked, mode: box.dataset.mode }]);
    });
}

$('topic-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const room = currentRoom();
    if (room) send({ type: 'topic', room: room.name, topic: $('topic-input').value.trim() });
});

$('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const room = currentRoom();
    const key = $('key-input').value.trim();
    if (room && key) sendModes(room, [{ set: true, mode: 'k', arg: key }]);
});

$('key-clear').addEventListener('click', () => {
    const room = currentRoom();
    if (room) sendModes(room, [{ set: false, mode: 'k' }]);
});

$('limit-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const room = currentRoom();
    const limit = $('limit-input').value.trim();
    if (room && limit) sendModes(room, [{ set: true, mode: 'l', arg: limit }]);
});

$('limit-clear').addEventListener('click', () => {
    const room = currentRoom();
    if (room) sendModes(room, [{ set: false, mode: 'l' }]);
});

$('invite-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const room = currentRoom();
    const nick = $('invite-nick').value.trim();
    if (room && nick) send({ type: 'invite', room: room.name, nick });
    $('invite-nick').value = '';
});

$('ban-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const room = currentRoom();
    const mask = $('ban-mask').value.trim();
    if (room && mask) sendModes(room, [{ set: true, mode: 'b', arg: mask }]);
    $('ban-mask').value = '';
});

