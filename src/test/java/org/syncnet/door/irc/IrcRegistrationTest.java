package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Identity;
import org.syncnet.door.irc.wire.IrcMessage;

/** Registration, CAP negotiation, the welcome burst and the commands allowed around it. */
class IrcRegistrationTest {
    private final IrcWorld world = new IrcWorld();

    @Test
    void nickAndUserClaimTheNickAndTheAcceptanceBringsTheWelcomeBurst() {
        IrcSession a = world.connect("server1", 1, "127.0.0.1");
        assertEquals(List.of(), world.send(a, "NICK alice"));
        assertEquals(List.of(), world.lastReply.toLog());
        List<String> burst = world.send(a, "USER alice 0 * :Alice Liddell");
        assertEquals(List.of(new ChatEvent.NickClaimed(new ClientId("server1", 1), "alice", "",
                new Identity("~alice", "127.0.0.1", "Alice Liddell"))), world.lastReply.toLog());
        assertTrue(a.registered());
        assertEquals("alice", a.nick());
        assertEquals(List.of(
                ":server1.syncnet 001 alice :Welcome to the SyncNet IRC Network alice!~alice@127.0.0.1",
                ":server1.syncnet 002 alice :Your host is server1.syncnet, running version syncnet-test",
                ":server1.syncnet 003 alice :This server was created Fri Nov 27 2026",
                ":server1.syncnet 004 alice server1.syncnet syncnet-test iow beIiklmnostv beIklov"),
                burst.subList(0, 4));
        List<String> isupport = burst.stream().filter(l -> l.startsWith(":server1.syncnet 005 alice ")).toList();
        assertEquals(2, isupport.size());
        List<String> tokens = new java.util.ArrayList<>();
        for (String line : isupport) {
            assertTrue(line.endsWith(" :are supported by this server"), line);
            tokens.addAll(Arrays.asList(line.split(" ")));
        }
        for (String token : List.of("PREFIX=(ov)@+", "CHANTYPES=#", "NICKLEN=16", "CHANNELLEN=50", "NETWORK=SyncNet",
                "CASEMAPPING=rfc1459", "CHANLIMIT=#:20", "USERLEN=10", "CHANMODES=beI,k,l,imnst")) {
            assertTrue(tokens.contains(token), token + " in " + isupport);
        }
        assertTrue(tokens.containsAll(ChatLimits.ISUPPORT));
        assertEquals(List.of(
                ":server1.syncnet 251 alice :There are 1 users and 0 invisible on 3 servers",
                ":server1.syncnet 254 alice 0 :channels formed",
                ":server1.syncnet 255 alice :I have 1 clients and 2 servers",
                ":server1.syncnet 265 alice 1 1 :Current local users 1, max 1",
                ":server1.syncnet 266 alice 1 1 :Current global users 1, max 1",
                ":server1.syncnet 375 alice :- server1.syncnet Message of the Day -",
                ":server1.syncnet 372 alice :- Welcome to SyncNet.",
                ":server1.syncnet 372 alice :- Be nice.",
                ":server1.syncnet 376 alice :End of /MOTD command"), burst.subList(6, burst.size()));
    }

    @Test
    void userBeforeNickWorksTooAndNoMotdIs422() {
        IrcSession a = world.connect("server1", 1, "127.0.0.1", List.of());
        world.send(a, "USER alice 0 * :A");
        List<String> burst = world.send(a, "NICK alice");
        assertEquals(":server1.syncnet 001 alice :Welcome to the SyncNet IRC Network alice!~alice@127.0.0.1",
                burst.get(0));
        assertEquals(":server1.syncnet 422 alice :MOTD File is missing", burst.get(burst.size() - 1));
        assertEquals(List.of(":server1.syncnet 422 alice :MOTD File is missing"), world.send(a, "MOTD"));
    }

