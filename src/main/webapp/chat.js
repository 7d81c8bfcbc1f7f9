// SyncNet browser chat client: speaks docs/websocket-protocol.md over a WebSocket to any
// server of the cluster and fails over to the others by itself. Every text from the network is shown with
// textContent, never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const BASE = new URL('.', location.href).href.replace(/\/$/, ''); // http(s)://host:port/syncnet
// A page loaded over HTTPS reaches every member over HTTPS and WSS (a browser would block plain ones from it).
const SECURE = location.protocol === 'https:';
const RETRY_NICK_MS = 2000;   // a reconnect's nick may be held until the old server's failure is noticed (5 s)
const RETRY_NICK_TIMES = 15;
const RESEND_LATER_MS = 1000; // after RATE_LIMITED
const OPEN_TIMEOUT_MS = 3000;
const MAX_ITEMS = 1000;       // per room on the page while it is read at its end; older ones come back by scrolling up
const MAX_SEEN = 50000;       // seqs remembered to show nothing twice; beyond, only those still on the page
const OLDER_PAGE = 50;        // messages per request to the history API when scrolling back
const OLDER_TIMEOUT_MS = 5000;
const OLDER_RETRY_MS = 2000;  // after a failure, scrolling tries again no sooner (the button at once)

function randomKey(length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length));
    return Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
}

// rfc1459 casemapping: nicks and rooms compare with ASCII case and []\~ = {}|^ ignored.
const fold = (s) => s.replace(/[A-Z[\]\\~]/g, (c) => ({ '[': '{', ']': '}', '\\': '|', '~': '^' })[c] || c.toLowerCase());

const session = sessionStorage.getItem('syncnet.session') || randomKey(16);
sessionStorage.setItem('syncnet.session', session);
const idPrefix = randomKey(6); // per page: ids are unique per client
let idCounter = 0;

const chat = {
    nick: null,
    welcomed: false,     // registered at least once: later hellos are reconnects
    registered: false,   // this connection got its welcome: chat frames may go out
    ws: null,
    server: null,
    leader: null,
    lastSeq: 0,          // the highest seq seen: resumeFrom on a reconnect
    seen: new Set(),     // seqs shown (seq is cluster-wide), to show nothing twice
    rooms: new Map(),    // fold(name) -> { name, members: [], topic, items: [], ops, voiced, modes, key, limit, bans }
    current: null,       // fold(name) of the room shown
    selected: null,      // fold(nick) of the member whose operator actions are open
    pending: new Map(),  // id -> { id, room, text, to?, waiting }: unconfirmed, resent with the same id
    servers: [],         // [{ id, url }] from api/cluster
    next: 0,             // rotation index into servers
    failures: 0,         // connection attempts failed in a row, for the backoff
    nickRetries: 0,
};

// ---- connection ------------------------------------------------------------------------------------------

function setStatus(state, text) {
    document.body.dataset.state = state;
    $('status').textContent = text;
}

function showConnected() {
    setStatus('connected', 'connected to ' + chat.server + ' \u00b7 '
        + (chat.leader ? 'leader ' + chat.leader : 'no leader: messages wait'));
}

async function fetchServers() {
    const current = chat.servers.find((s) => s.id === chat.server);
    const candidates = [...new Set([...(current ? [current.url] : []), BASE, ...chat.servers.map((s) => s.url)])];
    for (const base of candidates) {
        try {
            const response = await fetch(base + '/api/cluster', { cache: 'no-store', signal: AbortSignal.timeout(2000) });
            if (!response.ok) continue;
            const view = await response.json();
            const servers = view.members.map((m) => ({ id: m.id, url: SECURE ? m.httpsUrl : m.url }))
                .filter((s) => typeof s.url === 'string');
            if (servers.length) {
                chat.servers = servers;
                return;
            }
        } catch (e) {
            // that server does not answer: ask the next one
        }
    }
}

function wsUrl(base) {
    return base.replace(/^http/, 'ws') + '/chat'; // https: -> wss:
}

function connect(base) {
    const ws = new WebSocket(wsUrl(base));
    chat.ws = ws;
    chat.registered = false;
    const openTimer = setTimeout(() => ws.close(), OPEN_TIMEOUT_MS);
    ws.onopen = () => {
        clearTimeout(openTimer);
        sendHello();
    };
    ws.onmessage = (e) => {
        // protocol version 2 and later: one or more objects a frame, one per line
        for (const line of String(e.data).split('\n')) {
            if (ws !== chat.ws) return;
            let frame;
            try {
                frame = JSON.parse(line);
            } catch (err) {
                continue;
            }
            const handler = handlers[frame.type];
            if (handler) handler(frame);
        }
    };
    ws.onclose = () => {
        clearTimeout(openTimer);
        if (ws !== chat.ws) return; // replaced on purpose
        chat.ws = null;
        if (chat.nick === null) return; // asking for a nick: connect again once there is one
        lostConnection();
    };
}

