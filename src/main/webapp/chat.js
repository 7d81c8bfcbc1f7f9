// SyncNet browser chat client: speaks docs/websocket-protocol.md over a WebSocket to any server of the cluster and
// fails over to the others by itself. This file holds the page's state, the connection and the server's frames;
// chat-view.js draws, chat-send.js reads the keyboard, chat-activity.js keeps unread counts and notifications,
// chat-channel.js and chat-account.js are the operator and account controls. Every text from the network is shown
// with textContent, never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const BASE = new URL('.', location.href).href.replace(/\/$/, ''); // http(s)://host:port/syncnet
// A page loaded over HTTPS reaches every member over HTTPS and WSS (a browser would block plain ones from it).
const SECURE = location.protocol === 'https:';
const PROTOCOL_VERSION = 5;
const RETRY_NICK_MS = 2000;   // a reconnect's nick may be held until the old server's failure is noticed (5 s)
const RETRY_NICK_TIMES = 15;
const RESEND_LATER_MS = 1000; // after RATE_LIMITED
const OPEN_TIMEOUT_MS = 3000;
const MAX_ITEMS = 1000;       // per entry on the page while it is read at its end; older ones come back by scrolling up
const MAX_SEEN = 50000;       // seqs remembered to show nothing twice; beyond, only those still on the page
const CONVERSATIONS_KEY = 'syncnet.conversations.'; // + fold(nick): the tab's conversations, in sessionStorage
const KEPT_PER_CONVERSATION = 200;

function randomKey(length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length));
    return Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
}

// rfc1459 casemapping: nicks and rooms compare with ASCII case and []\~ = {}|^ ignored.
const fold = ChatText.foldCase;
const isMe = (nick) => chat.nick !== null && fold(nick) === fold(chat.nick);

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
    // The page's entries: rooms by fold(name) and private conversations by fold(nick) (a nick never starts with #).
    // divider: the seq above which "new messages" is drawn, or null
    rooms: new Map(),    // { name, members: [], topic, items: [], divider, ops, voiced, modes, key, limit, bans, accounts }
    queries: new Map(),  // { name (the other's nick), items: [], divider, query: true }
    current: null,       // the key of the entry shown
    selected: null,      // fold(nick) of the member whose actions are open
    joining: null,       // fold(name) of the room the user last asked to join: shown once joined
    wantedNick: null,    // the nick the user last asked for with /nick
    away: new Map(),     // fold(nick) -> away message, of everyone the page knows to be away (itself included)
    pending: new Map(),  // id -> { id, room | to, text, action, waiting }: unconfirmed, resent with the same id
    servers: [],         // [{ id, url }] from api/cluster
    next: 0,             // rotation index into servers
    failures: 0,         // connection attempts failed in a row, for the backoff
    nickRetries: 0,
};

const entryOf = (name) => chat.rooms.get(fold(name)) || chat.queries.get(fold(name));
const currentEntry = () => (chat.current === null ? undefined : entryOf(chat.current));
/** The room shown, or undefined when a conversation (or nothing) is. */
const currentRoom = () => chat.rooms.get(chat.current);

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
        for (const room of chat.rooms.values()) note(room, 'lost the connection to ' + (chat.server || 'the server') + '; reconnecting');
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
    const hello = { type: 'hello', nick: chat.nick, session, version: PROTOCOL_VERSION, ...helloLogin() };
    if (chat.welcomed && chat.lastSeq > 0) hello.resumeFrom = chat.lastSeq;
    send(hello);
}

function pendingFrame(p) {
    const frame = p.to ? { type: 'private', id: p.id, to: p.to, text: p.text }
        : { type: 'message', id: p.id, room: p.room, text: p.text };
    if (p.action) frame.action = true;
    return frame;
}

