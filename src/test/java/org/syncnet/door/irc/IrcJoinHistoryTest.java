package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ClientId;
import org.syncnet.door.irc.wire.IrcLimits;
import org.syncnet.door.irc.wire.IrcLineWriter;
import org.syncnet.door.irc.wire.IrcMessage;
import org.syncnet.door.irc.wire.IrcMessageParser;
import org.syncnet.door.irc.wire.IrcSyntaxException;

/**
 * A client that joins a room gets its last messages after JOIN, topic and NAMES, as they were sent live: from their
 * senders' masks, NOTICE for notices, CTCP as sent, tagged with their own times for a client that negotiated
 * {@code server-time}; as many as the session was told (0: none), at most what the room keeps.
 */
class IrcJoinHistoryTest {
    private static final String ALICE = "alice!~alice@10.0.0.1";
    private static final String BOB = "bob!~bob@10.0.0.2";
    private static final String WEB = "webby!web@server3";
    private static final long T0 = Instant.parse("2026-11-27T10:00:00.123Z").toEpochMilli();

    private final IrcWorld world = new IrcWorld();
    private IrcSession alice;
    private IrcSession bob;
    private ClientId web;

    @BeforeEach
    void aRoomWithATopicAndAFewMessages() {
        alice = world.register("server1", 1, "10.0.0.1", "alice");
        bob = world.register("server2", 1, "10.0.0.2", "bob");
        world.send(alice, "JOIN #lobby");
        world.send(bob, "JOIN #lobby");
        world.send(alice, "TOPIC #lobby :all about the lobby");
        web = world.browser("server3", 1, "webby");
        world.commit("server3", new ChatEvent.RoomJoined(web, "#Lobby"));
        world.now = T0;
        world.send(alice, "PRIVMSG #lobby :hello");
        world.now += 1000;
        world.send(bob, "NOTICE #lobby :a notice");
        world.now += 1000;
        world.send(alice, "PRIVMSG #lobby :\u0001ACTION waves\u0001");
        world.commit("server3", new ChatEvent.MessagePosted(web, "#lobby", "from the browser", "w-1", T0 + 2500));
        world.drain(alice);
        world.drain(bob);
    }

    private int newcomers;

    /** A client that registers now, on server1 from 10.0.0.9, told to replay {@code joinHistoryLines}. */
    private IrcSession newcomer(String nick, int joinHistoryLines, String... caps) {
        world.joinHistoryLines = joinHistoryLines;
        IrcSession s = world.register("server1", 100 + newcomers++, "10.0.0.9", nick);
        for (String cap : caps) {
            world.send(s, "CAP REQ :" + cap);
        }
        return s;
    }

    @Test
    void aJoinerGetsTheRecentMessagesAfterTopicAndNamesAsTheyWereSent() {
        IrcSession dave = newcomer("dave", 20);
        assertEquals(List.of(":dave!~dave@10.0.0.9 JOIN #lobby",
                ":server1.syncnet 332 dave #lobby :all about the lobby",
                ":server1.syncnet 353 dave = #lobby :@alice bob webby dave",
                ":server1.syncnet 366 dave #lobby :End of /NAMES list",
                ":" + ALICE + " PRIVMSG #lobby hello",
                ":" + BOB + " NOTICE #lobby :a notice",
                ":" + ALICE + " PRIVMSG #lobby :\u0001ACTION waves\u0001",
                ":" + WEB + " PRIVMSG #lobby :from the browser"), world.send(dave, "JOIN #lobby"));
        assertEquals(List.of(":dave!~dave@10.0.0.9 JOIN #lobby"), world.drain(alice), "the others only see the join");
    }

    @Test
    void ownEarlierMessagesAreHistoryTooWithoutEchoMessage() {
        world.send(alice, "PART #lobby");
        List<String> got = world.send(alice, "JOIN #lobby");
        assertEquals(List.of(":" + ALICE + " PRIVMSG #lobby hello",
                ":" + BOB + " NOTICE #lobby :a notice",
                ":" + ALICE + " PRIVMSG #lobby :\u0001ACTION waves\u0001",
                ":" + WEB + " PRIVMSG #lobby :from the browser"), got.subList(got.size() - 4, got.size()));
    }

    @Test
    void onlyTheLastLinesAsSetAndNoneForZero() {
        assertEquals(List.of(":" + ALICE + " PRIVMSG #lobby :\u0001ACTION waves\u0001",
                ":" + WEB + " PRIVMSG #lobby :from the browser"),
                afterNames(world.send(newcomer("dave", 2), "JOIN #lobby")));
        assertEquals(List.of(), afterNames(world.send(newcomer("erin", 0), "JOIN #lobby")), "0: off");
        assertThrows(IllegalArgumentException.class, () -> newcomer("frank", -1));
        assertThrows(IllegalArgumentException.class, () -> newcomer("frank", ChatLimits.HISTORY_PER_ROOM + 1));
    }

    @Test
    void atMostWhatTheRoomKeeps() {
        for (int i = 0; i < ChatLimits.HISTORY_PER_ROOM + 50; i++) {
            world.send(bob, "PRIVMSG #lobby :m" + i);
        }
        List<String> history = afterNames(world.send(newcomer("dave", ChatLimits.HISTORY_PER_ROOM), "JOIN #lobby"));
        assertEquals(ChatLimits.HISTORY_PER_ROOM, history.size());
        assertEquals(":" + BOB + " PRIVMSG #lobby m50", history.get(0));
        assertEquals(":" + BOB + " PRIVMSG #lobby m249", history.get(history.size() - 1));
    }

