package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.door.irc.sasl.ScramTestClient;

/** Accounts over IRC: REGISTER, NickServ, registered nicks, account-notify, account-tag, extended-join, WHOIS, PASS. */
class IrcAccountsTest {
    private static final String PASSWORD = "pencil-sharpener";
    private final IrcWorld world = new IrcWorld();

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void registerCreatesTheAccountOfTheNickInUseAndLogsIn() {
        IrcSession alice = world.register("server1", 1, "10.0.0.1", "alice");
        IrcSession bob = world.register("server2", 1, "10.0.0.2", "bob");
        world.send(bob, "CAP REQ account-notify");
        world.send(alice, "JOIN #a");
        world.send(bob, "JOIN #a");
        world.drain(alice);
        assertEquals(List.of(":server1.syncnet REGISTER SUCCESS alice :Account created",
                        ":server1.syncnet 900 alice alice!~alice@10.0.0.1 alice :You are now logged in as alice"),
                world.send(alice, "REGISTER * alice@example.org " + PASSWORD));
        assertEquals(List.of(":alice!~alice@10.0.0.1 ACCOUNT alice"), world.drain(bob));
        assertEquals("alice", world.state.accountOf(alice.id()));
        assertTrue(world.state.account("ALICE").orElseThrow().credential().matches(PASSWORD));
        assertEquals("alice@example.org", world.state.account("alice").orElseThrow().email());
        assertTrue(world.send(bob, "WHOIS alice").contains(":server2.syncnet 330 bob alice alice :is logged in as"));
        assertFalse(world.send(alice, "WHOIS bob").stream().anyMatch(l -> l.contains(" 330 ")));
    }

    @Test
    void registerRefusesWhatCannotWork() {
        IrcSession fresh = world.connect("server1", 9, "10.0.0.9");
        assertEquals(List.of(":server1.syncnet FAIL REGISTER COMPLETE_CONNECTION_REQUIRED * :Finish connecting first."),
                world.send(fresh, "REGISTER * * " + PASSWORD));
        IrcSession alice = world.register("server1", 1, "10.0.0.1", "alice");
        assertEquals(List.of(":server1.syncnet FAIL REGISTER ACCOUNT_NAME_MUST_BE_NICK alice"
                        + " :You can only register the nick you use, alice."),
                world.send(alice, "REGISTER carol * " + PASSWORD));
        assertEquals(List.of(":server1.syncnet FAIL REGISTER WEAK_PASSWORD alice"
                        + " :A password must have 8 to 300 bytes, on one line."),
                world.send(alice, "REGISTER alice * short"));
        assertEquals(List.of(":server1.syncnet FAIL REGISTER INVALID_EMAIL alice :That is not an e-mail address."),
                world.send(alice, "REGISTER alice not-an-address " + PASSWORD));
        assertEquals(List.of(":server1.syncnet 461 alice REGISTER :Not enough parameters"),
                world.send(alice, "REGISTER alice *"));
        assertTrue(world.state.account("alice").isEmpty(), "nothing changed");
        world.send(alice, "REGISTER alice * " + PASSWORD);
        assertEquals(List.of(":server1.syncnet FAIL REGISTER ALREADY_AUTHENTICATED alice"
                        + " :You are already logged in to alice."),
                world.send(alice, "REGISTER alice * " + PASSWORD));
        assertEquals(List.of(":server1.syncnet FAIL VERIFY INVALID_CODE alice"
                        + " :No verification is pending: accounts here need none"),
                world.send(alice, "VERIFY alice 1234"));
    }

    @Test
    void nickServRegistersIdentifiesAndCountsWrongPasswords() {
        IrcSession alice = world.register("server1", 1, "10.0.0.1", "alice");
        assertEquals(List.of(":NickServ!NickServ@services.server1.syncnet NOTICE alice"
                        + " :The nick alice is now registered to your account.",
                        ":server1.syncnet 900 alice alice!~alice@10.0.0.1 alice :You are now logged in as alice"),
                world.send(alice, "PRIVMSG NickServ :REGISTER " + PASSWORD));
        quit(alice);
        IrcSession other = world.register("server2", 1, "10.0.0.2", "other");
        assertEquals(List.of(":NickServ!NickServ@services.server2.syncnet NOTICE other :Wrong account or password."),
                world.send(other, "PRIVMSG NickServ :IDENTIFY alice wrong-password"));
        assertEquals(1, world.state.loginFailures("alice", world.now), "counted through the log");
        assertEquals(1, world.state.accountCounters(world.now).failedLogins());
        assertEquals(List.of(":NickServ!NickServ@services.server2.syncnet NOTICE other"
                        + " :You are now identified for alice.",
                        ":server2.syncnet 900 other other!~other@10.0.0.2 alice :You are now logged in as alice"),
                world.send(other, "NS IDENTIFY alice " + PASSWORD));
        assertEquals(0, world.state.loginFailures("alice", world.now), "a login clears the account's count");
        assertTrue(world.send(other, "NICKSERV INFO alice").contains(
                ":NickServ!NickServ@services.server2.syncnet NOTICE other :Nick in use: no"));
        assertEquals(List.of(":NickServ!NickServ@services.server2.syncnet NOTICE other :You are now logged out.",
                        ":server2.syncnet 901 other other!~other@10.0.0.2 :You are now logged out"),
                world.send(other, "PRIVMSG NickServ :LOGOUT"));
    }