    @Test
    void capNegotiationHoldsRegistrationUntilCapEnd() {
        IrcSession a = world.connect("server1", 1, "127.0.0.1");
        assertEquals(List.of(":server1.syncnet CAP * LS :account-notify draft/account-registration account-tag"
                + " away-notify echo-message extended-join invite-notify multi-prefix sasl=SCRAM-SHA-256 server-time"),
                world.send(a, "CAP LS 302"));
        world.send(a, "NICK alice");
        assertEquals(List.of(), world.send(a, "USER alice 0 * :Alice"));
        assertEquals(List.of(), world.lastReply.toLog(), "waits for CAP END");
        assertEquals(List.of(":server1.syncnet 451 * :You have not registered"), world.send(a, "JOIN #a"));
        assertEquals(List.of(":server1.syncnet CAP * ACK server-time"), world.send(a, "CAP REQ :server-time"));
        assertEquals(List.of(":server1.syncnet CAP * NAK :server-time chghost"),
                world.send(a, "CAP REQ :server-time chghost"), "one unknown capability refuses the whole request");
        assertEquals(List.of(":server1.syncnet CAP * LIST server-time"), world.send(a, "CAP LIST"));
        assertFalse(a.registered());
        List<String> burst = world.send(a, "CAP END");
        assertTrue(a.registered());
        assertEquals(":server1.syncnet 001 alice :Welcome to the SyncNet IRC Network alice!~alice@127.0.0.1",
                burst.get(0));
        // After registration CAP still answers and holds nothing.
        assertEquals(List.of(":server1.syncnet CAP alice ACK :echo-message -server-time"),
                world.send(a, "CAP REQ :echo-message -server-time"));
        assertEquals(List.of(":server1.syncnet CAP alice LIST echo-message"), world.send(a, "CAP LIST"));
        assertEquals(List.of(":server1.syncnet 410 alice FOO :Invalid CAP command"), world.send(a, "CAP FOO"));
        assertEquals(List.of(":server1.syncnet 461 alice CAP :Not enough parameters"), world.send(a, "CAP"));
    }

    @Test
    void multiPrefixIsOfferedAndAcknowledged() {
        IrcSession a = world.connect("server1", 1, "127.0.0.1");
        assertEquals(List.of(":server1.syncnet CAP * ACK :multi-prefix echo-message"),
                world.send(a, "CAP REQ :multi-prefix echo-message"));
        assertEquals(List.of(":server1.syncnet CAP * LIST :echo-message multi-prefix"), world.send(a, "CAP LIST"));
        assertEquals(List.of(":server1.syncnet CAP * ACK -multi-prefix"), world.send(a, "CAP REQ -multi-prefix"));
        assertEquals(List.of(":server1.syncnet CAP * LIST echo-message"), world.send(a, "CAP LIST"));

        CapNegotiation caps = new CapNegotiation("SCRAM-SHA-256", null);
        Replies replies = new Replies("server1.syncnet", () -> "*");
        assertFalse(caps.has(CapNegotiation.Cap.MULTI_PREFIX));
        caps.handle(Lines.parse("CAP REQ multi-prefix"), false, replies);
        assertTrue(caps.has(CapNegotiation.Cap.MULTI_PREFIX));
        assertFalse(caps.has(CapNegotiation.Cap.SERVER_TIME));
    }

    @Test
    void aTakenNickIs433AndTheClientMayTryAnother() {
        world.register("server1", 1, "10.0.0.1", "alice");
        IrcSession b = world.connect("server2", 1, "10.0.0.2");
        // Taken as far as the state shows: refused at once.
        assertEquals(List.of(":server2.syncnet 433 * Alice :Nickname is already in use"), world.send(b, "NICK Alice"));
        // Free when checked, taken by the time the claim commits: the log's refusal is the same 433.
        world.send(b, "NICK carol");
        IrcSession.Reply claim = world.sendUncommitted(b, "USER carol 0 * :Carol");
        assertEquals(1, claim.toLog().size());
        world.browser("server3", 1, "CAROL");
        world.commit(b, claim);
        assertEquals(List.of(":server2.syncnet 433 * carol :Nickname is already in use"), world.drain(b));
        assertFalse(b.registered());
        assertNull(b.nick());
        assertEquals(List.of(":server2.syncnet 451 * :You have not registered"), world.send(b, "LIST"));
        List<String> burst = world.send(b, "NICK carol_");
        assertTrue(b.registered());
        assertEquals(":server2.syncnet 001 carol_ :Welcome to the SyncNet IRC Network carol_!~carol@10.0.0.2",
                burst.get(0));
    }

