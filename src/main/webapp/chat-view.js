// The chat page's drawing (textContent only, links as <a> elements the page makes itself): the list of rooms and
// conversations, the messages of the entry shown with their days and the "new messages" divider, the members, and
// older messages fetched from the history API as the user scrolls up.
'use strict';

const OLDER_PAGE = 50;        // messages per request to the history API when scrolling back
const OLDER_TIMEOUT_MS = 5000;
const OLDER_RETRY_MS = 2000;  // after a failure, scrolling tries again no sooner (the button at once)

function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
}

/** Shows the entry with this key: what was unread in it is read, below a divider where it began. */
function showEntry(key) {
    const before = currentEntry();
    if (before) before.divider = null;
    chat.current = key;
    chat.selected = null;
    const entry = currentEntry();
    if (entry) entry.divider = unread.firstUnreadSeq(key);
    markRead();
    render();
}

function render() {
    renderEntries();
    const entry = currentEntry();
    const room = currentRoom();
    $('room-name').textContent = entry ? entry.name : 'no room';
    $('topic').textContent = room ? room.topic : entry ? conversationLine(entry) : '';
    $('leave').hidden = !entry;
    $('leave').textContent = room ? 'Leave' : 'Close';
    $('text').placeholder = room ? 'Message ' + room.name + ' \u00b7 /help' : entry ? 'Message ' + entry.name : '';
    renderMembers(entry);
    renderChannel(room);
    const list = $('messages');
    const shown = entry ? chat.current : '';
    const sameEntry = list.dataset.room === shown;
    const atBottom = !sameEntry || atEnd(list); // another entry opens at its end (or its divider)
    const anchor = atBottom ? null : firstVisible(list);
    // Everything after the marker of older messages is redrawn; the marker stays, and with it a focused button.
    const stale = document.createRange();
    stale.setStartAfter($('older'));
    stale.setEnd(list, list.childNodes.length);
    stale.deleteContents();
    if (entry) list.append(...itemNodes(entry));
    list.dataset.room = shown;
    renderOlder(room);
    const divider = list.querySelector('.divider');
    if (!sameEntry && divider) list.scrollTop = divider.offsetTop - list.offsetTop;
    else if (atBottom) list.scrollTop = list.scrollHeight;
    else if (anchor) keepInPlace(list, anchor);
    renderedTop = list.scrollTop;
    // A room that does not fill the list cannot be scrolled up: fill it from the history by itself.
    // After a failure only the user tries again (scrolling, the button), so a short room does not poll.
    if (room && room.older.error === null && list.clientHeight > 0 && list.scrollHeight <= list.clientHeight) {
        loadOlder(room, false);
    }
    renderPending();
    renderActivity();
}

function conversationLine(entry) {
    const away = chat.away.get(fold(entry.name));
    return 'private conversation' + (away ? ' \u00b7 ' + entry.name + ' is away: ' + away : '');
}

// ---- the rooms and conversations ---------------------------------------------------------------------------

function renderEntries() {
    const rooms = [...chat.rooms.entries()].map(([key, room]) => entryItem(key, room));
    const queries = [...chat.queries.entries()].map(([key, query]) => entryItem(key, query));
    $('rooms').replaceChildren(...rooms);
    $('queries').replaceChildren(...queries);
    $('queries-title').hidden = queries.length === 0;
}

function entryItem(key, entry) {
    const count = unread.count(key);
    const mentioned = unread.mentioned(key);
    const b = el('button', 'room' + (key === chat.current ? ' current' : '') + (count ? ' unread' : '')
        + (mentioned ? ' mentioned' : ''));
    b.type = 'button';
    b.dataset.key = key;
    if (key === chat.current) b.setAttribute('aria-current', 'true');
    b.append(el('span', 'room-name', entry.name));
    if (entry.query && chat.away.has(key)) b.append(el('span', 'away-mark', ' (away)'));
    if (count) {
        const badge = el('span', 'badge', (mentioned ? '@' : '') + count);
        badge.setAttribute('aria-label', count + ' unread' + (mentioned ? ', you are mentioned' : ''));
        b.append(badge);
    }
    b.onclick = () => showEntry(key);
    const li = el('li');
    li.append(b);
    return li;
}

// ---- messages ----------------------------------------------------------------------------------------------

/** The entry's items as list elements, with a separator before each day's first and the divider before unread. */
function itemNodes(entry) {
    const nodes = [];
    let day = null;
    let divided = false;
    const now = Date.now();
    for (const item of entry.items) {
        if (!item.note) {
            const itemDay = ChatTime.dayKey(item.time);
            if (itemDay !== day) {
                day = itemDay;
                const sep = el('li', 'day', ChatTime.dayLabel(item.time, now));
                sep.setAttribute('role', 'separator');
                nodes.push(sep);
            }
            if (!divided && entry.divider !== null && item.seq >= entry.divider) {
                divided = true;
                const divider = el('li', 'divider', 'new messages');
                divider.setAttribute('role', 'separator');
                nodes.push(divider);
            }
        }
        nodes.push(itemNode(item));
    }
    return nodes;
}