function lostConnection() {
    if (chat.failures++ === 0) {
        for (const room of chat.rooms.values()) note(room.name, 'lost the connection to ' + (chat.server || 'the server') + '; reconnecting');
    }
    setStatus('reconnecting', (chat.server ? 'lost ' + chat.server + ' \u00b7 ' : '') + 'reconnecting\u2026');
    const delay = Math.min(5000, 200 * 2 ** Math.min(chat.failures - 1, 5)) * (0.75 + Math.random() / 2);
    setTimeout(reconnect, delay);
}

async function reconnect() {
    await fetchServers();
    if (!chat.servers.length) {
        connect(BASE);
        return;
    }
    // Rotate through all servers, starting after the one that was just lost.
    const lost = chat.servers.findIndex((s) => s.id === chat.server);
    if (chat.failures === 1 && lost >= 0) chat.next = lost + 1;
    const target = chat.servers[chat.next % chat.servers.length];
    chat.next = (chat.next + 1) % chat.servers.length;
    setStatus('reconnecting', 'reconnecting to ' + target.id + '\u2026');
    connect(target.url);
}

function send(frame) {
    if (chat.ws && chat.ws.readyState === WebSocket.OPEN && (chat.registered || frame.type === 'hello')) {
        chat.ws.send(JSON.stringify(frame));
        return true;
    }
    return false;
}

function sendHello() {
    const hello = { type: 'hello', nick: chat.nick, session, version: 4, ...helloLogin() };
    if (chat.welcomed && chat.lastSeq > 0) hello.resumeFrom = chat.lastSeq;
    send(hello);
}

function sendPending(onlyWaiting) {
    for (const p of chat.pending.values()) {
        if (onlyWaiting && !p.waiting) continue;
        p.waiting = false;
        send(p.to ? { type: 'private', id: p.id, to: p.to, text: p.text } : { type: 'message', id: p.id, room: p.room, text: p.text });
    }
}

// ---- server frames ---------------------------------------------------------------------------------------

