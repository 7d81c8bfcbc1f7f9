package org.syncnet.door.ws;

import java.util.Optional;
import org.syncnet.chat.AccountView;
import org.syncnet.chat.Casemapping;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.app.AccountDesk;
import org.syncnet.chat.app.ChatApplication;

/**
 * Answers the browsers' {@link AccountCheck}s from the replicated accounts as this server knows them, through the
 * {@link AccountDesk} both doors share (password checks with the cluster-wide throttle, new credentials, tokens).
 * Logs nothing to the chat: the session logs what the verdict means, a failed login included. Thread-safe; a check
 * of a password takes as long as the accounts' hash cost, so the connection runs it off the WebSocket's thread.
 */
final class AccountClerk {
    private final AccountDesk desk;
    private final ChatApplication chat;

    AccountClerk(AccountDesk desk, ChatApplication chat) {
        this.desk = desk;
        this.chat = chat;
    }

    AccountVerdict verify(AccountCheck check, long nowMillis) {
        if (check instanceof AccountCheck.Hello h) {
            return hello(h.hello(), h.address(), nowMillis);
        } else if (check instanceof AccountCheck.Login l) {
            return login(l.account(), l.password(), l.address(), nowMillis, true);
        } else if (check instanceof AccountCheck.Register r) {
            return register(r, nowMillis);
        } else if (check instanceof AccountCheck.ChangePassword c) {
            AccountVerdict v = login(c.account(), c.password(), c.address(), nowMillis, false);
            return v instanceof AccountVerdict.LoggedIn ? newPassword(c.newPassword()) : v;
        } else if (check instanceof AccountCheck.Drop d) {
            return login(d.account(), d.password(), d.address(), nowMillis, false);
        }
        throw new IllegalArgumentException("unknown check " + check);
    }

    /**
     * A registered nick is claimed only with its account's password or a token of its account; a token of another
     * account logs in to that one and may claim any nick that is not registered.
     */
    private AccountVerdict hello(ClientFrame.Hello h, String address, long nowMillis) {
        if (!h.password().isEmpty()) {
            return login(h.nick(), h.password(), address, nowMillis, true);
        }
        Optional<AccountView> owner = chat.read(s -> s.account(h.nick()));
        if (h.token().isEmpty()) {
            return owner.isPresent() ? refused(ErrorCode.NICK_REGISTERED, h.nick()) : new AccountVerdict.Guest();
        }
        Optional<AccountView> account = desk.sessionAccount(h.token().value(), nowMillis);
        if (account.isEmpty()) {
            return new AccountVerdict.Refused(new ServerFrame.Error(ErrorCode.LOGIN_FAILED,
                    "your login has ended (logged out, expired, or the password changed): log in again", null));
        }
        if (owner.isPresent() && !Casemapping.equal(owner.get().name(), account.get().name())) {
            return refused(ErrorCode.NICK_REGISTERED, h.nick());
        }
        return new AccountVerdict.LoggedIn(account.get(), Secret.NONE);
    }

    /** Checks a password; a right one comes with a new browser token if {@code issueToken}. */
    private AccountVerdict login(String account, Secret password, String address, long nowMillis, boolean issueToken) {
        AccountDesk.Login login = desk.login(account, password.value(), address, nowMillis);
        return switch (login.outcome()) {
            case ACCEPTED -> new AccountVerdict.LoggedIn(login.account(),
                    issueToken ? new Secret(desk.newToken()) : Secret.NONE);
            case WRONG_PASSWORD -> {
                desk.failed(account, address, "browser");
                yield new AccountVerdict.WrongPassword(account);
            }
            case THROTTLED -> refused(ErrorCode.LOGIN_THROTTLED, String.valueOf((login.waitMillis() + 999) / 1000));
        };
    }

    private AccountVerdict register(AccountCheck.Register r, long nowMillis) {
        if (chat.read(s -> s.account(r.nick())).isPresent()) {
            return refused(ErrorCode.ACCOUNT_EXISTS, r.nick());
        }
        if (!chat.read(s -> s.registrationAllowed(r.address(), nowMillis))) {
            return refused(ErrorCode.REGISTRATION_LIMITED, r.address());
        }
        return newPassword(r.password());
    }

    private AccountVerdict newPassword(Secret password) {
        return new AccountVerdict.NewPassword(desk.credential(password.value()), new Secret(desk.newToken()));
    }

    /** Refused in the words the chat state's refusal of the same would have. */
    private static AccountVerdict refused(ErrorCode code, String detail) {
        return new AccountVerdict.Refused(Refusals.frame(code, detail, null));
    }
}
