package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ClientId;

/**
 * Chatting through the log between IRC sessions on different servers and a browser user: joins, parts, messages,
 * notices, private messages, nick changes, away, quits, and the errors for each, both at once (pre-checks) and from
 * the log's own refusals.
 */
class IrcChatTest {
    private static final String ALICE = "alice!~alice@10.0.0.1";
    private static final String BOB = "bob!~bob@10.0.0.2";

    private final IrcWorld world = new IrcWorld();
    private IrcSession alice;
    private IrcSession bob;

    @BeforeEach
    void twoUsersOnTwoServers() {
        alice = world.register("server1", 1, "10.0.0.1", "alice");
        bob = world.register("server2", 1, "10.0.0.2", "bob");
    }

    private void bothIn(String room) {
        world.send(alice, "JOIN " + room);
        world.send(bob, "JOIN " + room);
        world.drain(alice);
    }

    @Test
    void theGluesOwnRefusalsAndClosesAreToldLikeTheSessionsOwn() {
        assertEquals(List.of(":server1.syncnet 421 alice DANCE :Unknown command"),
                Lines.render(alice.onSyntaxError("DANCE").send()));
        assertEquals(List.of(":server1.syncnet 421 alice * :Unknown command"),
                Lines.render(alice.onSyntaxError(":z").send()), "a word that cannot be a parameter");
        assertEquals(List.of(), alice.onSyntaxError(null).send(), "no command at all");
        IrcSession early = world.connect("server1", 9, "10.0.0.9");
        assertEquals(List.of(), early.onSyntaxError("DANCE").send(), "not before registration");

        bothIn("#lobby");
        IrcSession.Reply message = world.sendUncommitted(alice, "PRIVMSG #lobby :hello?");
        assertEquals(List.of(":server1.syncnet NOTICE alice :*** unavailable: the cluster cannot take events now "
                + "(no leader with a quorum); try again"),
                Lines.render(alice.onRefused(message.toLog().get(0), world.state)));
        IrcSession.Reply notice = world.sendUncommitted(alice, "NOTICE #lobby :psst");
        assertEquals(List.of(), alice.onRefused(notice.toLog().get(0), world.state), "a NOTICE is never answered");

        assertEquals(List.of("ERROR :Closing Link: 10.0.0.1 (Excess Flood)"),
                Lines.render(List.of(alice.onClosing("Excess Flood"))));
        assertEquals("Excess Flood", alice.closeReason());
        assertEquals(List.of(), alice.onMessage(Lines.parse("PRIVMSG #lobby :still?"), world.state, world.now).send(),
                "no input after the close");
    }

    @Test
    void joinPartAndMessagesBetweenServersWithFullPrefixesAndNoEcho() {
        assertEquals(List.of(":" + ALICE + " JOIN #lobby",
                ":server1.syncnet 353 alice = #lobby @alice",
                ":server1.syncnet 366 alice #lobby :End of /NAMES list"), world.send(alice, "JOIN #lobby"));
        assertEquals(List.of(":" + BOB + " JOIN #lobby",
                ":server2.syncnet 353 bob = #lobby :@alice bob",
                ":server2.syncnet 366 bob #lobby :End of /NAMES list"), world.send(bob, "JOIN #LOBBY"));
        assertEquals(List.of(":" + BOB + " JOIN #lobby"), world.drain(alice));

        assertEquals(List.of(), world.send(alice, "PRIVMSG #lobby :hello there"), "no echo of one's own message");
        assertEquals(List.of(":" + ALICE + " PRIVMSG #lobby :hello there"), world.drain(bob));
        assertEquals(List.of(), world.send(bob, "NOTICE #Lobby :a notice"));
        assertEquals(List.of(":" + BOB + " NOTICE #lobby :a notice"), world.drain(alice), "others get NOTICE");
        world.send(alice, "PRIVMSG #lobby :\u0001ACTION waves\u0001");
        assertEquals(List.of(":" + ALICE + " PRIVMSG #lobby :\u0001ACTION waves\u0001"), world.drain(bob), "CTCP");
        world.send(alice, "PRIVMSG #lobby :bell\u0007 and \u0002bold\u0002");
        assertEquals(List.of(":" + ALICE + " PRIVMSG #lobby :bell and \u0002bold\u0002"), world.drain(bob),
                "refused controls stripped, formatting kept");

        assertEquals(List.of(":" + ALICE + " PART #lobby :gone fishing"),
                world.send(alice, "PART #lobby :gone fishing"));
        assertEquals(List.of(":" + ALICE + " PART #lobby :gone fishing"), world.drain(bob));
        world.send(bob, "PART #lobby");
        assertEquals(List.of(), world.state.room("#lobby", 0).orElseThrow().members());
    }