    @Test
    void onlyRegistrationCommandsBeforeRegistration() {
        IrcSession a = world.connect("server1", 1, "127.0.0.1");
        assertEquals(List.of(":server1.syncnet 451 * :You have not registered"), world.send(a, "JOIN #a"));
        assertEquals(List.of(":server1.syncnet 451 * :You have not registered"), world.send(a, "PRIVMSG bob :hi"));
        assertEquals(List.of(":server1.syncnet 451 * :You have not registered"), world.send(a, "FOO"));
        assertEquals(List.of(), world.send(a, "NOTICE bob :hi"), "a NOTICE gets no error");
        assertEquals(List.of(":server1.syncnet PONG server1.syncnet tok"), world.send(a, "PING :tok"));
        assertEquals(List.of(), world.send(a, "PONG :x"));
        assertEquals(List.of(), world.send(a, "PASS whatever"));
        assertEquals(List.of(":server1.syncnet 461 * USER :Not enough parameters"), world.send(a, "USER alice 0"));
        assertEquals(List.of(":server1.syncnet 432 * 9lives :Erroneous nickname"), world.send(a, "NICK 9lives"));
        world.send(a, "NICK alice");
        // An empty user name (modern.ircdocs.horse: even if the parameter is there) or real name: 461, no claim.
        assertEquals(List.of(":server1.syncnet 461 * USER :Not enough parameters"), world.send(a, "USER alice 0 * :"));
        IrcMessage emptyUser = new IrcMessage(Map.of(), null, "USER", List.of("", "0", "*", "Alice"));
        assertEquals(List.of(":server1.syncnet 461 * USER :Not enough parameters"),
                Lines.render(a.onMessage(emptyUser, world.state, world.now).send()));
        assertEquals(List.of(":server1.syncnet 431 * :No nickname given"), world.send(a, "NICK"));
        assertEquals(List.of(":server1.syncnet 417 * :Input line was too long"),
                Lines.render(a.onLineTooLong().send()));
        assertEquals(List.of(), world.lastReply.toLog());
        assertFalse(a.registered());
    }

    @Test
    void afterRegistrationReregisteringIs462UnknownIs421MissingParametersIs461() {
        IrcSession a = world.register("server1", 1, "127.0.0.1", "alice");
        assertEquals(List.of(":server1.syncnet 462 alice :You may not reregister"), world.send(a, "USER a 0 * :A"));
        assertEquals(List.of(":server1.syncnet 462 alice :You may not reregister"), world.send(a, "PASS secret"));
        assertEquals(List.of(":server1.syncnet 421 alice FROB :Unknown command"), world.send(a, "FROB x"));
        assertEquals(List.of(":server1.syncnet 461 alice JOIN :Not enough parameters"), world.send(a, "JOIN"));
        assertEquals(List.of(":server1.syncnet 461 alice PART :Not enough parameters"), world.send(a, "PART"));
        assertEquals(List.of(":server1.syncnet 461 alice TOPIC :Not enough parameters"), world.send(a, "TOPIC"));
        assertEquals(List.of(":server1.syncnet 461 alice PING :Not enough parameters"), world.send(a, "PING"));
        assertEquals(List.of(":server1.syncnet 461 alice MODE :Not enough parameters"), world.send(a, "MODE"));
        assertEquals(List.of(":server1.syncnet 417 alice :Input line was too long"),
                Lines.render(a.onLineTooLong().send()));
    }

