package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncnet.chat.StateDriver.A;
import static org.syncnet.chat.StateDriver.B;
import static org.syncnet.chat.StateDriver.C;
import static org.syncnet.chat.StateDriver.TIME;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent.AccountDropped;
import org.syncnet.chat.ChatEvent.AccountRegistered;
import org.syncnet.chat.ChatEvent.LoggedIn;
import org.syncnet.chat.ChatEvent.LoggedOut;
import org.syncnet.chat.ChatEvent.LoginFailed;
import org.syncnet.chat.ChatEvent.NickClaimed;
import org.syncnet.chat.ChatEvent.NickEnforced;
import org.syncnet.chat.ChatEvent.NickRecovered;
import org.syncnet.chat.ChatEvent.PasswordChanged;
import org.syncnet.chat.ChatEvent.SessionIssued;
import org.syncnet.chat.ChatOutcome.AccountChange;
import org.syncnet.chat.ChatOutcome.AccountChanged;
import org.syncnet.chat.ChatOutcome.AccountDone;
import org.syncnet.chat.ChatOutcome.AccountStep;
import org.syncnet.chat.ChatOutcome.NickChanged;
import org.syncnet.chat.ChatOutcome.Rejected;

/** Accounts: registering, logging in and out, throttling, passwords, browser sessions, registered nicks. */
class AccountsTest {
    private static final PasswordCredential OTHER = PasswordCredential.of("another-password",
            "other-salt-bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII), PasswordCredential.MIN_ITERATIONS);
    private final StateDriver s = new StateDriver();

    @BeforeEach
    void online() {
        s.register(A, "alice");
        s.register(B, "bob");
        s.join(A, "#lobby");
        s.join(B, "#lobby");
    }

    private List<ChatOutcome> registerAlice() {
        return s.apply(new AccountRegistered(A, "ALICE", Events.CREDENTIAL, "a@example.org", "10.0.0.1", TIME));
    }

    @Test
    void aClientRegistersTheNickItHoldsAndIsLoggedInToIt() {
        AccountChanged registered = (AccountChanged) registerAlice().get(0);
        assertEquals(AccountChange.REGISTERED, registered.change());
        assertEquals("alice", registered.member().account(), "the account keeps the nick's spelling");
        assertEquals(List.of(A, B), registered.to(), "itself and its room mates (account-notify)");
        assertEquals("alice", s.state.accountOf(A));
        AccountView view = s.state.account("Alice").orElseThrow();
        assertEquals(new AccountView("alice", Events.CREDENTIAL, 0, "a@example.org", TIME), view);
        assertTrue(view.credential().matches("pencil-sharpener"));
        assertFalse(view.credential().matches("pencil-sharpened"));
        assertEquals(1, s.state.accountCounters(TIME).accounts());
        assertEquals("alice", s.state.room("#lobby", 0).orElseThrow().members().get(0).account(),
                "the room's member list shows it");
    }

    @Test
    void registrationIsRefusedForAnotherNickTwiceOrWhileLoggedIn() {
        assertEquals(List.of(new Rejected(B, ErrorCode.ACCOUNT_NOT_NICK, "bob")),
                s.apply(new AccountRegistered(B, "alice", Events.CREDENTIAL, "", "h", TIME)));
        registerAlice();
        assertEquals(List.of(new Rejected(A, ErrorCode.ALREADY_LOGGED_IN, "alice")), registerAlice());
        s.apply(new LoggedOut(A, new byte[0]));
        assertEquals(List.of(new Rejected(A, ErrorCode.ACCOUNT_EXISTS, "ALICE")), registerAlice());
        assertEquals(1, s.state.accountCounters(TIME).accounts());
    }

    @Test
    void anAddressRegistersAtMostThreeAccountsAnHour() {
        ClientId[] clients = {A, B, C, new ClientId("server3", 5)};
        String[] nicks = {"alice", "bob", "carol", "dave"};
        s.register(C, "carol");
        s.register(clients[3], "dave");
        for (int i = 0; i < 3; i++) {
            assertTrue(s.state.registrationAllowed("10.0.0.9", TIME + i));
            assertTrue(s.only(new AccountRegistered(clients[i], nicks[i], Events.CREDENTIAL, "", "10.0.0.9",
                    TIME + i)) instanceof AccountChanged);
        }
        assertFalse(s.state.registrationAllowed("10.0.0.9", TIME + 3));
        assertEquals(new Rejected(clients[3], ErrorCode.REGISTRATION_LIMITED, "10.0.0.9"),
                s.only(new AccountRegistered(clients[3], "dave", Events.CREDENTIAL, "", "10.0.0.9", TIME + 3)));
        assertTrue(s.state.registrationAllowed("10.0.0.8", TIME + 3), "per address");
        assertTrue(s.state.registrationAllowed("10.0.0.9", TIME + ChatLimits.REGISTRATION_WINDOW_MILLIS));
    }

    @Test
    void aLoginNamesThePasswordVersionItChecked() {
        registerAlice();
        s.apply(new LoggedOut(A, new byte[0]));
        assertEquals("", s.state.accountOf(A));
        assertEquals(List.of(new Rejected(B, ErrorCode.NO_SUCH_ACCOUNT, "carol")), s.apply(new LoggedIn(B, "carol", 0)));
        AccountChanged in = (AccountChanged) s.only(new LoggedIn(B, "Alice", 0));
        assertEquals(new Member(B, "bob", "u", "h", "alice"), in.member(), "any nick may log in to an account");
        assertEquals(List.of(B, A), in.to());
        assertEquals(List.of(B), ((AccountChanged) s.only(new LoggedIn(B, "alice", 0))).to(), "no change: only itself");
        s.only(new LoggedIn(A, "alice", 0));
        assertEquals(new AccountDone(A, AccountStep.PASSWORD_CHANGED, "alice"), s.only(new PasswordChanged(A, OTHER)));
        assertEquals(1, s.state.account("alice").orElseThrow().passwordVersion());
        assertEquals(List.of(new Rejected(C, ErrorCode.NOT_REGISTERED, "no nick, or already gone")),
                s.apply(new LoggedIn(C, "alice", 1)));
        s.register(C, "carol");
        assertEquals(List.of(new Rejected(C, ErrorCode.LOGIN_FAILED, "alice")), s.apply(new LoggedIn(C, "alice", 0)),
                "checked against the old password");
        assertEquals("alice", s.state.accountOf(B), "a password change logs no one out");
    }

    @Test
    void failedLoginsSlowDownPerAccountAndPerAddressWithGrowingDelays() {
        registerAlice();
        ClientId unregistered = new ClientId("server3", 40);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
            assertEquals(List.of(), s.apply("server3", new LoginFailed(unregistered, "alice", "10.9.9.9", TIME)));
        }
        assertEquals(0, s.state.loginWaitMillis("alice", "10.1.1.1", TIME));
        s.apply(new LoginFailed(unregistered, "ALICE", "10.9.9.9", TIME));
        assertEquals(1000, s.state.loginWaitMillis("alice", "10.1.1.1", TIME), "the account waits");
        assertEquals(1000, s.state.loginWaitMillis("carol", "10.9.9.9", TIME), "and so does the address");
        assertEquals(0, s.state.loginWaitMillis("carol", "10.1.1.1", TIME));
        assertEquals(400, s.state.loginWaitMillis("alice", "10.1.1.1", TIME + 600));
        s.apply(new LoginFailed(unregistered, "alice", "10.8.8.8", TIME + 1000));
        assertEquals(2000, s.state.loginWaitMillis("alice", "10.1.1.1", TIME + 1000), "doubled");
        assertEquals(new ChatState.AccountCounters(1, 4, 1, 0), s.state.accountCounters(TIME + 1000),
                "10.9.9.9 waited its second");
        assertEquals(4, s.state.loginFailures("alice", TIME + 1000));
        s.apply(new LoggedIn(B, "alice", 0));
        assertEquals(0, s.state.loginWaitMillis("alice", "10.1.1.1", TIME + 1000), "a login clears the account");
        assertEquals(1000 - 1, s.state.loginWaitMillis("alice", "10.9.9.9", TIME + 1), "not the address");
        assertEquals(0, s.state.loginWaitMillis("x", "10.9.9.9", TIME + LoginThrottle.FORGET_AFTER_MILLIS + 1),
                "forgotten after an hour");
    }

