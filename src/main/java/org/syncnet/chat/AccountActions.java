package org.syncnet.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.syncnet.chat.ChatEvent.AccountRegistered;
import org.syncnet.chat.ChatEvent.LoggedIn;
import org.syncnet.chat.ChatEvent.LoggedOut;
import org.syncnet.chat.ChatEvent.LoginFailed;
import org.syncnet.chat.ChatEvent.NickEnforced;
import org.syncnet.chat.ChatEvent.NickRecovered;
import org.syncnet.chat.ChatEvent.PasswordChanged;
import org.syncnet.chat.ChatEvent.SessionIssued;
import org.syncnet.chat.ChatOutcome.AccountChange;
import org.syncnet.chat.ChatOutcome.AccountChanged;
import org.syncnet.chat.ChatOutcome.AccountDone;
import org.syncnet.chat.ChatOutcome.AccountStep;
import org.syncnet.chat.ChatOutcome.Rejected;

/**
 * Accounts in {@link ChatState}: registering, logging in and out, passwords, browser sessions, and registered nicks.
 * Rules:
 * <ul>
 *   <li>An account is a registered nick: a client registers the nick it holds ({@code ACCOUNT_NOT_NICK}), once
 *       ({@code ACCOUNT_EXISTS}), while logged in to no account ({@code ALREADY_LOGGED_IN}), at most
 *       {@link ChatLimits#REGISTRATIONS_PER_ADDRESS} times an hour from one address ({@code REGISTRATION_LIMITED}),
 *       and is logged in to it.</li>
 *   <li>A login names the password version its door checked; a login after a password change or a drop is refused
 *       ({@code LOGIN_FAILED}). A wrong password is counted per account and per address ({@link LoginThrottle});
 *       a login clears its account's count.</li>
 *   <li>Password changes, drops, browser sessions, GHOST and REGAIN need a logged-in client
 *       ({@code NOT_LOGGED_IN}). A password change ends the account's browser sessions; a drop logs out everyone
 *       logged in to it.</li>
 *   <li>A registered nick may be held by a client not logged in to its account only for a grace period: then
 *       ({@link NickEnforced}, logged by the holder's server) it is renamed to a guest nick. Its owner may take it
 *       back at once: GHOST disconnects the holder, REGAIN renames a guest holder (or disconnects the owner's own
 *       other connection) and gives the nick to the owner.</li>
 * </ul>
 */
final class AccountActions {
    private final AccountRegistry accounts;
    private final ClientRegistry clients;
    private final RoomRegistry rooms;

    AccountActions(AccountRegistry accounts, ClientRegistry clients, RoomRegistry rooms) {
        this.accounts = accounts;
        this.clients = clients;
        this.rooms = rooms;
    }

    List<ChatOutcome> register(Client c, AccountRegistered e) {
        if (c.loggedIn()) {
            return refuse(c, ErrorCode.ALREADY_LOGGED_IN, c.account);
        } else if (!Casemapping.fold(e.account()).equals(Casemapping.fold(c.nick))) {
            return refuse(c, ErrorCode.ACCOUNT_NOT_NICK, c.nick);
        } else if (accounts.get(e.account()) != null) {
            return refuse(c, ErrorCode.ACCOUNT_EXISTS, e.account());
        } else if (!accounts.registrations.allows(e.address(), e.time())) {
            return refuse(c, ErrorCode.REGISTRATION_LIMITED, e.address());
        }
        accounts.registrations.registered(e.address(), e.time());
        Account a = accounts.add(c.nick, e.credential(), e.email(), e.time());
        return List.of(changed(c, a.name, AccountChange.REGISTERED));
    }

    List<ChatOutcome> login(Client c, LoggedIn e) {
        Account a = accounts.get(e.account());
        if (a == null) {
            return refuse(c, ErrorCode.NO_SUCH_ACCOUNT, e.account());
        } else if (a.passwordVersion != e.passwordVersion()) {
            return refuse(c, ErrorCode.LOGIN_FAILED, e.account());
        }
        accounts.failuresByAccount.succeeded(Casemapping.fold(a.name));
        if (a.name.equals(c.account)) {
            return List.of(new AccountChanged(c.member(), AccountChange.LOGGED_IN, List.of(c.id)));
        }
        return List.of(changed(c, a.name, AccountChange.LOGGED_IN));
    }