    @Test
    void failedLoginsMakeTheNextOnesWait() {
        IrcSession alice = world.register("server1", 1, "10.0.0.1", "alice");
        world.send(alice, "REGISTER * * " + PASSWORD);
        IrcSession mallory = world.register("server2", 1, "10.6.6.6", "mallory");
        for (int i = 0; i < 3; i++) {
            world.send(mallory, "PRIVMSG NickServ :IDENTIFY alice guess" + i + "xx");
        }
        assertEquals(List.of(":NickServ!NickServ@services.server2.syncnet NOTICE mallory"
                        + " :Too many failed logins: try again in 1 s."),
                world.send(mallory, "PRIVMSG NickServ :IDENTIFY alice " + PASSWORD), "not even checked");
        assertEquals("", world.state.accountOf(mallory.id()));
        assertEquals(3, world.state.loginFailures("alice", world.now), "a refused attempt is not counted again");
        world.now += 1000;
        assertTrue(world.send(mallory, "PRIVMSG NickServ :IDENTIFY alice " + PASSWORD).get(0).contains("identified"));
    }

    @Test
    void aRegisteredNickIsProtectedAndItsOwnerTakesItBack() {
        IrcSession alice = world.register("server1", 1, "10.0.0.1", "alice");
        world.send(alice, "REGISTER * * " + PASSWORD);
        quit(alice);
        IrcSession guest = world.connect("server2", 5, "10.0.0.5");
        world.send(guest, "NICK alice");
        List<String> burst = world.send(guest, "USER x 0 * :X");
        assertEquals(":NickServ!NickServ@services.server2.syncnet NOTICE alice :alice is registered to an account."
                + " Log in to it within 30 s (/msg NickServ IDENTIFY <password>, or SASL), or you will be renamed;"
                + " if it is not yours, choose another nick.", burst.get(burst.size() - 1));
        assertTrue(world.state.holdsUnownedNick(guest.id()));
        // The grace ends: the guest's server logs it, every server renames.
        world.commit("server2", new ChatEvent.NickEnforced(guest.id(), "alice"));
        List<String> renamed = world.drain(guest);
        String guestNick = world.state.nickOf(guest.id());
        assertTrue(guestNick.matches("Guest\\d{5}"), guestNick);
        assertEquals(List.of(":alice!~x@10.0.0.5 NICK " + guestNick,
                ":NickServ!NickServ@services.server2.syncnet NOTICE " + guestNick + " :You did not log in to the"
                        + " account of alice in time, so you are now " + guestNick + ". If it is yours: /msg NickServ"
                        + " IDENTIFY alice <password>, then /msg NickServ REGAIN alice."), renamed);
        // The guest takes it again; its owner comes back under another nick and regains it.
        world.send(guest, "NICK alice");
        IrcSession owner = world.register("server3", 1, "10.0.0.3", "owner");
        world.send(owner, "PRIVMSG NickServ :IDENTIFY alice " + PASSWORD);
        assertEquals(List.of(":owner!~owner@10.0.0.3 NICK alice"), world.send(owner, "PRIVMSG NickServ :REGAIN alice"));
        assertTrue(world.drain(guest).get(0).startsWith(":alice!~x@10.0.0.5 NICK Guest"));
        assertEquals("alice", world.state.nickOf(owner.id()));
        assertEquals(List.of(":NickServ!NickServ@services.server3.syncnet NOTICE alice :You already use the nick alice."),
                world.send(owner, "PRIVMSG NickServ :GHOST alice"));
    }