    @Test
    void theDelayGrowsToItsCap() {
        assertEquals(0, LoginThrottle.delayAfter(2));
        assertEquals(1000, LoginThrottle.delayAfter(3));
        assertEquals(8000, LoginThrottle.delayAfter(6));
        assertEquals(LoginThrottle.MAX_DELAY_MILLIS, LoginThrottle.delayAfter(1000));
        LoginThrottle small = new LoginThrottle(2);
        small.failed("a", 1);
        small.failed("b", 2);
        small.failed("c", 3);
        assertEquals(0, small.failures("a", 3), "the least recent key is dropped beyond the capacity");
        assertEquals(1, small.failures("c", 3));
    }

    @Test
    void browserSessionsAreIssuedToALoggedInClientAndEndedByLogoutOrPasswordChange() {
        assertEquals(List.of(new Rejected(A, ErrorCode.NOT_LOGGED_IN, "")),
                s.apply(new SessionIssued(A, Events.SESSION, TIME + 10)));
        registerAlice();
        assertEquals(new AccountDone(A, AccountStep.SESSION_ISSUED, "alice"),
                s.only(new SessionIssued(A, Events.SESSION, TIME + 10)));
        assertEquals("alice", s.state.sessionAccount(Events.SESSION, TIME + 9).orElseThrow().name());
        assertTrue(s.state.sessionAccount(Events.SESSION, TIME + 10).isEmpty(), "expired");
        byte[] other = PasswordCredential.sha256(new byte[] {9});
        s.apply(new SessionIssued(A, other, TIME + 10));
        AccountChanged out = (AccountChanged) s.only(new LoggedOut(A, Events.SESSION));
        assertEquals(AccountChange.LOGGED_OUT, out.change());
        assertEquals("", out.member().account());
        assertTrue(s.state.sessionAccount(Events.SESSION, TIME).isEmpty(), "ended by its logout");
        assertTrue(s.state.sessionAccount(other, TIME).isPresent(), "the account's other session goes on");
        s.apply(new LoggedIn(A, "alice", 0));
        s.apply(new PasswordChanged(A, OTHER));
        assertTrue(s.state.sessionAccount(other, TIME).isEmpty(), "a password change ends them all");
    }

