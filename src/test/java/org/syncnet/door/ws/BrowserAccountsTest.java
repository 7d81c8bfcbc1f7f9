package org.syncnet.door.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.Identity;
import org.syncnet.chat.app.AccountDesk;
import org.syncnet.door.ws.ServerFrame.Account.AccountChange;
import org.syncnet.door.ws.ServerFrame.Presence.Change;

/**
 * Accounts through the browser door ({@link BrowserSession}, {@link BrowserAccount}, {@link AccountClerk}) against a
 * one-server log ({@link SessionDriver}): registered nicks, tokens and passwords in the hello, the account frames, and
 * what a browser and its room mates see of them.
 */
class BrowserAccountsTest {
    private static final ClientId A = new ClientId("server1", 1);
    private static final ClientId B = new ClientId("server1", 2);
    private static final ClientId C = new ClientId("server1", 3);
    private static final String PW = "pencil-sharpener";
    private static final String ENDED =
            "your login has ended (logged out, expired, or the password changed): log in again";

    private final SessionDriver d = new SessionDriver();

    private static String hello(String nick) {
        return "{\"type\":\"hello\",\"nick\":\"" + nick + "\",\"version\":4}";
    }

    private static String hello(String nick, String field, String value) {
        return "{\"type\":\"hello\",\"nick\":\"" + nick + "\",\"version\":4,\"" + field + "\":\"" + value + "\"}";
    }