    @Test
    void ghostDisconnectsAndNeedsTheOwner() {
        IrcSession alice = world.register("server1", 1, "10.0.0.1", "alice");
        world.send(alice, "REGISTER * * " + PASSWORD);
        IrcSession second = world.register("server2", 1, "10.0.0.2", "second");
        assertEquals(List.of(":NickServ!NickServ@services.server2.syncnet NOTICE second"
                        + " :You are not logged in to an account (IDENTIFY first)."),
                world.send(second, "PRIVMSG NickServ :GHOST alice"));
        world.send(second, "PRIVMSG NickServ :IDENTIFY alice " + PASSWORD);
        assertEquals(List.of(":alice!~alice@10.0.0.1 QUIT :Killed (second (GHOST command used by second))",
                        ":NickServ!NickServ@services.server2.syncnet NOTICE second :alice has been disconnected."),
                world.send(second, "PRIVMSG NickServ :GHOST alice"));
        assertEquals("Killed (second (GHOST command used by second))", alice.closeReason());
        assertEquals(List.of(":NickServ!NickServ@services.server2.syncnet NOTICE second :carol is not registered"
                + " to your account."), world.send(second, "PRIVMSG NickServ :GHOST carol"));
    }

    @Test
    void nickServIsNobodysNickAndAnswersHelp() {
        IrcSession fresh = world.connect("server1", 1, "10.0.0.1");
        assertEquals(List.of(":server1.syncnet 432 * NickServ :Erroneous nickname"), world.send(fresh, "NICK NickServ"));
        IrcSession alice = world.register("server1", 2, "10.0.0.1", "alice");
        assertEquals(9, world.send(alice, "PRIVMSG NickServ :HELP").size());
        assertEquals(List.of(), world.send(alice, "NOTICE NickServ :HELP"), "a NOTICE is never answered");
        assertEquals(List.of(":NickServ!NickServ@services.server1.syncnet NOTICE alice :Syntax: SET PASSWORD"
                + " <new password>"), world.send(alice, "PRIVMSG NickServ :SET"));
    }

    @Test
    void passwordChangeAndDrop() {
        IrcSession alice = world.register("server1", 1, "10.0.0.1", "alice");
        world.send(alice, "REGISTER * * " + PASSWORD);
        assertEquals(List.of(":NickServ!NickServ@services.server1.syncnet NOTICE alice :The password of alice is"
                + " changed; its browser logins are logged out."),
                world.send(alice, "PRIVMSG NickServ :SET PASSWORD new-pencil-case"));
        assertTrue(world.state.account("alice").orElseThrow().credential().matches("new-pencil-case"));
        assertEquals(List.of(":NickServ!NickServ@services.server1.syncnet NOTICE alice :Wrong account or password."),
                world.send(alice, "PRIVMSG NickServ :DROP " + PASSWORD));
        assertTrue(world.state.account("alice").isPresent());
        assertEquals(List.of(":NickServ!NickServ@services.server1.syncnet NOTICE alice"
                        + " :The account you were logged in to is dropped.",
                        ":server1.syncnet 901 alice alice!~alice@10.0.0.1 :You are now logged out"),
                world.send(alice, "PRIVMSG NickServ :DROP new-pencil-case"));
        assertTrue(world.state.account("alice").isEmpty());
    }

    @Test
    void saslPlainBeforeRegistrationLogsInWithTheNickClaim() {
        world.options = new SessionOptions(true, false, 30_000, false, null, SessionOptions.PLAIN.scram());
        IrcSession alice = world.register("server1", 1, "10.0.0.1", "alice");
        world.send(alice, "REGISTER * * " + PASSWORD);
        quit(alice);
        IrcSession s = world.connect("server2", 1, "10.0.0.2");
        assertEquals(List.of(":server1.syncnet CAP * LS :account-notify draft/account-registration account-tag"
                + " away-notify echo-message extended-join invite-notify multi-prefix sasl=PLAIN,SCRAM-SHA-256 server-time")
                .get(0).replace("server1", "server2"), world.send(s, "CAP LS 302").get(0));
        world.send(s, "CAP REQ sasl");
        world.send(s, "NICK alice");
        world.send(s, "USER alice 0 * :Alice");
        assertEquals(List.of("AUTHENTICATE +"), world.send(s, "AUTHENTICATE PLAIN"));
        assertEquals(List.of(":server2.syncnet 900 * alice!*@10.0.0.2 alice :You are now logged in as alice",
                        ":server2.syncnet 903 * :SASL authentication successful"),
                world.send(s, "AUTHENTICATE " + b64("\0alice\0" + PASSWORD)));
        List<String> burst = world.send(s, "CAP END");
        assertTrue(burst.get(0).contains(" 001 alice "), burst::toString);
        assertFalse(burst.stream().anyMatch(l -> l.contains("is registered to an account")), "no grace notice");
        assertEquals("alice", world.state.accountOf(s.id()));
        assertEquals(List.of(":server2.syncnet 907 alice :You have already authenticated using SASL"),
                world.send(s, "AUTHENTICATE PLAIN"));
    }