    @Test
    void theEventsCarryTheTimeGivenAndUniqueIds() {
        bothIn("#a");
        world.now = 1234;
        world.send(alice, "PRIVMSG #a,bob :one");
        List<ChatEvent> events = world.lastReply.toLog();
        ChatEvent.MessagePosted posted = (ChatEvent.MessagePosted) events.get(0);
        ChatEvent.PrivateMessage sent = (ChatEvent.PrivateMessage) events.get(1);
        assertEquals(1234, posted.time());
        assertEquals(1234, sent.time());
        assertTrue(!posted.clientEventId().equals(sent.clientEventId()));
        // alice reconnects under the same nick: her new session's ids must not look like resends of the old ones.
        world.commit("server1", new ChatEvent.ClientGone(alice.id(), "Client Quit"));
        IrcSession again = world.register("server1", 2, "10.0.0.1", "alice");
        world.send(again, "JOIN #a");
        world.drain(bob);
        world.send(again, "PRIVMSG #a :two");
        assertEquals(List.of(":" + ALICE + " PRIVMSG #a two"), world.drain(bob));
    }

    @Test
    void echoMessageEchoesOwnMessagesWithTheMask() {
        world.send(alice, "CAP REQ echo-message");
        bothIn("#a");
        assertEquals(List.of(":" + ALICE + " PRIVMSG #a :my own"), world.send(alice, "PRIVMSG #a :my own"));
        assertEquals(List.of(":" + ALICE + " NOTICE #a :my notice"), world.send(alice, "NOTICE #a :my notice"));
        assertEquals(List.of(":" + ALICE + " PRIVMSG bob :to bob"), world.send(alice, "PRIVMSG bob :to bob"));
        assertEquals(List.of(":" + ALICE + " PRIVMSG #a :my own", ":" + ALICE + " NOTICE #a :my notice",
                ":" + ALICE + " PRIVMSG bob :to bob"), world.drain(bob));
    }

    @Test
    void serverTimeTagsMessagesFromOthersWithTheirTime() {
        world.send(bob, "CAP REQ :server-time");
        bothIn("#a");
        world.now = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
        world.send(alice, "PRIVMSG #a :hi");
        world.now += 1500;
        world.send(alice, "NOTICE bob :psst");
        assertEquals(List.of("@time=2026-11-27T10:00:00.000Z :" + ALICE + " PRIVMSG #a hi",
                "@time=2026-11-27T10:00:01.500Z :" + ALICE + " NOTICE bob psst"), world.drain(bob));
        world.send(bob, "PRIVMSG #a :untagged for alice");
        assertEquals(List.of(":" + BOB + " PRIVMSG #a :untagged for alice"), world.drain(alice));
    }

    @Test
    void privateMessagesCrossServersAndReachBrowserUsers() {
        assertEquals(List.of(), world.send(alice, "PRIVMSG bob :psst"));
        assertEquals(List.of(":" + ALICE + " PRIVMSG bob psst"), world.drain(bob));
        assertEquals(List.of(), world.send(bob, "NOTICE Alice :noted"));
        assertEquals(List.of(":" + BOB + " NOTICE alice noted"), world.drain(alice));

        ClientId web = world.browser("server3", 1, "webby");
        world.send(alice, "PRIVMSG WEBBY :hello web");
        ChatEvent.PrivateMessage toWeb = (ChatEvent.PrivateMessage) world.lastReply.toLog().get(0);
        assertEquals(List.of(alice.id(), "WEBBY", "hello web", world.now, false),
                List.of(toWeb.client(), toWeb.target(), toWeb.text(), toWeb.time(), toWeb.notice()));
        world.commit("server3", new ChatEvent.PrivateMessage(web, "alice", "hello irc", "w-1", 5));
        assertEquals(List.of(":webby!web@server3 PRIVMSG alice :hello irc"), world.drain(alice));
    }