    private static String frame(String type, String... fieldsAndValues) {
        StringBuilder json = new StringBuilder("{\"type\":\"" + type + "\"");
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            json.append(",\"").append(fieldsAndValues[i]).append("\":\"").append(fieldsAndValues[i + 1]).append('"');
        }
        return json.append('}').toString();
    }

    private static ServerFrame.Welcome welcome(String nick) {
        return new ServerFrame.Welcome(SessionDriver.SERVER, SessionDriver.LEADER, nick);
    }

    private static ServerFrame.Account account(String account, AccountChange change) {
        return new ServerFrame.Account(account, change);
    }

    private static ServerFrame.Error error(ErrorCode code, String message) {
        return new ServerFrame.Error(code, message, null);
    }

    private static ServerFrame.Error registered(String nick) {
        return new ServerFrame.Error(ErrorCode.NICK_REGISTERED, "the nick " + nick
                + " is registered; log in with its password", null, null, nick);
    }

    /** The token of a frame that brings one. */
    private static String token(ServerFrame f) {
        ServerFrame.Account a = (ServerFrame.Account) f;
        assertEquals(AccountChange.SESSION, a.change(), a::toString);
        assertFalse(a.token().isEmpty());
        return a.token().value();
    }

    /** A browser that takes the nick and registers it: returns the token it got. */
    private String register(BrowserSession s, String nick) {
        assertEquals(List.of(welcome(nick)), d.send(s, hello(nick)));
        List<ServerFrame> got = d.send(s, frame("register", "password", PW));
        assertEquals(account(nick, AccountChange.REGISTER), got.get(0));
        assertEquals(2, got.size(), got::toString);
        return token(got.get(1));
    }

    private boolean valid(String token) {
        return d.desk.sessionAccount(token, d.millis).isPresent();
    }

    private void gone(ClientId client) {
        d.commit(new ChatEvent.ClientGone(client, "bye"));
    }

    @Test
    void aRegisteredNickNeedsItsPasswordOrAToken() {
        register(d.session(A, 100), "alice");
        gone(A);
        BrowserSession b = d.session(B, 100);
        assertEquals(List.of(registered("alice")), d.send(b, hello("alice")));
        assertTrue(d.state.member(B).isEmpty(), "nothing claimed");
        assertEquals(List.of(error(ErrorCode.LOGIN_FAILED, "wrong account or password")),
                d.send(b, hello("alice", "password", "pencil-sharpened")));
        assertTrue(d.state.member(B).isEmpty(), "nothing claimed");
        assertEquals(1, d.state.loginFailures("alice", d.millis), "the failure is in the log");
        List<ServerFrame> got = d.send(b, hello("Alice", "password", PW));
        assertEquals(List.of(welcome("Alice"), account("alice", AccountChange.LOGIN)), got.subList(0, 2));
        assertTrue(valid(token(got.get(2))), "a new token, valid on every server");
        assertEquals("alice", d.state.accountOf(B));
        assertEquals(0, d.state.loginFailures("alice", d.millis), "a login clears the account's failures");
    }

    @Test
    void aTokenLogsInAgainUntilALogoutEndsIt() {
        String token = register(d.session(A, 100), "alice");
        gone(A);
        BrowserSession b = d.session(B, 100);
        assertEquals(List.of(welcome("alice"), account("alice", AccountChange.LOGIN)),
                d.send(b, hello("alice", "token", token)), "no new token: the browser keeps its own");
        assertEquals(List.of(account("", AccountChange.LOGOUT)), d.send(b, frame("logout")));
        assertFalse(valid(token), "the logout ended the token it logged in with");
        gone(B);
        BrowserSession c = d.session(C, 100);
        assertEquals(List.of(error(ErrorCode.LOGIN_FAILED, ENDED)), d.send(c, hello("alice", "token", token)));
        assertTrue(d.state.member(C).isEmpty(), "nothing claimed");
    }

    @Test
    void aTokenMayTakeAFreeNickButNotAnotherAccountsNick() {
        String token = register(d.session(A, 100), "alice");
        register(d.session(B, 100), "bob");
        BrowserSession c = d.session(C, 100);
        assertEquals(List.of(registered("bob")), d.send(c, hello("bob", "token", token)));
        assertEquals(List.of(welcome("carol"), account("alice", AccountChange.LOGIN)),
                d.send(c, hello("carol", "token", token)));
        assertEquals("alice", d.state.accountOf(C));
    }

    @Test
    void forgedAndExpiredTokensAreRefusedAndClaimNothing() {
        String token = register(d.session(A, 100), "alice");
        gone(A);
        BrowserSession b = d.session(B, 100);
        String forged = new AccountDesk("server1", null, 4096).newToken();
        assertEquals(List.of(error(ErrorCode.LOGIN_FAILED, ENDED)), d.send(b, hello("alice", "token", forged)));
        assertEquals(List.of(error(ErrorCode.LOGIN_FAILED, ENDED)), d.send(b, hello("zed", "token", forged)),
                "refused also for a nick nobody registered: the browser learns that its login ended");
        d.millis += ChatLimits.SESSION_LIFETIME_MILLIS;
        assertEquals(List.of(error(ErrorCode.LOGIN_FAILED, ENDED)), d.send(b, hello("alice", "token", token)),
                "expired");
        assertTrue(d.state.member(B).isEmpty());
        assertEquals(List.of(welcome("zed")), d.send(b, hello("zed")), "and may go on without");
    }

    @Test
    void theTokenReachesTheBrowserOnlyOnceTheLogConfirmedIt() {
        BrowserSession a = d.session(A, 100);
        d.send(a, hello("alice"));
        d.take(a);
        BrowserSession.Result r = a.onText(frame("register", "password", PW, "email", "a@example.org"), 0, d.millis);
        assertEquals(List.of(), r.toLog(), "the password is checked first");
        r = a.onVerified(r.check(), d.clerk.verify(r.check(), d.millis), d.millis);
        assertEquals(List.of(), r.reply());
        assertEquals(2, r.toLog().size(), r.toLog()::toString);
        ChatEvent.AccountRegistered registration = (ChatEvent.AccountRegistered) r.toLog().get(0);
        assertEquals("a@example.org", registration.email());
        assertEquals("10.0.0.1", registration.address());
        assertTrue(registration.credential().matches(PW), "only the credential enters the log");
        ChatEvent.SessionIssued issued = (ChatEvent.SessionIssued) r.toLog().get(1);

        d.commit(registration);
        assertEquals(List.of(account("alice", AccountChange.REGISTER)), d.take(a), "no token yet");
        d.commit(issued);
        List<ServerFrame> got = d.take(a);
        assertEquals(1, got.size());
        assertArrayEquals(AccountDesk.sessionHash(token(got.get(0))), issued.session(), "the log holds its hash");
        assertEquals(AccountDesk.sessionExpiry(d.millis), issued.expires());
    }

    @Test
    void aTokenWhoseEventNeverReachedTheLogIsForgotten() {
        BrowserSession a = d.session(A, 100);
        d.send(a, hello("alice"));
        BrowserSession.Result r = a.onText(frame("register", "password", PW), 0, d.millis);
        r = a.onVerified(r.check(), d.clerk.verify(r.check(), d.millis), d.millis);
        d.commit(r.toLog().get(0));
        a.notLogged(r.toLog().get(1));  // no leader: the connection could not submit it
        d.take(a);
        r = a.onText(frame("password", "password", PW, "newPassword", "battery-staple"), 0, d.millis);
        r = a.onVerified(r.check(), d.clerk.verify(r.check(), d.millis), d.millis);
        r.toLog().forEach(d::commit);
        List<ServerFrame> got = d.take(a);
        assertArrayEquals(((ChatEvent.SessionIssued) r.toLog().get(1)).session(),
                AccountDesk.sessionHash(token(got.get(1))), "the token the log confirmed, not the lost one");
    }

    @Test
    void wrongPasswordsAreCountedOnEveryServerAndThrottled() {
        register(d.session(A, 100), "alice");
        gone(A);
        BrowserSession b = d.session(B, 100);
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(error(ErrorCode.LOGIN_FAILED, "wrong account or password")),
                    d.send(b, hello("alice", "password", "not-the-password")));
        }
        assertEquals(List.of(error(ErrorCode.LOGIN_THROTTLED, "too many failed logins: try again in 1 s")),
                d.send(b, hello("alice", "password", PW)), "even the right one waits");
        assertTrue(d.state.loginWaitMillis("bob", "10.0.0.1", d.millis) > 0, "and so does the address");
        d.millis += 1000;
        assertEquals(welcome("alice"), d.send(b, hello("alice", "password", PW)).get(0));
    }

    @Test
    void loginLogoutPasswordChangeAndDropAfterTheWelcome() {
        BrowserSession a = d.session(A, 100);
        String first = register(a, "alice");
        BrowserSession b = d.session(B, 100);
        d.send(b, hello("bob"));
        assertEquals(List.of(error(ErrorCode.NOT_LOGGED_IN, "you are not logged in to an account")),
                d.send(b, frame("logout")));
        List<ServerFrame> login = d.send(b, frame("login", "account", "ALICE", "password", PW));
        assertEquals(account("alice", AccountChange.LOGIN), login.get(0));
        String second = token(login.get(1));
        assertEquals(List.of(error(ErrorCode.ALREADY_LOGGED_IN, "you are logged in to alice already; log out first")),
                d.send(b, frame("login", "account", "alice", "password", PW)));

        assertEquals(List.of(error(ErrorCode.LOGIN_FAILED, "wrong account or password")),
                d.send(b, frame("password", "password", "not-the-password", "newPassword", "battery-staple")));
        assertEquals(1, d.state.loginFailures("alice", d.millis));
        List<ServerFrame> changed = d.send(b, frame("password", "password", PW, "newPassword", "battery-staple"));
        assertEquals(account("alice", AccountChange.PASSWORD), changed.get(0));
        String third = token(changed.get(1));
        assertFalse(valid(first) || valid(second), "a password change ends every token of the account");
        assertTrue(valid(third), "and gives this browser a new one");
        assertEquals("alice", d.state.accountOf(A), "nobody is logged out");

        assertEquals(List.of(error(ErrorCode.LOGIN_FAILED, "wrong account or password")),
                d.send(b, frame("dropAccount", "password", PW)), "the old password");
        d.take(a);
        assertEquals(List.of(account("", AccountChange.DROP)), d.send(b, frame("dropAccount", "password",
                "battery-staple")));
        assertTrue(d.state.account("alice").isEmpty());
        assertEquals(List.of(account("", AccountChange.DROP)), d.take(a), "everyone logged in to it is logged out");
        assertFalse(valid(third));
    }

    @Test
    void registeringTwiceOrWhileLoggedInIsRefused() {
        BrowserSession a = d.session(A, 100);
        register(a, "alice");
        assertEquals(List.of(error(ErrorCode.ALREADY_LOGGED_IN, "you are logged in to alice already; log out first")),
                d.send(a, frame("register", "password", PW)));
        d.send(a, frame("logout"));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.ACCOUNT_EXISTS, "alice is registered already", null,
                null, "alice")), d.send(a, frame("register", "password", PW)));
    }

    @Test
    void anAddressRegistersAtMostThreeAccountsAnHour() {
        for (int i = 1; i <= 3; i++) {
            register(d.session(new ClientId("server1", 10 + i), "10.9.9.9", 100), "user" + i);
        }
        BrowserSession fourth = d.session(new ClientId("server1", 14), "10.9.9.9", 100);
        d.send(fourth, hello("user4"));
        assertEquals(List.of(error(ErrorCode.REGISTRATION_LIMITED,
                "too many accounts were registered from your address lately; try again later")),
                d.send(fourth, frame("register", "password", PW)));
        assertTrue(d.state.account("user4").isEmpty());
    }

    @Test
    void aRefusedClaimTakesTheLoginChainedToItAlongSilently() {
        register(d.session(A, 100), "alice");
        BrowserSession b = d.session(B, 100);
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.NICK_IN_USE, "the nick alice is taken", null, null,
                "alice")), d.send(b, hello("alice", "password", PW)), "one refusal: not the login's, not the token's");
        assertEquals(List.of(welcome("alice2")), d.send(b, hello("alice2")), "no token of the refused chain comes late");
        assertEquals("", d.state.accountOf(B));
    }

    @Test
    void roomMatesSeeWhoIsLoggedIn() {
        BrowserSession a = d.session(A, 100);
        BrowserSession b = d.session(B, 100);
        d.send(a, hello("alice"));
        d.send(b, hello("bob"));
        d.send(a, frame("join", "room", "#r"));
        d.send(b, frame("join", "room", "#r"));
        d.take(a);
        d.send(b, frame("register", "password", PW));
        assertEquals(List.of(new ServerFrame.MemberAccount("bob", "bob")), d.take(a));
        BrowserSession c = d.session(C, 100);
        d.send(c, hello("carol"));
        List<ServerFrame> joined = d.send(c, frame("join", "room", "#r"));
        assertEquals(Map.of("bob", "bob"), ((ServerFrame.Members) joined.get(1)).accounts());
        d.take(a);
        d.send(b, frame("part", "room", "#r"));
        d.send(b, frame("join", "room", "#r"));
        assertEquals(List.of(new ServerFrame.Presence("#r", "bob", Change.PART, null, ""),
                new ServerFrame.Presence("#r", "bob", Change.JOIN, null, null, "bob")), d.take(a),
                "a join says who is logged in");
        d.send(b, frame("logout"));
        assertEquals(List.of(new ServerFrame.MemberAccount("bob", "")), d.take(a));
    }

    @Test
    void aGuestOnARegisteredNickIsRenamedAndItsOwnerTakesItBack() {
        BrowserSession a = d.session(A, 100);
        register(a, "alice");
        d.send(a, frame("logout"));
        BrowserSession b = d.session(B, 100);
        d.send(b, hello("bob"));
        d.send(b, frame("login", "account", "alice", "password", PW));
        List<ServerFrame> regained = d.send(b, frame("regain", "nick", "alice"));
        assertEquals(List.of(new ServerFrame.Nick("bob", "alice")), regained);
        List<ServerFrame> toGuest = d.take(a);
        ServerFrame.Nick renamed = (ServerFrame.Nick) toGuest.get(toGuest.size() - 2);
        assertEquals("alice", renamed.nick());
        assertTrue(renamed.newNick().startsWith("Guest"), renamed::newNick);
        assertEquals(registered("alice"), toGuest.get(toGuest.size() - 1), "then why");

        d.commit(new ChatEvent.NickClaimed(A, "carol", "", new Identity("web", "server1", "")));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.NOT_NICK_OWNER,
                "the nick carol is not registered to your account", null, null, "carol")),
                d.send(b, frame("ghost", "nick", "carol")));
    }

    @Test
    void ghostEndsTheConnectionThatHoldsTheNick() {
        BrowserSession a = d.session(A, 100);
        register(a, "alice");
        d.send(a, frame("logout"));
        BrowserSession b = d.session(B, 100);
        d.send(b, hello("bob"));
        d.send(b, frame("login", "account", "alice", "password", PW));
        d.take(a);
        d.send(b, frame("ghost", "nick", "alice"));
        assertEquals(List.of(error(ErrorCode.KILLED, "Killed (bob (GHOST command used by bob))")), d.take(a));
        assertTrue(a.isClosed());
    }

    @Test
    void olderVersionsNeitherSendNorSeeAccounts() {
        BrowserSession a = d.session(A, 100);
        BrowserSession b = d.session(B, 100);
        d.send(a, "{\"type\":\"hello\",\"nick\":\"alice\",\"version\":3}");
        assertEquals(List.of(error(ErrorCode.UNKNOWN_TYPE, "unknown frame type")),
                d.send(a, frame("register", "password", PW)));
        d.send(a, frame("join", "room", "#r"));
        d.send(b, hello("bob"));
        d.send(b, frame("join", "room", "#r"));
        d.take(a);
        d.send(b, frame("register", "password", PW));
        assertEquals(List.of(), d.take(a), "no memberAccount for version 3");
        gone(B);
        BrowserSession c = d.session(C, 100);
        assertEquals(List.of(registered("bob")), d.send(c, "{\"type\":\"hello\",\"nick\":\"bob\"}"),
                "a registered nick is refused whatever the version");
    }

    @Test
    void whereAnAccountIsRequiredAGuestIsToldWhatToDo() {
        d.state.requireAccounts();
        BrowserSession a = d.session(A, 100);
        d.send(a, hello("alice"));
        String why = "log in or register first: only logged-in users may chat here";
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.ACCOUNT_REQUIRED, why, null, "#r", null)),
                d.send(a, frame("join", "room", "#r")));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.ACCOUNT_REQUIRED, why, "m1")),
                d.send(a, frame("private", "id", "m1", "to", "alice", "text", "hi")), "a refusal without a room");
        d.send(a, frame("register", "password", PW));
        assertEquals(ServerFrame.Presence.class, d.send(a, frame("join", "room", "#r")).get(0).getClass());
    }
}