const handlers = {
    welcome(f) {
        const reconnect = chat.welcomed;
        chat.welcomed = true;
        chat.registered = true;
        chat.failures = 0;
        chat.nickRetries = 0;
        chat.nick = f.nick;
        chat.server = f.server;
        chat.leader = f.leader || null;
        sessionStorage.setItem('syncnet.nick', f.nick);
        $('start').hidden = true;
        $('chat').hidden = false;
        showConnected();
        accountWelcomed();
        if (reconnect) {
            for (const room of chat.rooms.values()) note(room.name, 'reconnected to ' + f.server);
            // Rejoin with resumeFrom (harmless if the session already took the rooms over), then resend.
            for (const room of chat.rooms.values()) send(joinFrame(room.name, room.key, chat.lastSeq));
        } else if (chat.rooms.size === 0) {
            send({ type: 'join', room: '#lobby' });
        }
        sendPending(false);
        fetchServers();
    },
    event(f) {
        addMessage(f, false);
    },
    private(f) {
        addMessage(f, true);
    },
    history(f) {
        for (const m of f.messages) addMessage(m, false, false);
        const room = chat.rooms.get(fold(f.room));
        if (room) room.historyShown = true; // from now on, scrolling up pages back from its oldest message
        if (!f.complete) note(f.room, 'older messages are no longer held');
        if (room && room === chat.rooms.get(chat.current)) render();
    },
    members(f) {
        const room = ensureRoom(f.room);
        room.members = f.nicks.slice();
        room.topic = f.topic;
        room.ops = new Set((f.ops || []).map(fold));
        room.voiced = new Set((f.voiced || []).map(fold));
        room.created = f.created || 0;
        room.accounts = new Map(Object.entries(f.accounts || {}).map(([nick, name]) => [fold(nick), name]));
        setModes(room, f);
        render();
    },
    presence(f) {
        const own = fold(f.nick) === fold(chat.nick || '');
        if (f.change === 'join' && own) {
            ensureRoom(f.room);
            if (!chat.current) chat.current = fold(f.room);
        }
        const r = chat.rooms.get(fold(f.room));
        if (!r) return;
        presenceAccount(r, f);
        if (f.change === 'join') {
            r.members = [...r.members.filter((n) => fold(n) !== fold(f.nick)), f.nick];
        } else if (f.change === 'nick') {
            r.members = r.members.map((n) => (fold(n) === fold(f.nick) ? f.newNick : n));
            for (const status of [r.ops, r.voiced]) {
                if (status.delete(fold(f.nick))) status.add(fold(f.newNick));
            }
        } else {
            dropMember(r, f.nick);
        }
        if (own && f.change === 'part') {
            chat.rooms.delete(fold(f.room));
            if (chat.current === fold(f.room)) chat.current = chat.rooms.keys().next().value || null;
        } else if (!own) {
            const what = { join: 'joined', part: 'left', quit: 'quit', nick: 'is now ' + f.newNick }[f.change] || f.change;
            note(f.room, f.nick + ' ' + what + (f.reason ? ' (' + f.reason + ')' : ''));
        }
        render();
    },
    topic(f) {
        const room = chat.rooms.get(fold(f.room));
        if (!room) return;
        room.topic = f.topic;
        note(f.room, f.nick + (f.topic ? ' set the topic: ' + f.topic : ' cleared the topic'));
        render();
    },
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
        note(f.room, f.nick + ' sets ' + f.changes.map(changeText).join(' '));
        render();
    },
    kick(f) {
        const key = fold(f.room);
        const room = chat.rooms.get(key);
        if (!room) return;
        const why = f.reason ? ' (' + f.reason + ')' : '';
        if (fold(f.target) === fold(chat.nick || '')) {
            chat.rooms.delete(key);
            if (chat.current === key) chat.current = chat.rooms.keys().next().value || null;
            notice(f.nick + ' kicked you from ' + room.name + why);
        } else {
            dropMember(room, f.target);
            note(f.room, f.nick + ' kicked ' + f.target + why);
        }
        render();
    },
    invite(f) {
        if (fold(f.target) === fold(chat.nick || '')) showInvitation(f.room, f.nick);
        else note(f.room, f.nick + ' invited ' + f.target);
    },
    cluster(f) {
        chat.server = f.server;
        chat.leader = f.leader || null;
        showConnected();
        if (chat.leader) sendPending(true);
    },
    error(f) {
        if (accountError(f)) return;
        const p = f.id !== undefined ? chat.pending.get(f.id) : undefined;
        switch (f.code) {
            case 'BAD_NICK':
            case 'NICK_IN_USE':
                if (chat.welcomed && f.code === 'NICK_IN_USE' && chat.nickRetries++ < RETRY_NICK_TIMES) {
                    // Our old connection may still hold the nick until its server's failure is noticed.
                    setStatus('reconnecting', 'nick still held by the old connection; retrying\u2026');
                    setTimeout(sendHello, RETRY_NICK_MS);
                } else {
                    askNick(f.message);
                }
                return;
            case 'RATE_LIMITED':
                if (p) setTimeout(() => chat.pending.has(p.id) && send(p.to ? { type: 'private', id: p.id, to: p.to, text: p.text }
                    : { type: 'message', id: p.id, room: p.room, text: p.text }), RESEND_LATER_MS);
                else if (!chat.registered) setTimeout(sendHello, RESEND_LATER_MS);
                else notice('slow down: ' + f.message);
                return;
            case 'UNAVAILABLE':
                if (p) p.waiting = true;
                chat.leader = null;
                showConnected();
                return;
            case 'REPLACED':
                chat.nick = null; // stop: another window took this session over
                chat.ws = null;
                setStatus('replaced', 'this session continues in another window');
                return;
            case 'KILLED':
                chat.nick = null; // stop: a server operator ended it; reconnecting would defy that
                chat.ws = null;
                setStatus('replaced', 'disconnected by a server operator: ' + f.message);
                return;
            case 'TOO_SLOW':
                notice('the server dropped this slow connection; reconnecting');
                return; // the close that follows reconnects and resumes
            case 'NOT_REGISTERED': // sent before the welcome: pending messages go out again after it
                return;
            case 'ALREADY_REGISTERED':
                return;
            default:
                // The server's message says why in a sentence, naming the room ("#room is invite-only").
                if (p) {
                    chat.pending.delete(p.id); // refused: never resend it
                    renderPending();
                    notice('not sent: \u201c' + p.text + '\u201d: ' + f.message);
                } else {
                    notice(f.message);
                }
                renderChannel(chat.rooms.get(chat.current)); // a refused mode change: the controls show the room as it is
        }
    },
};

function addMessage(m, isPrivate, redraw = true) {
    if (m.id !== undefined && chat.pending.delete(m.id)) renderPending();
    if (m.seq > chat.lastSeq) chat.lastSeq = m.seq;
    if (chat.seen.has(m.seq)) return;
    chat.seen.add(m.seq);
    const room = isPrivate ? chat.rooms.get(chat.current) : chat.rooms.get(fold(m.room));
    if (!room) return;
    const item = messageItem(m, isPrivate);
    const at = room.items.findIndex((i) => i.seq > m.seq); // history may arrive after newer events
    room.items.splice(at < 0 ? room.items.length : at, 0, item);
    if (room.items.length > MAX_ITEMS && !readingBack(room)) {
        room.items.splice(0, room.items.length - MAX_ITEMS);
        room.older.start = false; // its first messages are gone from the page: scrolling up fetches them again
    }
    if (chat.seen.size > MAX_SEEN) {
        // A resume only brings seqs after the last one seen: older ones no longer need remembering.
        chat.seen = new Set([...chat.rooms.values()].flatMap((r) => r.items.filter((i) => !i.note).map((i) => i.seq)));
    }
    if (redraw && room === chat.rooms.get(chat.current)) render();
}