    @Test
    void quitClosesWithTheReasonTheGlueLogs() {
        IrcSession a = world.register("server1", 1, "127.0.0.1", "alice");
        IrcSession b = world.register("server2", 1, "10.0.0.2", "bob");
        world.send(a, "JOIN #a");
        world.send(b, "JOIN #a");
        world.drain(a);
        IrcSession.Reply quit = world.sendUncommitted(a, "QUIT :bye now");
        assertEquals("Quit: bye now", quit.closeReason());
        assertEquals("Quit: bye now", a.closeReason());
        assertEquals(List.of("ERROR :Closing Link: 127.0.0.1 (Quit: bye now)"), Lines.render(quit.send()));
        assertEquals(List.of(), quit.toLog(), "the glue logs the client's end");
        assertEquals(IrcSession.Reply.NONE, a.onMessage(Lines.parse("PRIVMSG #a :still here?"), world.state, 0));
        // The glue closes the socket and logs ClientGone with that reason: the roommate sees the QUIT.
        world.commit("server1", new ChatEvent.ClientGone(a.id(), quit.closeReason()));
        assertEquals(List.of(":alice!~alice@127.0.0.1 QUIT :Quit: bye now"), world.drain(b));

        IrcSession c = world.connect("server1", 2, "127.0.0.1");
        assertEquals("Client Quit", world.sendUncommitted(c, "QUIT").closeReason());
        assertEquals("Client Quit", world.sendUncommitted(world.connect("server1", 3, "h"), "QUIT :").closeReason());
    }

    @Test
    void userNamesAndHostsAreMadeValid() {
        IrcSession a = world.connect("server1", 1, "::1");
        world.send(a, "NICK alice");
        world.send(a, "USER a!b@c:d-very-long-name 0 * :Alice\u0007 A.");
        assertEquals(new Identity("~abc:d-very", "0::1", "Alice A."),
                ((ChatEvent.NickClaimed) world.lastReply.toLog().get(0)).identity());
        IrcSession b = world.connect("server1", 2, "10.0.0.2");
        world.send(b, "NICK bob");
        world.send(b, "USER !!@@ 0 * :b");
        assertEquals(new Identity("~bob", "10.0.0.2", "b"),
                ((ChatEvent.NickClaimed) world.lastReply.toLog().get(0)).identity());
    }

    @Test
    void commandsPipelinedBehindTheClaimGoToTheLogInOrder() {
        IrcSession a = world.connect("server1", 1, "127.0.0.1");
        world.sendUncommitted(a, "NICK alice");
        IrcSession.Reply claim = world.sendUncommitted(a, "USER alice 0 * :A");
        IrcSession.Reply join = world.sendUncommitted(a, "JOIN #a");
        IrcSession.Reply say = world.sendUncommitted(a, "PRIVMSG #a :hello");
        assertEquals(1, join.toLog().size());
        assertEquals(1, say.toLog().size(), "a room being joined counts as joined");
        world.commit(a, claim);
        world.commit(a, join);
        world.commit(a, say);
        List<String> got = world.drain(a);
        assertTrue(got.contains(":alice!~alice@127.0.0.1 JOIN #a"), got.toString());
        assertEquals(1, world.state.room("#a", 0).orElseThrow().history().size());
    }

    @Test
    void commandsBehindAFailedClaimAre451AndForgotten() {
        world.register("server2", 1, "10.0.0.2", "alice");
        IrcSession a = world.connect("server1", 1, "127.0.0.1");
        world.send(a, "NICK carol");
        IrcSession.Reply claim = world.sendUncommitted(a, "USER carol 0 * :C");
        IrcSession.Reply join = world.sendUncommitted(a, "JOIN #a");
        world.browser("server3", 1, "carol");
        world.commit(a, claim);
        world.commit(a, join);
        assertEquals(List.of(":server1.syncnet 433 * carol :Nickname is already in use",
                ":server1.syncnet 451 * :You have not registered"), world.drain(a));
        world.send(a, "NICK carol2");
        assertEquals(List.of(":carol2!~carol@127.0.0.1 JOIN #a", ":server1.syncnet 353 carol2 = #a @carol2",
                ":server1.syncnet 366 carol2 #a :End of /NAMES list"), world.send(a, "JOIN #a"));
    }
}
