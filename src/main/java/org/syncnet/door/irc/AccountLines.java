package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatOutcome.AccountChange;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.Member;
import org.syncnet.door.irc.CapNegotiation.Cap;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * The lines of account outcomes for one connection. Its own: in the words of the command that asked
 * ({@link AccountAnswers}), with 900 RPL_LOGGEDIN or 901 RPL_LOGGEDOUT whenever its account changes; a room mate's
 * login or logout: {@code :nick!user@host ACCOUNT <account|*>} with {@code account-notify}. Also the NickServ notices
 * of a registered nick: on taking it without being logged in (the grace period), and when the grace ended in a guest
 * nick.
 * <p>
 * A connection has at most one account request in the log at a time (NickServ and account commands wait for the
 * connection's earlier events), so the request that asked is simply the last one made ({@link #expect}).
 */
final class AccountLines {
    /** Refusals that answer an account request. */
    private static final Set<ErrorCode> ACCOUNT_REFUSALS = EnumSet.of(ErrorCode.ACCOUNT_EXISTS,
            ErrorCode.ACCOUNT_NOT_NICK, ErrorCode.NO_SUCH_ACCOUNT, ErrorCode.NOT_LOGGED_IN,
            ErrorCode.ALREADY_LOGGED_IN, ErrorCode.LOGIN_FAILED, ErrorCode.REGISTRATION_LIMITED,
            ErrorCode.NOT_NICK_OWNER, ErrorCode.BAD_EMAIL);

    private final ClientId me;
    private final Replies replies;
    private final CapNegotiation caps;
    private final AccountAnswers answers;
    private final long nickGraceSeconds;
    /** The request whose outcome is awaited; null: none (an outcome then is unasked, e.g. a drop elsewhere). */
    private AccountRequest awaited;

    AccountLines(ClientId me, Replies replies, CapNegotiation caps, AccountAnswers answers, long nickGraceMillis) {
        this.me = me;
        this.replies = replies;
        this.caps = caps;
        this.answers = answers;
        this.nickGraceSeconds = nickGraceMillis / 1000;
    }

    /** An account request of this connection went to the log. */
    void expect(AccountRequest via) {
        awaited = via;
    }

    /** Whether the outcome of a request made {@code via} is awaited. */
    boolean awaits(AccountRequest via) {
        return awaited == via;
    }

    /** Whether {@code outcome} is an account outcome these lines answer (else the other outcome lines do). */
    static boolean handles(ChatOutcome outcome) {
        return outcome instanceof ChatOutcome.AccountChanged || outcome instanceof ChatOutcome.AccountDone
                || outcome instanceof ChatOutcome.Rejected r && (ACCOUNT_REFUSALS.contains(r.code())
                || r.code() == ErrorCode.NICK_REGISTERED || r.code() == ErrorCode.ACCOUNT_REQUIRED);
    }

    List<IrcMessage> lines(ChatOutcome outcome) {
        if (outcome instanceof ChatOutcome.AccountChanged o) {
            return o.client().equals(me) ? own(o) : notify(o.member());
        } else if (outcome instanceof ChatOutcome.AccountDone o) {
            AccountRequest via = take();
            return o.step() == ChatOutcome.AccountStep.PASSWORD_CHANGED && via != null
                    ? List.of(answers.notice("The password of " + o.account() + " is changed; its browser logins"
                    + " are logged out.")) : List.of();
        }
        ChatOutcome.Rejected r = (ChatOutcome.Rejected) outcome;
        String detail = r.detail() == null ? "" : r.detail();
        if (r.code() == ErrorCode.NICK_REGISTERED) {
            return List.of(answers.notice("You did not log in to the account of " + detail + " in time, so you"
                    + " are now " + replies.target() + ". If it is yours: /msg NickServ IDENTIFY " + detail
                    + " <password>, then /msg NickServ REGAIN " + detail + "."));
        } else if (r.code() == ErrorCode.ACCOUNT_REQUIRED) {
            return EventIds.isNotice(r.clientEventId()) ? List.of()
                    : List.of(answers.notice(AccountAnswers.describe(ErrorCode.ACCOUNT_REQUIRED, detail)));
        }
        AccountRequest via = take();
        return List.of(answers.refusal(via == null ? AccountRequest.NICKSERV_IDENTIFY : via, r.code(), detail));
    }

    /**
     * After the client took {@code nick} (registration or a change): if it is registered to an account the client
     * is not logged in to, the notice of the grace period. Not while a SASL login is on its way to the log.
     */
    List<IrcMessage> onNick(String nick, ChatState state, boolean loginComing) {
        if (loginComing || !state.holdsUnownedNick(me)) {
            return List.of();
        }
        return List.of(answers.notice(nick + " is registered to an account. Log in to it within " + nickGraceSeconds
                + " s (/msg NickServ IDENTIFY <password>, or SASL), or you will be renamed; if it is not yours,"
                + " choose another nick."));
    }

    /** GHOST and REGAIN: the outcome that ended another connection is this connection's answer. */
    List<IrcMessage> onKilled(ChatOutcome.Killed o) {
        if (!o.by().client().equals(me) || awaited != AccountRequest.NICKSERV_RECOVER) {
            return List.of();
        }
        return List.of(answers.notice(o.victim().nick() + " has been disconnected."));
    }

    private List<IrcMessage> own(ChatOutcome.AccountChanged o) {
        AccountRequest via = take();
        Member m = o.member();
        List<IrcMessage> out = new ArrayList<>(2);
        if (o.change() == AccountChange.REGISTERED) {
            out.add(via == AccountRequest.REGISTER_COMMAND
                    ? replies.command("REGISTER", "SUCCESS", m.account(), "Account created")
                    : answers.notice("The nick " + m.account() + " is now registered to your account."));
        } else if (via == AccountRequest.SASL) {
            return List.of();  // 900 and 903 went out when SASL succeeded
        } else if (via != null && o.change() == AccountChange.LOGGED_IN) {
            out.add(answers.notice("You are now identified for " + m.account() + "."));
        } else if (o.change() == AccountChange.DROPPED) {
            out.add(answers.notice("The account you were logged in to is dropped."));
        } else if (via != null) {
            out.add(answers.notice("You are now logged out."));
        }
        out.add(m.loggedIn() ? loggedIn(m) : replies.numeric(IrcNumeric.RPL_LOGGEDOUT, m.mask(),
                IrcNumeric.RPL_LOGGEDOUT.text()));
        return out;
    }

    /** {@code 900 <nick> <mask> <account> :You are now logged in as <account>}. */
    IrcMessage loggedIn(Member m) {
        return replies.numeric(IrcNumeric.RPL_LOGGEDIN, m.mask(), m.account(),
                "You are now logged in as " + m.account());
    }

    private List<IrcMessage> notify(Member m) {
        if (!caps.has(Cap.ACCOUNT_NOTIFY)) {
            return List.of();
        }
        return List.of(IrcMessage.of(m.mask(), "ACCOUNT", m.loggedIn() ? m.account() : "*"));
    }

    private AccountRequest take() {
        AccountRequest via = awaited;
        awaited = null;
        return via;
    }
}