    @Test
    void severalTargetsAtMostFour() {
        IrcSession carol = world.register("server3", 1, "10.0.0.3", "carol");
        bothIn("#a");
        assertEquals(List.of(), world.send(alice, "PRIVMSG #a,carol :to all"));
        assertEquals(List.of(":" + ALICE + " PRIVMSG #a :to all"), world.drain(bob));
        assertEquals(List.of(":" + ALICE + " PRIVMSG carol :to all"), world.drain(carol));
        assertEquals(List.of(":server1.syncnet 407 alice bob :Too many targets"),
                world.send(alice, "PRIVMSG carol,carol,carol,carol,bob :x"));
        assertEquals(4, world.drain(carol).size());
        assertEquals(List.of(), world.drain(bob));
    }

    @Test
    void joinSeveralAndJoinZeroPartsAll() {
        IrcSession carol = world.register("server3", 1, "10.0.0.3", "carol");
        world.send(carol, "JOIN #a");
        List<String> got = world.send(alice, "JOIN #a,#b,bad x");
        assertEquals(":server1.syncnet 403 alice bad :Illegal channel name", got.get(0));
        assertTrue(got.contains(":" + ALICE + " JOIN #a"));
        assertTrue(got.contains(":" + ALICE + " JOIN #b"));
        assertEquals(List.of("#a", "#b"), world.state.roomsOf(alice.id()));
        assertEquals(List.of(), world.send(alice, "JOIN #A"), "already in it: nothing");
        assertEquals(List.of(":" + ALICE + " PART #a", ":" + ALICE + " PART #b"), world.send(alice, "JOIN 0"));
        assertEquals(List.of(":" + ALICE + " JOIN #a", ":" + ALICE + " PART #a"), world.drain(carol));
        assertEquals(List.of(), world.state.roomsOf(alice.id()));
    }

    @Test
    void tooManyRoomsIs405() {
        for (int i = 0; i < 20; i++) {
            world.send(alice, "JOIN #r" + i);
        }
        assertEquals(List.of(":server1.syncnet 405 alice #r20 :You have joined too many channels"),
                world.send(alice, "JOIN #r20"));
        assertEquals(List.of(), world.lastReply.toLog());
    }

    @Test
    void errorsAnsweredAtOnce() {
        world.send(bob, "JOIN #elsewhere");
        assertEquals(List.of(":server1.syncnet 401 alice nobody :No such nick/channel"),
                world.send(alice, "PRIVMSG nobody :hi"));
        assertEquals(List.of(":server1.syncnet 401 alice @#x :No such nick/channel"),
                world.send(alice, "PRIVMSG @#x :hi"));
        assertEquals(List.of(":server1.syncnet 403 alice #nowhere :No such channel"),
                world.send(alice, "PRIVMSG #nowhere :hi"));
        assertEquals(List.of(":server1.syncnet 403 alice #a:b :No such channel"),
                world.send(alice, "PRIVMSG #a:b :hi"));
        assertEquals(List.of(":server1.syncnet 404 alice #elsewhere :Cannot send to channel"),
                world.send(alice, "PRIVMSG #elsewhere :hi"));
        assertEquals(List.of(":server1.syncnet 411 alice :No recipient given (PRIVMSG)"), world.send(alice, "PRIVMSG"));
        assertEquals(List.of(":server1.syncnet 412 alice :No text to send"), world.send(alice, "PRIVMSG bob"));
        assertEquals(List.of(":server1.syncnet 412 alice :No text to send"), world.send(alice, "PRIVMSG bob :"));
        assertEquals(List.of(":server1.syncnet 412 alice :No text to send"),
                world.send(alice, "PRIVMSG bob :\u0007\u0000\u001b"));
        assertEquals(List.of(":server1.syncnet 442 alice #elsewhere :You're not on that channel"),
                world.send(alice, "PART #elsewhere"));
        assertEquals(List.of(":server1.syncnet 403 alice #nowhere :No such channel"),
                world.send(alice, "PART #nowhere"));
        assertEquals(List.of(":server1.syncnet 442 alice #elsewhere :You're not on that channel"),
                world.send(alice, "TOPIC #elsewhere :mine now"));
        assertEquals(List.of(), world.lastReply.toLog());
        assertEquals(List.of(), world.drain(bob), "nothing reached anyone");
    }