// One shape for live, history-frame and history-API messages, so that all look the same.
function messageItem(m, isPrivate) {
    return { seq: m.seq, nick: isPrivate ? m.from : m.nick, text: m.text, time: m.time, to: isPrivate ? m.to : null,
        notice: m.notice === true };
}

// The user is reading the room shown further up than its end: keep what they may be looking at.
function readingBack(room) {
    return room === chat.rooms.get(chat.current) && !atEnd($('messages'));
}

function atEnd(list) {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 40;
}

function note(roomName, text) {
    const room = chat.rooms.get(fold(roomName));
    if (!room) return;
    room.items.push({ seq: chat.lastSeq + 0.5, note: text }); // sorts after what was seen so far
    if (room === chat.rooms.get(chat.current)) render();
}

function ensureRoom(name) {
    const key = fold(name);
    if (!chat.rooms.has(key)) {
        chat.rooms.set(key, { name, members: [], topic: '', items: [], historyShown: false,
            older: { loading: false, start: false, error: null, failedAt: 0 },
            ops: new Set(), voiced: new Set(), modes: '', key: '', limit: 0, bans: [], created: 0, accounts: new Map() });
    }
    if (!chat.current) chat.current = key;
    return chat.rooms.get(key);
}

// ---- rendering (textContent only) ------------------------------------------------------------------------

function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
}

function render() {
    const rooms = $('rooms');
    rooms.replaceChildren();
    for (const [key, room] of chat.rooms) {
        const b = el('button', key === chat.current ? 'room current' : 'room', room.name);
        b.type = 'button';
        b.onclick = () => { chat.current = key; chat.selected = null; render(); };
        rooms.appendChild(el('li')).appendChild(b);
    }
    const room = chat.rooms.get(chat.current);
    $('room-name').textContent = room ? room.name : 'no room';
    $('topic').textContent = room ? room.topic : '';
    $('leave').hidden = !room;
    renderMembers(room);
    renderChannel(room);
    const list = $('messages');
    const shown = room ? chat.current : '';
    const sameRoom = list.dataset.room === shown;
    const atBottom = !sameRoom || atEnd(list); // another room opens at its end
    const anchor = atBottom ? null : firstVisible(list);
    // Everything after the marker of older messages is redrawn; the marker stays, and with it a focused button.
    const stale = document.createRange();
    stale.setStartAfter($('older'));
    stale.setEnd(list, list.childNodes.length);
    stale.deleteContents();
    if (room) list.append(...room.items.map(renderItem));
    list.dataset.room = shown;
    renderOlder(room);
    if (atBottom) list.scrollTop = list.scrollHeight;
    else if (anchor) keepInPlace(list, anchor);
    renderedTop = list.scrollTop;
    // A room that does not fill the list cannot be scrolled up: fill it from the history by itself.
    // After a failure only the user tries again (scrolling, the button), so a short room does not poll.
    if (room && room.older.error === null && list.clientHeight > 0 && list.scrollHeight <= list.clientHeight) {
        loadOlder(room, false);
    }
    renderPending();
}

let renderedTop = 0; // where render left the list: a scroll event there is the page's own, not the user's

// The first message at least partly in view, and where: after a redraw it is put back exactly there.
function firstVisible(list) {
    const top = list.getBoundingClientRect().top;
    for (const li of list.querySelectorAll('li.msg')) {
        const box = li.getBoundingClientRect();
        if (box.bottom > top) return { seq: li.dataset.seq, offset: box.top - top };
    }
    return null;
}

function keepInPlace(list, anchor) {
    const li = list.querySelector('li.msg[data-seq="' + anchor.seq + '"]');
    if (li) list.scrollTop += li.getBoundingClientRect().top - list.getBoundingClientRect().top - anchor.offset;
}

function renderOlder(room) {
    const marker = $('older');
    const button = $('load-older');
    marker.hidden = !room;
    if (!room) return;
    const older = room.older;
    const text = $('older-text');
    text.textContent = older.start ? 'beginning of ' + room.name
        : older.loading ? 'loading older messages\u2026' : older.error || '';
    text.title = text.textContent; // a long error may not fit a phone's width
    marker.classList.toggle('failed', older.error !== null && !older.loading);
    const noButton = older.start || !room.historyShown;
    if (noButton && document.activeElement === button) $('messages').focus();
    button.hidden = noButton;
    button.setAttribute('aria-disabled', String(older.loading));
    button.textContent = older.error !== null ? 'Try again' : 'Load older messages';
}

