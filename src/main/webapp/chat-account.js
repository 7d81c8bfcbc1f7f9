// The chat page's accounts (docs/websocket-protocol.md, "Accounts"): logging in and registering from the start screen
// or while chatting, the login token, a registered nick lost and regained.
'use strict';

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
        readPositionsRenamed(f.nick);
        conversationsRenamed(f.nick);
        if (account.lost && fold(f.newNick) === fold(account.lost)) {
            account.lost = null;
            $('nick-lost').hidden = true;
        }
        accountNote('you are now ' + f.newNick);
    },
});

// Said in the room shown, as the page's other notes are; the header shows the account itself.
function accountNote(text) {
    note(currentEntry(), text);
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