function sendPending(onlyWaiting) {
    for (const p of chat.pending.values()) {
        if (onlyWaiting && !p.waiting) continue;
        p.waiting = false;
        send(pendingFrame(p));
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
            for (const room of chat.rooms.values()) note(room, 'reconnected to ' + f.server);
            // Rejoin with resumeFrom (harmless if the session already took the rooms over), then resend.
            for (const room of chat.rooms.values()) send(joinFrame(room.name, room.key, chat.lastSeq));
        } else {
            activityWelcomed();
            restoreConversations();
            if (chat.rooms.size === 0) send({ type: 'join', room: '#lobby' });
        }
        sendPending(false);
        fetchServers();
    },
    event(f) {
        const item = addMessage(f, false, false); // arrived draws
        if (item) arrived(fold(f.room), item);
    },
    private(f) {
        const item = addMessage(f, true, false);
        if (item) arrived(fold(isMe(f.from) ? f.to : f.from), item);
    },
    history(f) {
        const added = f.messages.map((m) => addMessage(m, false, false)).filter((i) => i !== null);
        const room = chat.rooms.get(fold(f.room));
        if (!room) return;
        room.historyShown = true; // from now on, scrolling up pages back from its oldest message
        replayed(fold(f.room), added);
        if (!f.complete) note(room, 'older messages are no longer held');
        render();
    },
    members(f) {
        const room = ensureRoom(f.room);
        room.members = f.nicks.slice();
        room.topic = f.topic;
        room.ops = new Set((f.ops || []).map(fold));
        room.voiced = new Set((f.voiced || []).map(fold));
        room.created = f.created || 0;
        room.accounts = new Map(Object.entries(f.accounts || {}).map(([nick, name]) => [fold(nick), name]));
        for (const nick of f.nicks) chat.away.delete(fold(nick));
        for (const [nick, message] of Object.entries(f.away || {})) chat.away.set(fold(nick), message);
        setModes(room, f);
        render();
    },
    presence(f) {
        const own = isMe(f.nick);
        if (f.change === 'join' && own) {
            ensureRoom(f.room);
            if (chat.joining === fold(f.room)) { // the user asked for it: shown at once
                chat.joining = null;
                showEntry(fold(f.room));
            }
        }
        const r = chat.rooms.get(fold(f.room));
        if (f.change === 'nick') renamed(f.nick, f.newNick);
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
            if (f.change === 'quit') chat.away.delete(fold(f.nick));
        }
        if (own && f.change === 'part') {
            closeEntry(fold(f.room));
        } else if (!own) {
            const what = { join: 'joined', part: 'left', quit: 'quit', nick: 'is now ' + f.newNick }[f.change] || f.change;
            note(r, f.nick + ' ' + what + (f.reason ? ' (' + f.reason + ')' : ''));
        }
        render();
    },
    topic(f) {
        const room = chat.rooms.get(fold(f.room));
        if (!room) return;
        room.topic = f.topic;
        note(room, f.nick + (f.topic ? ' set the topic: ' + f.topic : ' cleared the topic'));
        render();
    },
    away(f) {
        if (f.message) chat.away.set(fold(f.nick), f.message);
        else chat.away.delete(fold(f.nick));
        const query = chat.queries.get(fold(f.nick));
        if (isMe(f.nick)) {
            const said = f.message ? 'you are marked away: ' + f.message : 'you are back';
            const entry = currentEntry();
            if (entry) note(entry, said);
            else notice(said);
        } else if (query) {
            note(query, f.nick + (f.message ? ' is away: ' + f.message : ' is back'));
        }
        render();
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
                if (chat.registered) {
                    notice('not ' + (f.nick || chat.wantedNick) + ': ' + f.message); // a /nick refused: the nick stays
                } else if (chat.welcomed && f.code === 'NICK_IN_USE' && chat.nickRetries++ < RETRY_NICK_TIMES) {
                    // Our old connection may still hold the nick until its server's failure is noticed.
                    setStatus('reconnecting', 'nick still held by the old connection; retrying\u2026');
                    setTimeout(sendHello, RETRY_NICK_MS);
                } else {
                    askNick(f.message);
                }
                return;
            case 'RATE_LIMITED':
                if (p) setTimeout(() => chat.pending.has(p.id) && send(pendingFrame(p)), RESEND_LATER_MS);
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
                renderChannel(currentRoom()); // a refused mode change: the controls show the room as it is
        }
    },
};

// ---- the entries' messages -------------------------------------------------------------------------------

/** Adds a message to its room or conversation; returns its item, or null if it was shown before. */
function addMessage(m, isPrivate, redraw = true) {
    if (m.id !== undefined && chat.pending.delete(m.id)) renderPending();
    if (m.seq > chat.lastSeq) chat.lastSeq = m.seq;
    if (chat.seen.has(m.seq)) return null;
    chat.seen.add(m.seq);
    const entry = isPrivate ? ensureQuery(isMe(m.from) ? m.to : m.from) : chat.rooms.get(fold(m.room));
    if (!entry) return null;
    const item = messageItem(m, isPrivate);
    const at = entry.items.findIndex((i) => i.seq > m.seq); // history may arrive after newer events
    entry.items.splice(at < 0 ? entry.items.length : at, 0, item);
    if (entry.items.length > MAX_ITEMS && !readingBack(entry)) {
        entry.items.splice(0, entry.items.length - MAX_ITEMS);
        if (entry.older) entry.older.start = false; // its first messages are gone: scrolling up fetches them again
    }
    if (chat.seen.size > MAX_SEEN) {
        // A resume only brings seqs after the last one seen: older ones no longer need remembering.
        chat.seen = new Set([...chat.rooms.values(), ...chat.queries.values()]
            .flatMap((e) => e.items.filter((i) => !i.note).map((i) => i.seq)));
    }
    if (entry.query) saveConversations();
    if (redraw && entry === currentEntry()) render();
    return item;
}

