// What the chat page tells the user about messages they have not looked at: unread counts and mentions per room
// and conversation (chat-unread.js), the document title and icon, a live region for screen readers, and desktop
// notifications for mentions and private messages once the user turned them on.
'use strict';

const TITLE = 'SyncNet';
const READ_KEY = 'syncnet.read.'; // + fold(nick): the read positions of the user holding that nick, in localStorage
const NOTIFY_KEY = 'syncnet.notify';
const NOTIFY_TEXT_CHARS = 200;

let unread = new ChatUnread.Unread();

/** Whether the user can see the page: its tab shown and its window focused. */
const looking = () => !document.hidden && document.hasFocus();

function activityWelcomed() {
    unread = new ChatUnread.Unread(loadReadPositions(chat.nick));
}

function loadReadPositions(nick) {
    try {
        return JSON.parse(localStorage.getItem(READ_KEY + fold(nick)) || '{}');
    } catch (e) {
        return {}; // unreadable: start afresh
    }
}

function saveReadPositions() {
    if (chat.nick !== null) localStorage.setItem(READ_KEY + fold(chat.nick), JSON.stringify(unread));
}

function readPositionsRenamed(from) {
    localStorage.removeItem(READ_KEY + fold(from));
    saveReadPositions();
}

function forgetEntry(key) {
    unread.forget(key);
    saveReadPositions();
}

/** A live message was added to the entry with this key: counted, said, notified, and drawn. */
function arrived(key, item) {
    const seen = isMe(item.nick) || (key === chat.current && looking()); // one's own message: read up to it
    unread.arrived(key, item.seq, item.mention !== null, seen);
    if (seen) saveReadPositions(); // only reading moves a read position
    if (!isMe(item.nick)) {
        announce(key, item);
        if (item.mention !== null && !seen) notify(key, item);
    }
    if (key === chat.current) {
        render();
    } else {
        renderEntries();
        renderActivity();
    }
}

/** A room's history on joining or resuming: unread after the position read before. */
function replayed(key, items) {
    unread.history(key, items.filter((i) => !isMe(i.nick)).map((i) => ({ seq: i.seq, mentioned: i.mention !== null })));
    if (key === chat.current && looking()) markRead();
    else saveReadPositions(); // a room never read before starts read
}

/** The entry shown is read to its newest message (its divider stays where the unread began). */
function markRead() {
    const entry = currentEntry();
    if (!entry) return;
    const count = unread.count(chat.current);
    if (count > 0 && entry.divider === null) entry.divider = unread.firstUnreadSeq(chat.current);
    const newest = entry.items.reduce((seq, i) => (i.note ? seq : Math.max(seq, i.seq)), 0);
    unread.read(chat.current, newest);
    saveReadPositions();
}

// Coming back to the tab reads the entry shown, with a divider where the unread began.
for (const event of ['focus', 'visibilitychange']) {
    window.addEventListener(event, () => {
        if (!looking() || chat.current === null || unread.count(chat.current) === 0) return;
        markRead();
        render();
    });
}

let iconShown = null;

/** The title counts what is unread; the icon gets a dot when something is, a red one when it mentions the user. */
function renderActivity() {
    document.title = unread.title(TITLE);
    const state = unread.anyMention() ? 'mention' : unread.total() > 0 ? 'unread' : 'none';
    if (state === iconShown) return;
    iconShown = state;
    const dot = { mention: '<circle cx="25" cy="7" r="7" fill="#d93025"/>',
        unread: '<circle cx="25" cy="7" r="5" fill="#4f6cf7"/>', none: '' }[state];
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        + '<path d="M4 6h18a4 4 0 0 1 4 4v10a4 4 0 0 1-4 4H13l-7 6v-6H4a4 4 0 0 1-4-4V10a4 4 0 0 1 4-4z" fill="#3d4b9c"/>'
        + dot + '</svg>';
    const icon = $('favicon');
    icon.href = 'data:image/svg+xml,' + encodeURIComponent(svg);
    icon.dataset.activity = state;
}

// ---- screen readers: new messages in the entry shown, and mentions elsewhere, said politely --------------------

function announce(key, item) {
    const action = ACTION.exec(item.text);
    const said = action ? item.nick + ' ' + action[1] : item.nick + ': ' + item.text;
    if (key === chat.current) $('announce').textContent = said;
    else if (item.mention !== null) $('announce').textContent = (item.to ? 'private, ' : 'in ' + entryOf(key).name + ', ') + said;
}

// ---- desktop notifications -----------------------------------------------------------------------------------

const notifications = typeof Notification === 'function';

function notify(key, item) {
    if (!notifications || localStorage.getItem(NOTIFY_KEY) !== 'on' || Notification.permission !== 'granted' || looking()) {
        return;
    }
    const action = ACTION.exec(item.text);
    const body = action ? '* ' + item.nick + ' ' + action[1] : item.text;
    let n;
    try {
        n = new Notification(item.to ? item.nick + ' (private)' : item.nick + ' in ' + entryOf(key).name,
            { body: body.length > NOTIFY_TEXT_CHARS ? body.slice(0, NOTIFY_TEXT_CHARS) + '\u2026' : body, tag: 'syncnet-' + key });
    } catch (e) {
        return; // a phone's browser shows notifications only through a service worker: none then, the chat goes on
    }
    n.onclick = () => {
        window.focus();
        if (entryOf(key)) showEntry(key);
        n.close();
    };
}

/** The setting says what it does, and why it is off when the browser refuses. */
function renderNotifySetting(said) {
    const box = $('notify');
    box.checked = notifications && localStorage.getItem(NOTIFY_KEY) === 'on' && Notification.permission === 'granted';
    $('notify-state').textContent = said !== undefined ? said
        : notifications && Notification.permission === 'denied' ? 'blocked in this browser\u2019s site settings' : '';
}

// Asked for only when the user turns them on: a browser may refuse a page that asks unprompted.
$('notify').addEventListener('change', async () => {
    if (!$('notify').checked) {
        localStorage.removeItem(NOTIFY_KEY);
        renderNotifySetting('off');
        return;
    }
    const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
    if (permission === 'granted') {
        localStorage.setItem(NOTIFY_KEY, 'on');
        renderNotifySetting('on: mentions and private messages, while you are elsewhere');
    } else {
        localStorage.removeItem(NOTIFY_KEY);
        renderNotifySetting('the browser refused: allow notifications for this site in its settings');
    }
});

$('notify-setting').hidden = !notifications;
renderNotifySetting();
renderActivity();