    @Test
    void anAccountKeepsItsNewestSessions() {
        registerAlice();
        for (int i = 0; i <= ChatLimits.MAX_SESSIONS_PER_ACCOUNT; i++) {
            s.apply(new SessionIssued(A, PasswordCredential.sha256(new byte[] {(byte) i}), TIME + 100));
        }
        assertTrue(s.state.sessionAccount(PasswordCredential.sha256(new byte[] {0}), TIME).isEmpty());
        assertTrue(s.state.sessionAccount(PasswordCredential.sha256(new byte[] {1}), TIME).isPresent());
    }

    @Test
    void droppingAnAccountLogsOutEveryoneInIt() {
        registerAlice();
        s.apply(new LoggedIn(B, "alice", 0));
        s.apply(new SessionIssued(A, Events.SESSION, TIME + 10));
        List<ChatOutcome> out = s.apply(new AccountDropped(B));
        assertEquals(2, out.size());
        assertEquals(AccountChange.DROPPED, ((AccountChanged) out.get(0)).change());
        assertEquals("", s.state.accountOf(A));
        assertEquals("", s.state.accountOf(B));
        assertTrue(s.state.account("alice").isEmpty());
        assertTrue(s.state.sessionAccount(Events.SESSION, TIME).isEmpty());
        assertEquals(List.of(new Rejected(A, ErrorCode.NOT_LOGGED_IN, "")), s.apply(new AccountDropped(A)));
    }