// One shape for live, history-frame and history-API messages, so that all look the same. {@code mention} is the
// nick the message mentioned (any private message to the user counts), as held when it arrived; else null.
function messageItem(m, isPrivate) {
    const nick = isPrivate ? m.from : m.nick;
    const text = ChatText.stripFormatting(m.text);
    const mentioned = chat.nick !== null && !isMe(nick) && (isPrivate || ChatText.mentions(text, chat.nick));
    return { seq: m.seq, nick, text, time: m.time, to: isPrivate ? m.to : null, notice: m.notice === true,
        mention: mentioned ? chat.nick : null };
}

// The user is reading the entry shown further up than its end: keep what they may be looking at.
function readingBack(entry) {
    return entry === currentEntry() && !atEnd($('messages'));
}

function note(entry, text) {
    if (!entry) return;
    entry.items.push({ seq: chat.lastSeq + 0.5, note: text }); // sorts after what was seen so far
    if (entry === currentEntry()) render();
}

function ensureRoom(name) {
    const key = fold(name);
    if (!chat.rooms.has(key)) {
        chat.rooms.set(key, { name, members: [], topic: '', items: [], divider: null, historyShown: false,
            older: { loading: false, start: false, error: null, failedAt: 0 },
            ops: new Set(), voiced: new Set(), modes: '', key: '', limit: 0, bans: [], created: 0, accounts: new Map() });
    }
    if (!chat.current) chat.current = key;
    return chat.rooms.get(key);
}

/** The private conversation with {@code nick}, opened if it was not. */
function ensureQuery(nick) {
    const key = fold(nick);
    if (!chat.queries.has(key)) chat.queries.set(key, { name: nick, items: [], divider: null, query: true });
    return chat.queries.get(key);
}

/** A nick changed: a conversation with it follows it (a nick change of one's own comes as a nick frame too). */
function renamed(from, to) {
    if (chat.away.has(fold(from))) {
        chat.away.set(fold(to), chat.away.get(fold(from)));
        chat.away.delete(fold(from));
    }
    const query = chat.queries.get(fold(from));
    if (!query || isMe(to)) return;
    chat.queries.delete(fold(from));
    query.name = to;
    chat.queries.set(fold(to), query);
    unread.rename(fold(from), fold(to));
    if (chat.current === fold(from)) chat.current = fold(to);
    note(query, from + ' is now ' + to);
    saveConversations();
}

/** A room left or a conversation closed: the next entry is shown. */
function closeEntry(key) {
    chat.rooms.delete(key);
    if (chat.queries.delete(key)) saveConversations();
    forgetEntry(key);
    if (chat.current === key) {
        chat.current = null;
        const next = entryKeys()[0];
        if (next !== undefined) showEntry(next);
    }
}

// The server keeps no private messages: the tab keeps its conversations, so that a reload shows them again.
function saveConversations() {
    if (chat.nick === null) return;
    const saved = [...chat.queries.values()].map((q) => ({ name: q.name,
        items: q.items.filter((i) => !i.note).slice(-KEPT_PER_CONVERSATION).map(({ node, ...item }) => item) }));
    sessionStorage.setItem(CONVERSATIONS_KEY + fold(chat.nick), JSON.stringify(saved));
}

function restoreConversations() {
    let saved;
    try {
        saved = JSON.parse(sessionStorage.getItem(CONVERSATIONS_KEY + fold(chat.nick)) || '[]');
    } catch (e) {
        saved = []; // unreadable: start afresh
    }
    for (const q of Array.isArray(saved) ? saved : []) {
        if (typeof q.name !== 'string' || !Array.isArray(q.items)) continue;
        const query = ensureQuery(q.name);
        for (const item of q.items) {
            if (!Number.isSafeInteger(item.seq) || typeof item.text !== 'string' || chat.seen.has(item.seq)) continue;
            chat.seen.add(item.seq);
            query.items.push(item);
        }
    }
}

function conversationsRenamed(from) {
    sessionStorage.removeItem(CONVERSATIONS_KEY + fold(from));
    saveConversations();
}

/** Every entry's key, in the order the list shows them: rooms, then conversations. */
function entryKeys() {
    return [...chat.rooms.keys(), ...chat.queries.keys()];
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