    @Test
    void aNoticeIsNeverAnsweredWithAnError() {
        world.send(bob, "JOIN #elsewhere");
        for (String line : List.of("NOTICE nobody :hi", "NOTICE #nowhere :hi", "NOTICE #elsewhere :hi", "NOTICE",
                "NOTICE bob", "NOTICE bob :\u0007", "NOTICE #a:b :x", "NOTICE a,b,c,d,e,f :x")) {
            assertEquals(List.of(), world.send(alice, line), line);
        }
        // Refused by the log (bob left between the check and the commit): still nothing.
        IrcSession.Reply notice = world.sendUncommitted(alice, "NOTICE bob :late");
        world.commit("server2", new ChatEvent.ClientGone(bob.id(), "gone"));
        world.commit(alice, notice);
        assertEquals(List.of(), world.drain(alice));
    }

    @Test
    void theLogsOwnRefusalsBecomeTheSameNumerics() {
        bothIn("#a");
        IrcSession.Reply say = world.sendUncommitted(alice, "PRIVMSG #a :late");
        IrcSession.Reply topic = world.sendUncommitted(alice, "TOPIC #a :late topic");
        IrcSession.Reply part = world.sendUncommitted(alice, "PART #a");
        world.commit("server1", new ChatEvent.RoomLeft(alice.id(), "#a", ""));
        world.drain(alice);
        world.commit(alice, say);
        world.commit(alice, topic);
        world.commit(alice, part);
        assertEquals(List.of(":server1.syncnet 404 alice #a :Cannot send to channel",
                ":server1.syncnet 442 alice #a :You're not on that channel",
                ":server1.syncnet 442 alice #a :You're not on that channel"), world.drain(alice));

        IrcSession.Reply pm = world.sendUncommitted(alice, "PRIVMSG bob :are you there?");
        world.commit("server2", new ChatEvent.ClientGone(bob.id(), "gone"));
        world.commit(alice, pm);
        assertEquals(List.of(":server1.syncnet 401 alice bob :No such nick/channel"), world.drain(alice));
    }

    @Test
    void aNickChangeIsSeenByItselfAndRoommates() {
        bothIn("#a");
        assertEquals(List.of(":" + ALICE + " NICK alicia"), world.send(alice, "NICK alicia"));
        assertEquals("alicia", alice.nick());
        assertEquals(List.of(":" + ALICE + " NICK alicia"), world.drain(bob));
        assertEquals(List.of(":server1.syncnet 433 alicia Bob :Nickname is already in use"),
                world.send(alice, "NICK Bob"));
        // "a b" cannot be a middle parameter (the line could not be written): '*' stands for it.
        assertEquals(List.of(":server1.syncnet 432 alicia * :Erroneous nickname"), world.send(alice, "NICK :a b"));
        assertEquals(List.of(":server1.syncnet 431 alicia :No nickname given"), world.send(alice, "NICK"));
        assertEquals(List.of(), world.send(alice, "NICK alicia"), "own nick: nothing");
        world.send(alice, "PRIVMSG #a :renamed");
        assertEquals(List.of(":alicia!~alice@10.0.0.1 PRIVMSG #a renamed"), world.drain(bob));

        // Free when checked, taken when committed: 433 from the log.
        IrcSession.Reply claim = world.sendUncommitted(alice, "NICK carol");
        world.browser("server3", 1, "carol");
        world.commit(alice, claim);
        assertEquals(List.of(":server1.syncnet 433 alicia carol :Nickname is already in use"), world.drain(alice));
        assertEquals("alicia", alice.nick());
    }

