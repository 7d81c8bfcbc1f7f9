package org.syncnet.door.irc;

import java.util.Optional;
import org.syncnet.chat.AccountView;
import org.syncnet.chat.Casemapping;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.PasswordCredential;
import org.syncnet.chat.app.AccountDesk;
import org.syncnet.door.irc.SlowCheck.AccountPassword;
import org.syncnet.door.irc.SlowCheck.NewPassword;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * What a registered connection asks of accounts, through the IRCv3 {@code REGISTER}/{@code VERIFY} commands
 * (draft/account-registration) or NickServ ({@link NickServ} reads its messages): register the nick in use, identify,
 * log out, change the password, drop the account, take a registered nick back (GHOST, REGAIN). What the state already
 * shows to be wrong is answered at once ({@link AccountAnswers}); passwords go to the glue ({@link SlowCheck}); the
 * result goes to the log, whose outcome the client hears in the words of the command it used ({@link AccountLines}).
 */
final class AccountCommands {
    private final ClientId me;
    private final String host;
    private final AccountAnswers answers;
    private final AccountLines lines;

    AccountCommands(ClientId me, String host, AccountAnswers answers, AccountLines lines) {
        this.me = me;
        this.host = host;
        this.answers = answers;
        this.lines = lines;
    }

    /** {@code REGISTER <account> <email|*> <password>}: the account must be {@code *} or the nick in use. */
    IrcSession.Reply register(IrcMessage m, String nick, ChatState state, long nowMillis) {
        if (m.params().size() < 3) {
            return answers.needMoreParams("REGISTER");
        }
        String account = m.param(0);
        if (!account.equals("*") && !Casemapping.fold(account).equals(Casemapping.fold(nick))) {
            return answers.refuse(AccountRequest.REGISTER_COMMAND, ErrorCode.ACCOUNT_NOT_NICK, nick);
        }
        String email = m.param(1).equals("*") ? "" : m.param(1);
        return register(AccountRequest.REGISTER_COMMAND, nick, m.param(2), email, state, nowMillis);
    }

    /** {@code VERIFY <account> <code>}: accounts need no verification here, so there is never a code to check. */
    IrcSession.Reply verify(IrcMessage m) {
        if (m.params().size() < 2) {
            return answers.needMoreParams("VERIFY");
        }
        return answers.failVerify(m.param(0));
    }

    /** Registers {@code nick} with {@code password}: checks what it can, then asks the glue for the credential. */
    IrcSession.Reply register(AccountRequest via, String nick, String password, String email, ChatState state,
                              long nowMillis) {
        String current = state.accountOf(me);
        if (!current.isEmpty()) {
            return answers.refuse(via, ErrorCode.ALREADY_LOGGED_IN, current);
        } else if (!ChatLimits.isValidEmail(email)) {
            return answers.refuse(via, ErrorCode.BAD_EMAIL, nick);
        } else if (state.account(nick).isPresent()) {
            return answers.refuse(via, ErrorCode.ACCOUNT_EXISTS, nick);
        } else if (!state.registrationAllowed(host, nowMillis)) {
            return answers.refuse(via, ErrorCode.REGISTRATION_LIMITED, nick);
        } else if (!ChatLimits.isValidPassword(password)) {
            return answers.refuse(via, ErrorCode.BAD_PASSWORD, nick);
        }
        return IrcSession.Reply.check(new NewPassword(password, email, via));
    }

    /** IDENTIFY: the password of {@code account} goes to the glue. */
    IrcSession.Reply identify(String account, String password, ChatState state) {
        String current = state.accountOf(me);
        if (Casemapping.fold(current).equals(Casemapping.fold(account))) {
            return answers.refuse(AccountRequest.NICKSERV_IDENTIFY, ErrorCode.ALREADY_LOGGED_IN, current);
        } else if (!ChatLimits.isValidNick(account)) {
            return answers.refuse(AccountRequest.NICKSERV_IDENTIFY, ErrorCode.NO_SUCH_ACCOUNT, account);
        }
        return IrcSession.Reply.check(new AccountPassword(account, password, AccountRequest.NICKSERV_IDENTIFY));
    }