    @Test
    void aGuestHoldingARegisteredNickIsRenamedWhenItsGraceEnds() {
        registerAlice();
        s.apply(new ChatEvent.ClientGone(A, "bye"));
        s.register(C, "Alice");
        assertTrue(s.state.holdsUnownedNick(C));
        assertFalse(s.state.holdsUnownedNick(B));
        List<ChatOutcome> out = s.apply("server2", new NickEnforced(C, "alice"));
        NickChanged renamed = (NickChanged) out.get(0);
        assertTrue(renamed.newNick().matches("Guest\\d{5}"), renamed::newNick);
        assertEquals(new Rejected(C, ErrorCode.NICK_REGISTERED, "Alice"), out.get(1));
        assertFalse(s.state.holdsUnownedNick(C));
        assertEquals(List.of(), s.apply(new NickEnforced(C, "alice")), "no longer holds it");
        s.apply(new ChatEvent.NickClaimed(C, "alice", "", Events.ID));
        s.apply(new LoggedIn(C, "alice", 0));
        assertEquals(List.of(), s.apply(new NickEnforced(C, "alice")), "logged in meanwhile");
    }

    @Test
    void theOwnerTakesItsNickBackFromAGuest() {
        registerAlice();
        s.apply(new ChatEvent.ClientGone(A, "bye"));
        s.register(C, "alice");
        s.join(C, "#lobby");
        assertEquals(List.of(new Rejected(B, ErrorCode.NOT_LOGGED_IN, "")), s.apply(new NickRecovered(B, "alice", true)));
        s.apply(new LoggedIn(B, "alice", 0));
        List<ChatOutcome> out = s.apply(new NickRecovered(B, "ALICE", true));
        assertEquals(3, out.size(), out::toString);
        NickChanged guest = (NickChanged) out.get(0);
        assertEquals(C, guest.client());
        assertEquals(new Rejected(C, ErrorCode.NICK_REGISTERED, "alice"), out.get(1));
        assertEquals(new NickChanged(new Member(B, "bob", "u", "h", "alice"), "ALICE", List.of(B, C)), out.get(2));
        assertEquals(B, s.state.memberByNick("alice").orElseThrow().client());
        assertEquals(List.of(new Rejected(B, ErrorCode.NOT_NICK_OWNER, "carol")),
                s.apply(new NickRecovered(B, "carol", true)));
    }

    @Test
    void ghostEndsTheConnectionHoldingTheNick() {
        registerAlice();
        s.apply(new NickClaimed(A, "alice2", "", Events.ID));
        s.register(C, "alice");
        s.apply(new LoggedIn(B, "alice", 0));
        ChatOutcome.Killed killed = (ChatOutcome.Killed) s.only(new NickRecovered(B, "alice", false));
        assertEquals(C, killed.victim().client());
        assertEquals("GHOST command used by bob", killed.reason());
        assertTrue(s.state.member(C).isEmpty());
        assertEquals(List.of(new Rejected(B, ErrorCode.NO_SUCH_NICK, "alice")),
                s.apply(new NickRecovered(B, "alice", false)));
        assertTrue(s.only(new NickRecovered(B, "alice", true)) instanceof NickChanged, "regain of a free nick");
        assertEquals(List.of(), s.apply(new NickRecovered(B, "alice", true)), "already holds it");
    }

    @Test
    void regainEndsTheOwnersOtherConnection() {
        registerAlice();
        s.apply(new LoggedIn(B, "alice", 0));
        List<ChatOutcome> out = s.apply(new NickRecovered(B, "alice", true));
        assertEquals(A, ((ChatOutcome.Killed) out.get(0)).victim().client());
        assertEquals("REGAIN command used by bob", ((ChatOutcome.Killed) out.get(0)).reason());
        assertEquals("alice", ((NickChanged) out.get(1)).newNick());
    }

    @Test
    void anAccountOutlivesItsClients() {
        registerAlice();
        s.apply(new ChatEvent.ServerGone("server1", Long.MAX_VALUE, "failed"));
        assertTrue(s.state.account("alice").isPresent());
        assertEquals("", s.state.accountOf(A));
    }
}