// ---- older messages: the history API (docs/history.md) -------------------------------------------------------

// The page before the oldest message the room shows, prepended; the view stays where it is (render's anchor).
async function loadOlder(room, byUser) {
    const older = room.older;
    if (older.loading || older.start || !room.historyShown) return;
    if (older.error !== null && !byUser && Date.now() - older.failedAt < OLDER_RETRY_MS) return;
    older.loading = true;
    older.error = null;
    renderOlder(room);
    try {
        const page = await fetchOlder(room.name, oldestSeq(room));
        if (chat.rooms.get(fold(room.name)) !== room) return; // left meanwhile
        const added = prependOlder(room, page.messages);
        older.start = page.before === null;
        if (!older.start && added === 0) throw new Error('older messages could not be loaded (an empty page)');
    } catch (e) {
        older.error = e.message;
        older.failedAt = Date.now();
    } finally {
        older.loading = false;
    }
    if (room === chat.rooms.get(chat.current)) render();
}

function oldestSeq(room) {
    let oldest = null;
    for (const i of room.items) {
        if (!i.note && !i.to && (oldest === null || i.seq < oldest)) oldest = i.seq;
    }
    return oldest; // null: nothing shown yet, ask for the newest page
}

// The server the page is connected to first (after a failover, the page's own server may be gone), then the
// page's own; every member's pages may read it (CORS for member origins, like api/cluster).
async function fetchOlder(roomName, before) {
    const current = chat.servers.find((s) => s.id === chat.server);
    const bases = [...new Set([...(current ? [current.url] : []), BASE])];
    const path = '/api/rooms/' + encodeURIComponent(roomName) + '/messages?limit=' + OLDER_PAGE
        + (before === null ? '' : '&before=' + before);
    let failure = null;
    for (const base of bases) {
        try {
            const response = await fetch(base + path,
                { cache: 'no-store', signal: AbortSignal.timeout(OLDER_TIMEOUT_MS) });
            const body = await response.json().catch(() => null);
            if (response.ok && body && Array.isArray(body.messages)) return body;
            failure = failure || olderFailure(response.status, body);
        } catch (e) {
            failure = failure || 'older messages could not be loaded: the server does not answer';
        }
    }
    throw new Error(failure);
}

function olderFailure(status, body) {
    const code = body && body.error;
    if (code === 'HISTORY_OFF') return 'older messages are not kept on this server';
    if (code === 'HISTORY_UNAVAILABLE') return 'older messages cannot be read just now';
    return 'older messages could not be loaded ('
        + (body && typeof body.message === 'string' ? body.message : 'HTTP ' + status) + ')';
}

// Adds what the room does not show yet (by seq: a page may overlap the join history); returns how many.
function prependOlder(room, messages) {
    const shown = new Set(room.items.filter((i) => !i.note).map((i) => i.seq));
    const fresh = [];
    for (const m of messages) {
        if (!Number.isSafeInteger(m.seq) || typeof m.nick !== 'string' || typeof m.text !== 'string') continue;
        if (shown.has(m.seq)) continue;
        shown.add(m.seq);
        chat.seen.add(m.seq); // the same message arriving live later is not shown twice
        fresh.push(messageItem(m, false));
    }
    fresh.sort((a, b) => a.seq - b.seq);
    // Merge without reordering what is shown (notes sit where they were added).
    const merged = [];
    let k = 0;
    for (const item of room.items) {
        while (k < fresh.length && fresh[k].seq < item.seq) merged.push(fresh[k++]);
        merged.push(item);
    }
    merged.push(...fresh.slice(k));
    room.items = merged;
    return fresh.length;
}

// An IRC user's "/me waves" arrives as CTCP: \u0001ACTION waves\u0001.
const ACTION = /^\u0001ACTION (.*?)\u0001?$/s;

function renderItem(i) {
    if (i.note) return el('li', 'note', i.note);
    const action = ACTION.exec(i.text);
    const li = el('li', 'msg' + (i.to ? ' private' : '') + (i.notice ? ' notice' : '') + (action ? ' action' : ''));
    li.dataset.seq = String(i.seq);
    let nick = i.to ? i.nick + ' \u2192 ' + i.to : i.nick;
    if (action) nick = '* ' + nick;
    else if (i.notice) nick = '-' + nick + '-';
    li.append(el('time', 'time', new Date(i.time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })),
        el('span', 'nick', nick), el('span', 'text', action ? action[1] : i.text));
    return li;
}