    @Test
    void awayIs306Then305AndA301AnswersAPrivateMessage() {
        assertEquals(List.of(":server2.syncnet 306 bob :You have been marked as being away"),
                world.send(bob, "AWAY :out to lunch"));
        assertEquals(List.of(":server1.syncnet 301 alice bob :out to lunch"), world.send(alice, "PRIVMSG bob :hi"));
        assertEquals(List.of(":" + ALICE + " PRIVMSG bob hi"), world.drain(bob), "delivered all the same");
        assertEquals(List.of(), world.send(alice, "NOTICE bob :no 301 for a notice"));
        assertEquals(List.of(":" + ALICE + " NOTICE bob :no 301 for a notice"), world.drain(bob));
        assertEquals(List.of(":server2.syncnet 305 bob :You are no longer marked as being away"),
                world.send(bob, "AWAY"));
        assertEquals(List.of(), world.send(alice, "PRIVMSG bob :back?"));
    }

    @Test
    void aFailedServersUsersQuitWithItsReason() {
        bothIn("#a");
        world.commit("server3", new ChatEvent.ServerGone("server2", Long.MAX_VALUE, "server2 failed"));
        assertEquals(List.of(":" + BOB + " QUIT :server2 failed"), world.drain(alice));
    }

    @Test
    void topicIsAnEventEveryMemberSees() {
        bothIn("#a");
        assertEquals(List.of(":server1.syncnet 331 alice #a :No topic is set"), world.send(alice, "TOPIC #a"));
        assertEquals(List.of(":" + ALICE + " TOPIC #a :all about a"), world.send(alice, "TOPIC #A :all about a"));
        assertEquals(List.of(":" + ALICE + " TOPIC #a :all about a"), world.drain(bob));
        assertEquals(List.of(":server2.syncnet 332 bob #a :all about a"), world.send(bob, "TOPIC #a"));
        IrcSession carol = world.register("server3", 1, "10.0.0.3", "carol");
        assertEquals(List.of(":carol!~carol@10.0.0.3 JOIN #a", ":server3.syncnet 332 carol #a :all about a",
                ":server3.syncnet 353 carol = #a :@alice bob carol",
                ":server3.syncnet 366 carol #a :End of /NAMES list"),
                world.send(carol, "JOIN #a"));
        world.drain(alice);
        // +t (a new room's default): alice, who created #a, is its operator.
        assertEquals(List.of(":" + ALICE + " TOPIC #a :"), world.send(alice, "TOPIC #a :"), "an empty topic clears it");
        assertEquals(List.of(":carol!~carol@10.0.0.3 JOIN #a", ":" + ALICE + " TOPIC #a :"), world.drain(bob));
        assertEquals(List.of(":server1.syncnet 403 alice #nowhere :No such channel"),
                world.send(alice, "TOPIC #nowhere"));
    }

    @Test
    void aSessionWhoseNickResumedElsewhereCloses() {
        // Only browser clients resume, but a resume that names this connection closes it all the same.
        world.commit("server1", new ChatEvent.ClientGone(alice.id(), "x"));
        ClientId web = world.browser("server3", 7, "zed");
        IrcSession z = world.register("server1", 9, "10.0.0.9", "zed2");
        List<String> lines = Lines.render(z.onOutcome(new ChatOutcome.NickResumed(web, z.id(), "zed2", List.of()),
                world.state));
        assertEquals(List.of("ERROR :Closing Link: 10.0.0.9 (" + IrcSession.REPLACED + ")"), lines);
        assertEquals(IrcSession.REPLACED, z.closeReason());
        assertEquals(IrcSession.Reply.NONE, z.onMessage(Lines.parse("JOIN #a"), world.state, 0));
    }
}