    IrcSession.Reply logout(ChatState state) {
        if (state.accountOf(me).isEmpty()) {
            return answers.refuse(AccountRequest.NICKSERV_LOGOUT, ErrorCode.NOT_LOGGED_IN, "");
        }
        return logged(AccountRequest.NICKSERV_LOGOUT, new ChatEvent.LoggedOut(me, new byte[0]));
    }

    IrcSession.Reply setPassword(String password, ChatState state) {
        String current = state.accountOf(me);
        if (current.isEmpty()) {
            return answers.refuse(AccountRequest.NICKSERV_SET_PASSWORD, ErrorCode.NOT_LOGGED_IN, "");
        } else if (!ChatLimits.isValidPassword(password)) {
            return answers.refuse(AccountRequest.NICKSERV_SET_PASSWORD, ErrorCode.BAD_PASSWORD, current);
        }
        return IrcSession.Reply.check(new NewPassword(password, "", AccountRequest.NICKSERV_SET_PASSWORD));
    }

    /** DROP needs the password again: a connection left open must not lose its owner the account. */
    IrcSession.Reply drop(String password, ChatState state) {
        String current = state.accountOf(me);
        if (current.isEmpty()) {
            return answers.refuse(AccountRequest.NICKSERV_DROP, ErrorCode.NOT_LOGGED_IN, "");
        }
        return IrcSession.Reply.check(new AccountPassword(current, password, AccountRequest.NICKSERV_DROP));
    }

    /** GHOST ({@code regain} false) or REGAIN of {@code nick}, registered to the client's account. */
    IrcSession.Reply recover(String nick, boolean regain, String ownNick, ChatState state) {
        String current = state.accountOf(me);
        Optional<AccountView> account = ChatLimits.isValidNick(nick) ? state.account(nick) : Optional.empty();
        if (current.isEmpty()) {
            return answers.refuse(AccountRequest.NICKSERV_RECOVER, ErrorCode.NOT_LOGGED_IN, "");
        } else if (account.isEmpty() || !account.get().name().equals(current)) {
            return answers.refuse(AccountRequest.NICKSERV_RECOVER, ErrorCode.NOT_NICK_OWNER, nick);
        } else if (Casemapping.fold(nick).equals(Casemapping.fold(ownNick))) {
            return answers.alreadyYours(nick);
        } else if (!regain && !state.isNickTaken(nick)) {
            return answers.refuse(AccountRequest.NICKSERV_RECOVER, ErrorCode.NO_SUCH_NICK, nick);
        }
        return logged(AccountRequest.NICKSERV_RECOVER, new ChatEvent.NickRecovered(me, nick, regain));
    }

    /** The glue made the credential of a new password. */
    IrcSession.Reply onCredential(NewPassword c, PasswordCredential credential, String nick, long nowMillis) {
        if (c.request() == AccountRequest.NICKSERV_SET_PASSWORD) {
            return logged(c.request(), new ChatEvent.PasswordChanged(me, credential));
        }
        return logged(c.request(), new ChatEvent.AccountRegistered(me, nick, credential, c.email(), host, nowMillis));
    }

    /** The glue checked a password: a right one goes to the log (a login or a drop), a wrong one is counted there. */
    IrcSession.Reply onLoginChecked(AccountPassword c, AccountDesk.Login login, long nowMillis) {
        switch (login.outcome()) {
            case ACCEPTED:
                AccountView a = login.account();
                return logged(c.request(), c.request() == AccountRequest.NICKSERV_DROP
                        ? new ChatEvent.AccountDropped(me) : new ChatEvent.LoggedIn(me, a.name(), a.passwordVersion()));
            case THROTTLED:
                return answers.throttled(c.request(), login.waitMillis());
            default:
                ReplyBuilder out = new ReplyBuilder().send(answers.wrongPassword(c.request(), c.account()));
                return out.log(new ChatEvent.LoginFailed(me, c.account(), host, nowMillis)).build();
        }
    }

    private IrcSession.Reply logged(AccountRequest via, ChatEvent e) {
        lines.expect(via);
        return new ReplyBuilder().log(e).build();
    }
}