function renderPending() {
    $('pending').replaceChildren(...[...chat.pending.values()].map((p) => {
        const li = el('li', 'msg pending');
        li.append(el('span', 'nick', p.to ? chat.nick + ' \u2192 ' + p.to : chat.nick), el('span', 'text', p.text),
            el('span', 'state', p.waiting ? 'waiting for a leader' : 'sending\u2026'));
        return li;
    }));
}

function notice(text) {
    $('notice').textContent = text;
}

function askNick(message) {
    chat.nick = null; // the connection stays open for the next hello; if it closes meanwhile, submit reconnects
    forgetLogin();
    $('start').hidden = false;
    $('nick-form').hidden = false;
    $('chat').hidden = true;
    $('nick-error').textContent = message || '';
    setStatus('start', 'not connected');
}

// ---- channel operators and modes (docs/websocket-protocol.md, version 3) ---------------------------------

const MODE_NAMES = { i: 'invite-only', k: 'has a key', l: 'user limit', m: 'moderated', n: 'no messages from outside',
    s: 'secret', t: 'only operators set the topic' };

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

let membersShown = ''; // what the list shows: redrawn only when that changes, so a control keeps its focus and text

function renderMembers(room) {
    const op = isOperator(room);
    const nicks = room ? sortedMembers(room) : [];
    const shown = JSON.stringify([chat.current, op, chat.selected,
        nicks.map((n) => prefix(room, n) + n + ' ' + (room.accounts.get(fold(n)) || ''))]);
    if (shown === membersShown) return;
    membersShown = shown;
    const list = $('members');
    const focused = list.contains(document.activeElement) ? document.activeElement.dataset.focus : undefined;
    list.replaceChildren(...nicks.map((n) => memberItem(room, n, op)));
    const again = focused && [...list.querySelectorAll('[data-focus]')].find((e) => e.dataset.focus === focused);
    if (again) again.focus();
}

function memberItem(room, nick, op) {
    const li = el('li', 'member');
    const label = [el('span', 'prefix', prefix(room, nick)), el('span', 'member-nick', nick), accountMark(room, nick)];
    if (!op || fold(nick) === fold(chat.nick || '')) {
        li.append(...label);
        return li;
    }
    const open = chat.selected === fold(nick);
    const toggle = control(nick, 'toggle', '', () => {
        chat.selected = open ? null : fold(nick);
        render();
    });
    toggle.className = 'member-name';
    toggle.append(...label);
    toggle.setAttribute('aria-expanded', String(open));
    toggle.title = 'operator actions for ' + nick;
    li.append(toggle);
    if (open) li.append(memberActions(room, nick));
    return li;
}