    @Test
    void serverTimeTagsHistoryWithEachMessagesOwnTimeOnlyForClientsThatAskedForIt() {
        IrcSession dave = newcomer("dave", 20, "server-time");
        assertEquals(List.of("@time=2026-11-27T10:00:00.123Z :" + ALICE + " PRIVMSG #lobby hello",
                "@time=2026-11-27T10:00:01.123Z :" + BOB + " NOTICE #lobby :a notice",
                "@time=2026-11-27T10:00:02.123Z :" + ALICE + " PRIVMSG #lobby :\u0001ACTION waves\u0001",
                "@time=2026-11-27T10:00:02.623Z :" + WEB + " PRIVMSG #lobby :from the browser"),
                afterNames(world.send(dave, "JOIN #lobby")));
        world.drain(alice);
        world.send(alice, "PART #lobby");
        for (String line : afterNames(world.send(alice, "JOIN #lobby"))) {
            assertTrue(line.startsWith(":"), "alice did not ask for server-time: " + line);
        }
        world.drain(dave);
        world.drain(bob);
        world.now = T0 + 60_000;
        world.send(alice, "PRIVMSG #lobby :live");
        assertEquals(List.of("@time=2026-11-27T10:01:00.123Z :" + ALICE + " PRIVMSG #lobby live"), world.drain(dave),
                "live messages carry it too");
        assertEquals(List.of(":" + ALICE + " PRIVMSG #lobby live"), world.drain(bob));
    }

    @Test
    void theTimeTagIsUtcWithMilliseconds() {
        assertEquals("1970-01-01T00:00:00.000Z", ServerTime.format(0));
        assertEquals("2026-11-27T10:00:00.123Z", ServerTime.format(T0));
        assertEquals("2024-02-29T23:59:59.999Z", ServerTime.format(Instant.parse("2024-02-29T23:59:59.999Z")
                .toEpochMilli()));
        assertEquals("time", ServerTime.tags(T0).keySet().iterator().next());
        assertSame(ServerTime.tags(T0), ServerTime.tags(T0), "a message's recipients share one tag");
        assertEquals("2026-11-27T10:00:00.124Z", ServerTime.tags(T0 + 1).get("time"));
    }

    @Test
    void aRoomMessageHasTwoEncodingsAtMostWithAndWithoutTheTag() {
        List<IrcSession> listeners = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            world.joinHistoryLines = 0;
            IrcSession s = world.register("server" + (1 + i % 3), 10 + i, "10.0.1." + i, "l" + i);
            if (i % 2 == 0) {
                world.send(s, "CAP REQ :server-time");
            }
            world.send(s, "JOIN #lobby");
            listeners.add(s);
        }
        listeners.forEach(world::drain);
        world.drain(bob);
        world.send(alice, "PRIVMSG #lobby :to everyone");
        Set<IrcMessage> distinct = new HashSet<>();
        for (IrcSession s : listeners) {
            distinct.addAll(world.drainMessages(s));
        }
        distinct.addAll(world.drainMessages(bob));
        assertEquals(2, distinct.size(), distinct.toString());
    }

    @Test
    void aLongMessageIsSplitAsALiveOneIsAndEveryLineKeepsTheLimit() throws IrcSyntaxException {
        world.send(bob, "CAP REQ :server-time");
        // A browser user's message may be 4096 bytes: longer than an IRC line.
        String text = "w\u00f6rd ".repeat(500) + "\ud83d\ude00".repeat(274);
        assertEquals(ChatLimits.MAX_TEXT_BYTES, utf8(text));
        world.commit("server3", new ChatEvent.MessagePosted(web, "#lobby", text, "w-2", T0));
        List<IrcMessage> live = world.drainMessages(bob);

        IrcSession dave = newcomer("dave", 1, "server-time");
        world.commit(dave, world.sendUncommitted(dave, "JOIN #lobby"));
        List<IrcMessage> got = world.drainMessages(dave);
        assertEquals(live, got.subList(got.size() - 1, got.size()), "the same message, so the same lines");
        List<String> lines = IrcLineWriter.lines(live.get(0));
        assertTrue(lines.size() >= 9, lines.size() + " lines");
        String tag = "@time=2026-11-27T10:00:00.123Z ";
        StringBuilder whole = new StringBuilder();
        for (String line : lines) {
            assertTrue(line.startsWith(tag + ":" + WEB + " PRIVMSG #lobby :"), line);
            assertTrue(utf8(line) - tag.length() + 2 <= IrcLimits.MAX_LINE_BYTES, utf8(line) + " bytes: " + line);
            whole.append(IrcMessageParser.parse(line).param(1));
        }
        assertEquals(text, whole.toString(), "the pieces are the text");
    }

    /** The lines after the 366 that ends a join's NAMES. */
    private static List<String> afterNames(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(" 366 ")) {
                return lines.subList(i + 1, lines.size());
            }
        }
        throw new AssertionError("no 366 in " + lines);
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