    @Test
    void saslPlainIsOnlyOfferedOverTlsAndFailuresAreCounted() {
        IrcSession alice = world.register("server1", 1, "10.0.0.1", "alice");
        world.send(alice, "REGISTER * * " + PASSWORD);
        IrcSession s = world.connect("server1", 2, "10.0.0.2");
        world.send(s, "CAP REQ sasl");
        assertEquals(List.of(":server1.syncnet 908 * SCRAM-SHA-256 :are available SASL mechanisms",
                ":server1.syncnet 904 * :SASL authentication failed"), world.send(s, "AUTHENTICATE PLAIN"));
        world.options = new SessionOptions(false, true, 30_000, false, null, SessionOptions.PLAIN.scram());
        IrcSession allowed = world.connect("server1", 3, "10.0.0.3");
        world.send(allowed, "CAP REQ sasl");
        world.send(allowed, "AUTHENTICATE PLAIN");
        assertEquals(List.of(":server1.syncnet 904 * :SASL authentication failed"),
                world.send(allowed, "AUTHENTICATE " + b64("\0alice\0wrong-password")));
        assertEquals(1, world.state.loginFailures("alice", world.now));
        assertEquals(List.of(":server1.syncnet 906 * :SASL authentication aborted"), world.send(allowed, "AUTHENTICATE *"));
        IrcSession noCap = world.connect("server1", 4, "10.0.0.4");
        assertEquals(List.of(":server1.syncnet 904 * :Request the sasl capability first"),
                world.send(noCap, "AUTHENTICATE PLAIN"));
        world.send(allowed, "AUTHENTICATE PLAIN");
        assertEquals(List.of(":server1.syncnet 905 * :SASL message too long"),
                world.send(allowed, "AUTHENTICATE " + "A".repeat(401)));
    }

    @Test
    void saslScramLogsInWithoutThePasswordCrossing() {
        IrcSession alice = world.register("server1", 1, "10.0.0.1", "alice");
        world.send(alice, "REGISTER * * " + PASSWORD);
        IrcSession s = world.register("server3", 1, "10.0.0.3", "someone");
        world.send(s, "CAP REQ sasl");
        assertEquals(List.of("AUTHENTICATE +"), world.send(s, "AUTHENTICATE SCRAM-SHA-256"));
        ScramTestClient client = new ScramTestClient("alice", PASSWORD, "fyko+d2lbbFgONRv9qkxdawL");
        String serverFirst = decode(world.send(s, "AUTHENTICATE " + b64(client.clientFirst())));
        String serverFinal = decode(world.send(s, "AUTHENTICATE " + b64(client.clientFinal(serverFirst))));
        assertEquals(client.expectedServerFinal(), serverFinal, "the server proves it knows the credential");
        assertEquals(List.of(":server3.syncnet 900 someone someone!*@10.0.0.3 alice :You are now logged in as alice",
                ":server3.syncnet 903 someone :SASL authentication successful"), world.send(s, "AUTHENTICATE +"));
        assertEquals("alice", world.state.accountOf(s.id()), "a registered client is logged in at once");
        IrcSession wrong = world.register("server3", 2, "10.0.0.4", "wrong");
        world.send(wrong, "CAP REQ sasl");
        world.send(wrong, "AUTHENTICATE SCRAM-SHA-256");
        ScramTestClient guesser = new ScramTestClient("alice", "not-the-password", "rOprNGfwEbeRWgbNEkqO");
        String first = decode(world.send(wrong, "AUTHENTICATE " + b64(guesser.clientFirst())));
        List<String> failed = world.send(wrong, "AUTHENTICATE " + b64(guesser.clientFinal(first)));
        assertEquals("AUTHENTICATE " + b64("e=invalid-proof"), failed.get(0));
        assertEquals(":server3.syncnet 904 wrong :SASL authentication failed", failed.get(1));
        assertEquals(1, world.state.loginFailures("alice", world.now));
    }