// Op/deop, voice/devoice, kick and ban: the page knows no member's host, so a ban is of the nick (nick!*@*).
function memberActions(room, nick) {
    const box = el('div', 'member-actions');
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', 'actions for ' + nick);
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

function control(nick, what, text, onClick) {
    const b = el('button', 'control', text);
    b.type = 'button';
    b.dataset.focus = nick + '|' + what;
    b.onclick = onClick;
    return b;
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

function currentRoom() {
    return chat.rooms.get(chat.current);
}

$('invitation-join').addEventListener('click', () => {
    if (chat.invitation) send(joinFrame(chat.invitation, '', 0));
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

// ---- accounts (docs/websocket-protocol.md, "Accounts", version 4) ---------------------------------------------

// The login token lives in localStorage of the page's origin: the page fails over to other members (other origins,
// which a cookie would not reach) and presents it in every hello. Removed on logout and when a server refuses it.
const TOKEN_KEY = 'syncnet.token';

const account = {
    name: '',              // the account this connection is logged in to ('' none), as the server last said
    password: null,        // for the next hello only (logging in from the start screen), then forgotten
    registration: null,    // { password, email } to send once welcomed (registering from the start screen)
    helloToken: false,     // the last hello presented the stored token
    regain: null,          // a nick to take back once logged in to its account
    lost: null,            // the registered nick this page was renamed away from
};

// What the hello logs in with: a password typed on the start screen, else the stored token (not when registering).
function helloLogin() {
    const token = localStorage.getItem(TOKEN_KEY);
    account.helloToken = !account.password && !account.registration && !!token;
    if (account.password) return { password: account.password };
    return account.helloToken ? { token } : {};
}

function accountWelcomed() {
    account.name = ''; // until the server says otherwise: an account frame follows a hello that logged in
    account.password = null;
    if (account.registration) {
        send({ type: 'register', password: account.registration.password, ...emailField(account.registration.email) });
        account.registration = null;
    }
    renderAccount();
}

const emailField = (email) => (email ? { email } : {});

// A refused hello: the login it carried is not tried again with another nick.
function forgetLogin() {
    account.password = null;
    account.registration = null;
}

// The account errors; true if handled. Before the welcome they concern the hello: the start screen says why.
function accountError(f) {
    const before = !chat.registered;
    if (before && f.code === 'LOGIN_FAILED' && account.helloToken) {
        localStorage.removeItem(TOKEN_KEY); // refused: ended, expired or forged; go on without it
        $('account-error').textContent = f.message;
        sendHello();
        return true;
    }
    if (before && ['NICK_REGISTERED', 'LOGIN_FAILED', 'LOGIN_THROTTLED', 'BAD_PASSWORD'].includes(f.code)) {
        askNick(f.code === 'NICK_REGISTERED' ? f.message : '');
        if (f.nick) $('account-nick').value = f.nick;
        $('account-error').textContent = f.code === 'NICK_REGISTERED' ? 'log in to use ' + f.nick : f.message;
        $('password').focus();
        return true;
    }
    if (!before && f.code === 'NICK_REGISTERED') {
        account.lost = f.nick;
        $('nick-lost-text').textContent = f.nick + ' is registered: you are now ' + chat.nick + '.';
        $('nick-lost').hidden = false;
        return true;
    }
    if (['LOGIN_FAILED', 'LOGIN_THROTTLED', 'BAD_PASSWORD', 'BAD_EMAIL', 'REGISTRATION_LIMITED', 'ACCOUNT_EXISTS',
        'ACCOUNT_NOT_NICK', 'NO_SUCH_ACCOUNT', 'ALREADY_LOGGED_IN', 'NOT_LOGGED_IN', 'NOT_NICK_OWNER'].includes(f.code)) {
        const form = !$('password-form').hidden ? 'password-error' : !$('start').hidden ? 'account-error' : null;
        if (form) $(form).textContent = f.message;
        else notice(f.message);
        return true;
    }
    return false;
}

Object.assign(handlers, {
    account(f) {
        account.name = f.account;
        if (f.token) localStorage.setItem(TOKEN_KEY, f.token);
        if (f.account === '') localStorage.removeItem(TOKEN_KEY);
        for (const room of chat.rooms.values()) setAccount(room, chat.nick, f.account);
        const said = { register: 'registered ' + f.account, logout: 'logged out',
            drop: 'the account was dropped: logged out', password: 'password changed' }[f.change];
        if (said) accountNote(said);
        if (f.change === 'password') $('password-form').hidden = true;
        if (f.account && (f.change === 'login' || f.change === 'register') && chat.registered) {
            $('start').hidden = true;
            $('password').value = '';
            if (account.regain && fold(account.regain) === fold(f.account)) regain(account.regain);
        }
        renderAccount();
        render();
    },
    memberAccount(f) {
        for (const room of chat.rooms.values()) setAccount(room, f.nick, f.account);
        render();
    },
    nick(f) {
        chat.nick = f.newNick;
        sessionStorage.setItem('syncnet.nick', f.newNick);
        if (account.lost && fold(f.newNick) === fold(account.lost)) {
            account.lost = null;
            $('nick-lost').hidden = true;
        }
        accountNote('you are now ' + f.newNick);
    },
});

// Said in the room shown, as the page's other notes are; the header shows the account itself.
function accountNote(text) {
    const room = chat.rooms.get(chat.current);
    if (room) note(room.name, text);
}

function setAccount(room, nick, name) {
    if (!room.members.some((n) => fold(n) === fold(nick || ''))) return;
    if (name) room.accounts.set(fold(nick), name);
    else room.accounts.delete(fold(nick));
}

// A join says who is logged in; a nick change keeps the account with its member.
function presenceAccount(room, f) {
    const name = room.accounts.get(fold(f.nick));
    room.accounts.delete(fold(f.nick));
    if (f.change === 'join' && f.account) room.accounts.set(fold(f.nick), f.account);
    if (f.change === 'nick' && name) room.accounts.set(fold(f.newNick), name);
}

function accountMark(room, nick) {
    const name = room.accounts.get(fold(nick));
    const mark = el('span', 'acct', name ? '\u2713' : '');
    if (name) mark.title = 'logged in as ' + name;
    return mark;
}

function renderAccount() {
    const logged = account.name !== '';
    $('account-bar').hidden = !chat.registered;
    $('account-name').textContent = logged ? 'logged in as ' + account.name : 'not logged in';
    $('logout').hidden = !logged;
    $('change-password').hidden = !logged;
    $('show-login').hidden = logged;
}

function regain(nick) {
    account.regain = null;
    send({ type: 'regain', nick });
}

// "/regain nick" and "/ghost nick": take one's registered nick back, or disconnect whoever holds it.
function accountCommand(line) {
    const command = /^\/(regain|ghost)\s+(\S+)\s*$/.exec(line);
    if (command) send({ type: command[1], nick: command[2] });
    return command !== null;
}

// Log in: from the start screen with the hello; while chatting, to any account whatever the nick.
$('account-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = $('account-nick').value.trim();
    $('account-error').textContent = '';
    if (chat.registered) {
        send({ type: 'login', account: name, password: $('password').value });
        return;
    }
    account.password = $('password').value;
    start(name);
});

// Register: the nick one holds, so from the start screen the hello takes it first.
$('register').addEventListener('click', () => {
    if (!$('account-form').reportValidity()) return;
    const registration = { password: $('password').value, email: $('email').value.trim() };
    $('account-error').textContent = '';
    if (chat.registered) {
        send({ type: 'register', password: registration.password, ...emailField(registration.email) });
        return;
    }
    account.registration = registration;
    start($('account-nick').value.trim());
});

function start(nick) {
    chat.nick = nick;
    setStatus('connecting', 'connecting\u2026');
    if (chat.ws && chat.ws.readyState === WebSocket.OPEN) sendHello();
    else if (!chat.ws) connect(BASE);
}

$('show-login').addEventListener('click', () => {
    $('nick-form').hidden = true;
    $('start').hidden = !$('start').hidden;
    if ($('account-nick').value === '') $('account-nick').value = account.lost || chat.nick || '';
    $('password').focus();
});

$('nick-regain').addEventListener('click', () => {
    if (fold(account.name) === fold(account.lost || '')) {
        regain(account.lost);
        return;
    }
    account.regain = account.lost;
    $('account-nick').value = account.lost;
    $('nick-form').hidden = true;
    $('start').hidden = false;
    $('account-error').textContent = 'log in to ' + account.lost + ' to take it back';
    $('password').focus();
});

$('logout').addEventListener('click', () => send({ type: 'logout' }));

$('account-nick').value = sessionStorage.getItem('syncnet.nick') || '';

$('change-password').addEventListener('click', () => {
    $('password-form').hidden = !$('password-form').hidden;
    $('password-error').textContent = '';
    $('current-password').focus();
});

$('password-cancel').addEventListener('click', () => {
    $('password-form').hidden = true;
});

$('password-form').addEventListener('submit', (e) => {
    e.preventDefault();
    $('password-error').textContent = '';
    send({ type: 'password', password: $('current-password').value, newPassword: $('new-password').value });
    $('current-password').value = '';
    $('new-password').value = '';
});

// ---- user input --------------------------------------------------------------------------------------------

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
    // One message per line: the protocol (like IRC) carries no newlines.
    for (const line of input.value.split(/\r?\n/)) {
        if (line.trim() === '' || accountCommand(line)) continue;
        const priv = /^\/msg\s+(\S+)\s+(.+)$/.exec(line);
        if (!priv && !chat.current) { notice('join a room first'); return; }
        const p = { id: idPrefix + '-' + ++idCounter, text: priv ? priv[2] : line, waiting: false };
        if (priv) p.to = priv[1]; else p.room = chat.rooms.get(chat.current).name;
        chat.pending.set(p.id, p);
        send(p.to ? { type: 'private', id: p.id, to: p.to, text: p.text } : { type: 'message', id: p.id, room: p.room, text: p.text });
    }
    input.value = '';
    notice('');
    renderPending();
});

$('text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        $('say-form').requestSubmit();
    }
});