/** An item's element, made once and kept with it (a redraw re-attaches it; the mention does not change). */
function itemNode(item) {
    if (!item.node) item.node = renderItem(item);
    return item.node;
}

// An IRC user's (and the page's own) "/me waves" arrives as CTCP: \u0001ACTION waves\u0001.
const ACTION = /^\u0001ACTION (.*?)\u0001?$/s;

function renderItem(i) {
    if (i.note) return el('li', 'note', i.note);
    const action = ACTION.exec(i.text);
    const li = el('li', 'msg' + (i.to ? ' private' : '') + (i.notice ? ' notice' : '') + (action ? ' action' : '')
        + (i.mention ? ' mention' : ''));
    li.dataset.seq = String(i.seq);
    let nick = i.nick; // a private message is in its conversation: who it is to goes without saying
    if (action) nick = '* ' + nick;
    else if (i.notice) nick = '-' + nick + '-';
    const time = el('time', 'time', ChatTime.clock(i.time));
    time.dateTime = new Date(i.time).toISOString();
    time.title = ChatTime.full(i.time);
    const text = el('span', 'text');
    text.append(...textNodes(action ? action[1] : i.text, i.mention));
    li.append(time, el('span', 'nick c' + ChatText.nickColour(i.nick), nick), text);
    return li;
}

/** A message's text as text nodes, http(s) links as <a> (a new tab, no referrer), and the user's nick marked. */
function textNodes(text, mentioned) {
    return ChatText.linkParts(text).flatMap((part) => {
        if (part.href) {
            const a = el('a', 'link', part.text);
            a.href = part.href;
            a.rel = 'noopener noreferrer';
            a.target = '_blank';
            return [a];
        }
        if (!mentioned) return [document.createTextNode(part.text)];
        const nodes = [];
        let from = 0;
        for (const [start, end] of ChatText.mentionRanges(part.text, mentioned)) {
            nodes.push(document.createTextNode(part.text.slice(from, start)), el('mark', 'me', part.text.slice(start, end)));
            from = end;
        }
        nodes.push(document.createTextNode(part.text.slice(from)));
        return nodes;
    });
}

let renderedTop = 0; // where render left the list: a scroll event there is the page's own, not the user's

function atEnd(list) {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 40;
}

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

function renderPending() {
    $('pending').replaceChildren(...[...chat.pending.values()].map((p) => {
        const li = el('li', 'msg pending' + (p.action ? ' action' : ''));
        const who = p.to ? chat.nick + ' \u2192 ' + p.to : chat.nick;
        li.append(el('span', 'nick', p.action ? '* ' + who : who), el('span', 'text', p.text),
            el('span', 'state', p.waiting ? 'waiting for a leader' : 'sending\u2026'));
        return li;
    }));
}

// ---- members -----------------------------------------------------------------------------------------------

let membersShown = ''; // what the list shows: redrawn only when that changes, so a control keeps its focus and text

/** A room's members; in a conversation, the other one. */
function renderMembers(entry) {
    const room = entry && !entry.query ? entry : undefined;
    const op = isOperator(room);
    const nicks = room ? sortedMembers(room) : entry ? [entry.name] : [];
    const shown = JSON.stringify([chat.current, op, chat.selected, nicks.map((n) => (room ? prefix(room, n) : '') + n
        + ' ' + (room ? room.accounts.get(fold(n)) || '' : '') + ' ' + (chat.away.get(fold(n)) || ''))]);
    if (shown === membersShown) return;
    membersShown = shown;
    const list = $('members');
    const focused = list.contains(document.activeElement) ? document.activeElement.dataset.focus : undefined;
    list.replaceChildren(...nicks.map((n) => memberItem(room, n, op)));
    const again = focused && [...list.querySelectorAll('[data-focus]')].find((e) => e.dataset.focus === focused);
    if (again) again.focus();
}

// A member's name opens its actions: a private message, and to an operator the operator actions.
function memberItem(room, nick, op) {
    const away = chat.away.get(fold(nick));
    const li = el('li', 'member' + (away ? ' away' : ''));
    const label = [el('span', 'prefix', room ? prefix(room, nick) : ''), el('span', 'member-nick c' + ChatText.nickColour(nick), nick)];
    if (room) label.push(accountMark(room, nick));
    if (away) label.push(el('span', 'away-mark', ' (away)'));
    if (isMe(nick) || !room) {
        li.append(...label);
        if (away) li.title = nick + ' is away: ' + away;
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
    toggle.title = (op ? 'operator actions for ' : 'actions for ') + nick + (away ? ' (away: ' + away + ')' : '');
    li.append(toggle);
    if (open) li.append(memberActions(room, nick, op));
    return li;
}

function control(nick, what, text, onClick) {
    const b = el('button', 'control', text);
    b.type = 'button';
    b.dataset.focus = nick + '|' + what;
    b.onclick = onClick;
    return b;
}

// ---- older messages: the history API (docs/history.md) -------------------------------------------------------

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
    if (room === currentEntry()) render();
}

function oldestSeq(room) {
    let oldest = null;
    for (const i of room.items) {
        if (!i.note && (oldest === null || i.seq < oldest)) oldest = i.seq;
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