    @Test
    void extendedJoinAndAccountTagCarryTheAccount() {
        IrcSession alice = world.register("server1", 1, "10.0.0.1", "alice");
        world.send(alice, "REGISTER * * " + PASSWORD);
        IrcSession bob = world.register("server2", 1, "10.0.0.2", "bob");
        world.send(bob, "CAP REQ :extended-join account-tag");
        assertEquals(":bob!~bob@10.0.0.2 JOIN #a * Bob", world.send(bob, "JOIN #a").get(0));
        world.send(alice, "JOIN #a");
        assertEquals(List.of(":alice!~alice@10.0.0.1 JOIN #a alice Alice"), world.drain(bob));
        IrcSession carol = world.register("server3", 1, "10.0.0.3", "carol");
        world.send(carol, "CAP REQ :server-time account-tag");
        world.send(carol, "JOIN #a");
        world.drain(bob);
        world.send(alice, "PRIVMSG #a :hello");
        assertEquals(List.of("@account=alice :alice!~alice@10.0.0.1 PRIVMSG #a hello"), world.drain(bob));
        String timed = world.drain(carol).get(0);
        assertTrue(timed.matches("@account=alice;time=\\S+ :alice!~alice@10\\.0\\.0\\.1 PRIVMSG #a hello"), timed);
    }

    @Test
    void aServerPasswordIsCheckedBeforeRegistration() {
        world.serverPassword = OperPassword.parse(OperPassword.hash("letmein".toCharArray(),
                OperPassword.MIN_ITERATIONS));
        world.options = new SessionOptions(false, false, 30_000, true, null, SessionOptions.PLAIN.scram());
        IrcSession good = world.connect("server1", 1, "10.0.0.1");
        assertEquals(List.of(), world.send(good, "PASS letmein"));
        world.send(good, "NICK alice");
        assertTrue(world.send(good, "USER alice 0 * :A").get(0).contains(" 001 alice "));
        IrcSession bad = world.connect("server1", 2, "10.0.0.2");
        assertEquals(List.of(":server1.syncnet 464 * :Password incorrect"), world.send(bad, "PASS nope"));
        world.send(bad, "NICK bob");
        assertEquals(List.of(":server1.syncnet 464 * :Password incorrect", "ERROR :Closing Link: 10.0.0.2 (Bad password)"),
                world.send(bad, "USER bob 0 * :B"));
        assertTrue(world.state.memberByNick("bob").isEmpty());
        IrcSession none = world.connect("server1", 3, "10.0.0.3");
        world.send(none, "NICK carol");
        world.send(none, "USER c 0 * :C");
        assertEquals("Bad password", none.closeReason(), "no PASS at all");
    }

    /** QUIT, and the end of the connection the glue logs then. */
    private void quit(IrcSession s) {
        world.send(s, "QUIT");
        world.commit(s.id().server(), new ChatEvent.ClientGone(s.id(), "Client Quit"));
    }

    @Test
    void aStsPolicySendsPlainClientsToTheTlsPort() {
        IrcSecurityConfig sts = IrcSecurityConfig.fromSettings(name -> name.equals(IrcSecurityConfig.STS_SECONDS)
                ? "2592000" : null);
        world.options = sts.sessionOptions(false, 6697, 30_000, SessionOptions.PLAIN.scram());
        IrcSession plain = world.connect("server1", 1, "10.0.0.1");
        assertTrue(world.send(plain, "CAP LS 302").get(0).endsWith(" server-time sts=port=6697"));
        assertFalse(world.send(plain, "CAP LS").get(0).contains("sts"), "values only for 302");
        assertTrue(world.send(plain, "CAP REQ sts").get(0).contains(" NAK "), "a policy, not a capability to ask for");
        world.options = sts.sessionOptions(true, 6697, 30_000, SessionOptions.PLAIN.scram());
        IrcSession secure = world.connect("server1", 2, "10.0.0.2");
        assertTrue(world.send(secure, "CAP LS 302").get(0).endsWith(" sasl=PLAIN,SCRAM-SHA-256 server-time"
                + " sts=duration=2592000"));
        world.options = IrcSecurityConfig.fromSettings(name -> null).sessionOptions(false, 6697, 30_000,
                SessionOptions.PLAIN.scram());
        assertFalse(world.send(world.connect("server1", 3, "10.0.0.3"), "CAP LS 302").get(0).contains("sts"),
                "none by default");
    }

    private static String decode(List<String> lines) {
        assertEquals(1, lines.size(), lines::toString);
        return new String(Base64.getDecoder().decode(lines.get(0).substring("AUTHENTICATE ".length())),
                StandardCharsets.UTF_8);
    }
}
