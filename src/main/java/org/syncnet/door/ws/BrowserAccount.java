package org.syncnet.door.ws;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.app.AccountDesk;
import org.syncnet.door.ws.BrowserSession.Result;

/**
 * The account side of one browser connection's protocol state ({@link BrowserSession}): which account the log last
 * said the client is logged in to, the browser token it logged in with (a logout ends it), and the tokens logged and
 * not yet confirmed. Account frames become {@link AccountCheck}s, and their {@link AccountVerdict}s events: a password
 * never enters the log, a token only as its hash, and the browser gets a token only once the log confirmed it
 * ({@code AccountDone SESSION_ISSUED}), so it is valid on every server by then.
 * <p>
 * A login logs its events as one chain (a hello's claim, the login, the token): when one of them is refused, the ones
 * after it are refused too, for the same reason, and the client hears of the first refusal only.
 */
final class BrowserAccount {
    private final ClientId id;
    private final String address;
    /** The account the client is logged in to, as the log last said; empty: none. */
    private String account = "";
    /** The hash of the browser token the client logged in with or was last given; empty: none. */
    private byte[] session = new byte[0];
    /** Tokens whose {@code SessionIssued} is in the log's hands, oldest first: the log confirms them in this order. */
    private final ArrayDeque<Secret> issuing = new ArrayDeque<>();

    /** @param address where the browser connects from: the login throttle and the registration limit count it */
    BrowserAccount(ClientId id, String address) {
        this.id = id;
        this.address = address;
    }

    String address() {
        return address;
    }

    /** An account frame of a registered client: a check to run, or a refusal or event at once. */
    Result onFrame(ClientFrame frame, String nick) {
        if (frame instanceof ClientFrame.Register r) {
            return loggedIn() ? refused(ErrorCode.ALREADY_LOGGED_IN, account)
                    : Result.check(new AccountCheck.Register(nick, r.password(), r.email(), address));
        } else if (frame instanceof ClientFrame.Login l) {
            return loggedIn() ? refused(ErrorCode.ALREADY_LOGGED_IN, account)
                    : Result.check(new AccountCheck.Login(l.account(), l.password(), address));
        } else if (!loggedIn()) {
            return refused(ErrorCode.NOT_LOGGED_IN, "");
        } else if (frame instanceof ClientFrame.Logout) {
            return Result.log(new ChatEvent.LoggedOut(id, session));
        } else if (frame instanceof ClientFrame.ChangePassword c) {
            return Result.check(new AccountCheck.ChangePassword(account, c.password(), c.newPassword(), address));
        } else if (frame instanceof ClientFrame.DropAccount d) {
            return Result.check(new AccountCheck.Drop(account, d.password(), address));
        } else if (frame instanceof ClientFrame.Recover r) {
            return Result.log(new ChatEvent.NickRecovered(id, r.nick(), r.regain()));
        }
        throw new IllegalArgumentException("not an account frame: " + frame);
    }

    /** The events and replies of a verdict on an account frame's check (a hello's: {@link #logIn}, {@link #refusal}). */
    Result verified(AccountCheck check, AccountVerdict verdict, long nowMillis) {
        if (verdict instanceof AccountVerdict.LoggedIn v && check instanceof AccountCheck.Login) {
            return new Result(logIn(v, Secret.NONE, nowMillis), List.of());
        } else if (verdict instanceof AccountVerdict.LoggedIn && check instanceof AccountCheck.Drop) {
            return Result.log(new ChatEvent.AccountDropped(id));
        } else if (verdict instanceof AccountVerdict.NewPassword p && check instanceof AccountCheck.Register r) {
            return new Result(List.of(new ChatEvent.AccountRegistered(id, r.nick(), p.credential(), r.email(),
                    address, nowMillis), issue(p.token(), nowMillis)), List.of());
        } else if (verdict instanceof AccountVerdict.NewPassword p && check instanceof AccountCheck.ChangePassword) {
            return new Result(List.of(new ChatEvent.PasswordChanged(id, p.credential()), issue(p.token(), nowMillis)),
                    List.of());
        }
        return refusal(verdict, nowMillis);
    }

    /**
     * The events of a login the verdict allowed: the login, and the new token if it brings one. {@code presented}: the
     * token the hello logged in with (NONE: none), which a logout will end.
     */
    List<ChatEvent> logIn(AccountVerdict.LoggedIn v, Secret presented, long nowMillis) {
        ChatEvent login = new ChatEvent.LoggedIn(id, v.account().name(), v.account().passwordVersion());
        if (!presented.isEmpty()) {
            session = AccountDesk.sessionHash(presented.value());
        }
        return v.token().isEmpty() ? List.of(login) : List.of(login, issue(v.token(), nowMillis));
    }

    /** A verdict that lets nothing through: a wrong password is logged (so it counts on every server) and refused. */
    Result refusal(AccountVerdict verdict, long nowMillis) {
        if (verdict instanceof AccountVerdict.WrongPassword w) {
            return new Result(List.of(new ChatEvent.LoginFailed(id, w.account(), address, nowMillis)),
                    List.of(new ServerFrame.Error(ErrorCode.LOGIN_FAILED, "wrong account or password", null)));
        } else if (verdict instanceof AccountVerdict.Refused r) {
            return new Result(List.of(), List.of(r.error()));
        }
        throw new IllegalArgumentException("not a refusal: " + verdict);
    }

    private ChatEvent issue(Secret token, long nowMillis) {
        issuing.add(token);
        return new ChatEvent.SessionIssued(id, AccountDesk.sessionHash(token.value()),
                AccountDesk.sessionExpiry(nowMillis));
    }

    /** The hello's claim was refused: the token its chain would have issued never will be. */
    void claimRefused() {
        issuing.clear();  // before a welcome, only the one hello's chain is in the log's hands
    }

    /** An event of the connection's did not reach the log: a token it would have issued never will be. */
    void notLogged(ChatEvent e) {
        if (e instanceof ChatEvent.SessionIssued s) {
            issuing.removeIf(t -> Arrays.equals(AccountDesk.sessionHash(t.value()), s.session()));
        }
    }

    /**
     * What an outcome for this client means for its account: the frames to send in place of the outcome's usual
     * ones, or null for those. A confirmed token goes to the browser; a token refused after its chain's first refusal
     * (or after the account ended) is dropped without a word.
     */
    List<ServerFrame> onOutcome(ChatOutcome outcome) {
        if (outcome instanceof ChatOutcome.AccountChanged o && o.client().equals(id)) {
            account = o.member().account();
            if (account.isEmpty()) {
                session = new byte[0];
            }
        } else if (outcome instanceof ChatOutcome.AccountDone o && o.client().equals(id)
                && o.step() == ChatOutcome.AccountStep.SESSION_ISSUED) {
            Secret token = issuing.poll();
            if (token == null) {
                return List.of();
            }
            session = AccountDesk.sessionHash(token.value());
            return List.of(new ServerFrame.Account(o.account(), ServerFrame.Account.AccountChange.SESSION, token));
        } else if (outcome instanceof ChatOutcome.Rejected r && r.client().equals(id)
                && r.code() == ErrorCode.NOT_LOGGED_IN && !issuing.isEmpty()) {
            issuing.poll();
            return List.of();
        }
        return null;
    }

    private boolean loggedIn() {
        return !account.isEmpty();
    }

    private static Result refused(ErrorCode code, String detail) {
        return new Result(List.of(), List.of(Refusals.frame(code, detail, null)));
    }
}