    /** A wrong password; the client need not be registered. */
    List<ChatOutcome> failed(LoginFailed e) {
        accounts.failedLogins++;
        accounts.failuresByAccount.failed(Casemapping.fold(e.account()), e.time());
        accounts.failuresByAddress.failed(e.address(), e.time());
        return List.of();
    }

    List<ChatOutcome> logout(Client c, LoggedOut e) {
        if (e.session().length > 0) {
            accounts.endSession(e.session());
        }
        if (!c.loggedIn()) {
            return refuse(c, ErrorCode.NOT_LOGGED_IN, "");
        }
        return List.of(changed(c, "", AccountChange.LOGGED_OUT));
    }

    List<ChatOutcome> changePassword(Client c, PasswordChanged e) {
        Account a = accountOf(c);
        if (a == null) {
            return refuse(c, ErrorCode.NOT_LOGGED_IN, "");
        }
        a.credential = e.credential();
        a.passwordVersion++;
        accounts.endSessions(a);
        return List.of(new AccountDone(c.id, AccountStep.PASSWORD_CHANGED, a.name));
    }

    List<ChatOutcome> drop(Client c) {
        Account a = accountOf(c);
        if (a == null) {
            return refuse(c, ErrorCode.NOT_LOGGED_IN, "");
        }
        accounts.remove(a);
        List<ChatOutcome> out = new ArrayList<>();
        for (Client other : clients.all()) {
            if (a.name.equals(other.account)) {
                out.add(changed(other, "", AccountChange.DROPPED));
            }
        }
        return out;
    }

    List<ChatOutcome> issueSession(Client c, SessionIssued e) {
        Account a = accountOf(c);
        if (a == null) {
            return refuse(c, ErrorCode.NOT_LOGGED_IN, "");
        }
        accounts.addSession(a, e.session(), e.expires());
        return List.of(new AccountDone(c.id, AccountStep.SESSION_ISSUED, a.name));
    }

    List<ChatOutcome> recover(long seq, Client c, NickRecovered e) {
        Account own = accountOf(c);
        if (own == null) {
            return refuse(c, ErrorCode.NOT_LOGGED_IN, "");
        }
        if (accounts.get(e.nick()) != own) {
            return refuse(c, ErrorCode.NOT_NICK_OWNER, e.nick());
        }
        Client holder = clients.byNick(e.nick());
        if (holder == c) {
            return List.of();
        }
        List<ChatOutcome> out = new ArrayList<>();
        if (holder == null && !e.regain()) {
            return refuse(c, ErrorCode.NO_SUCH_NICK, e.nick());
        } else if (holder != null && (!e.regain() || own.name.equals(holder.account))) {
            out.add(clients.kill(c, holder, (e.regain() ? "REGAIN" : "GHOST") + " command used by " + c.nick));
        } else if (holder != null) {
            out.addAll(toGuest(seq, holder));
        }
        if (e.regain()) {
            out.add(clients.rename(c, e.nick()));
        }
        return out;
    }

    List<ChatOutcome> enforce(long seq, Client c, NickEnforced e) {
        if (!Casemapping.fold(c.nick).equals(Casemapping.fold(e.nick())) || ownsNick(c)) {
            return List.of();
        }
        return toGuest(seq, c);
    }

    /** Whether {@code c}'s nick is not registered, or registered to the account {@code c} is logged in to. */
    boolean ownsNick(Client c) {
        Account a = accounts.get(c.nick);
        return a == null || a.name.equals(c.account);
    }

    private List<ChatOutcome> toGuest(long seq, Client holder) {
        String nick = holder.nick;
        return List.of(clients.rename(holder, clients.guestNick(seq)),
                new Rejected(holder.id, ErrorCode.NICK_REGISTERED, nick));
    }

    private Account accountOf(Client c) {
        return c.loggedIn() ? accounts.get(c.account) : null;
    }

    private AccountChanged changed(Client c, String account, AccountChange change) {
        c.account = account;
        rooms.renamed(c);  // the rooms' members show the account too
        Set<ClientId> to = new LinkedHashSet<>();
        to.add(c.id);
        to.addAll(rooms.roommates(c));
        return new AccountChanged(c.member(), change, new ArrayList<>(to));
    }

    private static List<ChatOutcome> refuse(Client c, ErrorCode code, String detail) {
        return List.of(new Rejected(c.id, code, detail));
    }
}