// "#room" or "#room key", as IRC's JOIN takes them.
$('join-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const [first, key] = $('join-room').value.trim().split(/\s+/);
    if (!first) return;
    const name = first.startsWith('#') ? first : '#' + first;
    const existing = chat.rooms.get(fold(name));
    if (existing) chat.current = fold(name);
    else send(joinFrame(name, key || '', 0));
    $('join-room').value = '';
    render();
});

$('messages').addEventListener('scroll', () => {
    const list = $('messages');
    const room = chat.rooms.get(chat.current);
    if (!room || list.scrollTop >= list.clientHeight) return; // load when within a screen of the top
    if (room.older.error !== null && list.scrollTop === renderedTop) return; // after a failure, only the user retries
    loadOlder(room, false);
}, { passive: true });

$('load-older').addEventListener('click', () => {
    const room = chat.rooms.get(chat.current);
    if (room) loadOlder(room, true);
});

$('leave').addEventListener('click', () => {
    const room = chat.rooms.get(chat.current);
    if (room) send({ type: 'part', room: room.name });
});

// Wide screens show the side panels open; a phone starts with them folded.
if (window.matchMedia('(max-width: 600px)').matches) {
    $('rooms-panel').open = false;
    $('members-panel').open = false;
}
$('nick').value = sessionStorage.getItem('syncnet.nick') || '';
fetchServers();
