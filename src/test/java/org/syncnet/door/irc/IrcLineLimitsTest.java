package org.syncnet.door.irc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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
 * Every line the door sends fits IRC's 512 bytes (with CRLF, tags not counted) and can be written at all, for the
 * longest data the chat allows: 16-character nicks, {@code ~} and 10 characters of user name, a 64-character host,
 * 50-character rooms of 4-byte characters (197 bytes), 4096-byte messages, 300-byte topics, reasons and away
 * messages, 100-byte real names — and for what a client may echo into a numeric (a 490-byte "room" or "nick").
 * Messages are split and make up the text again; lists (353, 319) are split and lose no name; other last parameters
 * are cut.
 */
class IrcLineLimitsTest {
    private static final String HOST = "h".repeat(ChatLimits.MAX_HOST_CHARS);
    private static final String ROOM = "#" + "😀".repeat(ChatLimits.MAX_ROOM_CHARS - 1);
    private static final String REALNAME = "é".repeat(ChatLimits.MAX_REALNAME_BYTES / 2);
    /** 300 bytes of 1- to 4-byte characters. */
    private static final String LONG_300 = "a€😀é ".repeat(27) + "abc";

    private final IrcWorld world = new IrcWorld();
    private IrcSession longest;
    private IrcSession other;
    private final List<String> nicks = new ArrayList<>();

    @BeforeEach
    void theLongestUsersInTheLongestRoom() {
        longest = world.connect("server1", 1, HOST);
        world.send(longest, "CAP REQ :server-time echo-message");
        world.send(longest, "NICK Longest_nick_16c");
        world.send(longest, "USER uuuuuuuuuuuuuuu 0 * :" + REALNAME);
        check(world.send(longest, "CAP END"));
        assertTrue(longest.registered());
        assertEquals(16, longest.nick().length());
        other = world.register("server2", 1, "h".repeat(200), "Other_nick_16chr");
        world.send(longest, "JOIN " + ROOM);
        world.send(other, "JOIN " + ROOM);
        nicks.addAll(List.of(longest.nick(), other.nick()));
        for (int i = 0; i < 60; i++) {
            ClientId id = world.browser("server3", 100 + i, "browser_user" + (1000 + i));
            world.commit("server3", new ChatEvent.RoomJoined(id, ROOM));
            nicks.add("browser_user" + (1000 + i));
        }
        drainBoth();
    }

    @Test
    void theDataIsAsLongAsTheChatAllows() {
        assertEquals("Longest_nick_16c!~uuuuuuuuuu@" + HOST,
                world.state.memberByNick("longest_nick_16c").orElseThrow().mask());
        assertEquals(ChatLimits.MAX_NICK_CHARS + 1 + ChatLimits.MAX_USER_CHARS + 1 + ChatLimits.MAX_HOST_CHARS,
                world.state.memberByNick("other_nick_16chr").orElseThrow().mask().length());
        assertEquals(197, utf8(ROOM));
        assertEquals(300, utf8(LONG_300));
    }

    @Test
    void namesOfTheLongestRoomAreSplitWithoutLosingANick() {
        List<IrcMessage> lines = world.sendUncommitted(longest, "NAMES " + ROOM).send();
        List<String> listed = new ArrayList<>();
        for (IrcMessage m : lines.subList(0, lines.size() - 1)) {
            assertEquals("353", m.command());
            String line = written(m).get(0);
            assertEquals(m, parse(line), "written whole, not cut");
            listed.addAll(List.of(m.param(3).split(" ")));
        }
        List<String> expected = new ArrayList<>(nicks);
        expected.set(0, "@" + nicks.get(0));  // the room's creator is its operator
        assertEquals(expected, listed);
        // ":server1.syncnet 353 Longest_nick_16c = " + 197 bytes of room + " :" leave 271 bytes: 16 nicks a line.
        assertEquals(4, lines.size() - 1, "62 nicks, as many a line as fit");
        check(lines);
    }

    @Test
    void theLongestMessagesAreSplitAndMakeUpTheText() {
        String text = IrcText.clip("Wörter 😀€ und mehr ".repeat(300), ChatLimits.MAX_TEXT_BYTES);
        String action = "\u0001ACTION " + IrcText.clip(text, ChatLimits.MAX_TEXT_BYTES - 9) + "\u0001";
        for (String command : List.of("PRIVMSG", "NOTICE")) {
            for (String t : List.of(text, action)) {
                for (String target : List.of(ROOM, other.nick())) {
                    world.commit(longest, world.sendUncommitted(longest, command + " " + target + " :" + t));
                    assertEquals(t, rejoin(world.drainMessages(other), command), "to " + other.nick());
                    assertEquals(t, rejoin(world.drainMessages(longest), command), "echo, with server-time");
                }
            }
        }
    }

    @Test
    void topicListPartAwayAndQuitLinesFit() {
        world.send(other, "TOPIC " + ROOM + " :" + LONG_300);
        drainBoth();
        check(world.send(longest, "TOPIC " + ROOM));
        check(world.send(longest, "LIST"));
        world.send(other, "AWAY :" + LONG_300);
        check(world.send(longest, "PRIVMSG " + other.nick() + " :hi"));
        check(world.send(longest, "WHOIS " + other.nick()));
        check(world.send(longest, "WHO " + ROOM));
        check(world.send(longest, "WHO *"));
        world.send(other, "PART " + ROOM + " :" + LONG_300);
        drainBoth();
        IrcSession.Reply quit = world.sendUncommitted(longest, "QUIT :" + LONG_300 + LONG_300);
        check(quit.send());
        world.commit("server1", new ChatEvent.ClientGone(longest.id(), quit.closeReason()));
        drainBoth();
    }

    @Test
    void channelsOfWhoisAreSplitWithoutLosingARoom() {
        List<String> rooms = new ArrayList<>(List.of(ROOM));
        for (int i = 1; i < ChatLimits.MAX_ROOMS_PER_CLIENT; i++) {
            String room = "#" + (char) ('a' + i) + "😀".repeat(ChatLimits.MAX_ROOM_CHARS - 2);
            world.send(longest, "JOIN " + room);
            rooms.add(room);
        }
        drainBoth();
        List<String> listed = new ArrayList<>();
        for (IrcMessage m : world.sendUncommitted(other, "WHOIS " + longest.nick()).send()) {
            List<String> lines = written(m);
            if (m.command().equals("319")) {
                assertEquals(m, parse(lines.get(0)), "written whole, not cut");
                listed.addAll(List.of(m.param(2).split(" ")));
            }
        }
        assertEquals(rooms.stream().map(room -> "@" + room).toList(), listed, "it created them all: @ in each");
    }

    @Test
    void wordsAClientEchoesIntoNumericsCannotBreakTheLine() {
        String word = "x".repeat(490);
        for (String line : List.of("JOIN #" + word, "PART #" + word, "TOPIC #" + word, "NAMES #" + word,
                "MODE #" + word, "WHO " + word, "WHOIS " + word, "WHOIS " + word + " bob", "PRIVMSG " + word + " :hi",
                "PRIVMSG #" + word + " :hi", "NICK " + word, "TIME " + word, "MODE " + word, "CAP " + word,
                "JOIN :#a b", "WHO :a b", "WHOIS :a b", "NAMES :#a b", "TOPIC ::x", "X" + word, "WHO :" + word + " a",
                "JOIN #" + "é".repeat(245), "WHO " + "😀".repeat(120))) {
            assertTrue(utf8(line) <= IrcLimits.MAX_CONTENT_BYTES, "a line a client can send");
            List<IrcMessage> replies = new ArrayList<>(world.sendUncommitted(longest, line).send());
            replies.addAll(longest.onSyntaxError(line.split(" ")[0]).send());
            assertTrue(!replies.isEmpty(), line);
            for (IrcMessage m : replies) {
                assertDoesNotThrow(() -> written(m), line + " -> " + m);
            }
            world.drainMessages(longest);
        }
        assertEquals(List.of(":server1.syncnet 403 Longest_nick_16c * :Illegal channel name"),
                world.send(longest, "JOIN :#a b"), "not a middle parameter: '*'");
        String echoed = parse(written(world.sendUncommitted(longest, "WHO " + word).send().get(0)).get(0)).param(1);
        assertTrue(word.startsWith(echoed) && echoed.length() > 400, "cut only as far as needed: " + echoed.length());
    }

    /** The pieces of a split message, joined: each line fits and is the same command from the same source. */
    private static String rejoin(List<IrcMessage> messages, String command) {
        StringBuilder text = new StringBuilder();
        boolean action = false;
        List<String> pieces = new ArrayList<>();
        for (IrcMessage m : messages) {
            assertEquals(command, m.command());
            for (String line : written(m)) {
                IrcMessage back = parse(line);
                assertEquals(m.prefix(), back.prefix());
                assertEquals(m.tags(), back.tags());
                pieces.add(back.param(1));
            }
            action = m.param(1).startsWith("\u0001ACTION ");
        }
        assertTrue(pieces.size() > 1, "a long text takes several lines");
        for (String piece : pieces) {
            text.append(action ? piece.substring(8, piece.length() - 1) : piece);
        }
        return action ? "\u0001ACTION " + text + "\u0001" : text.toString();
    }

    private void drainBoth() {
        check(world.drainMessages(longest));
        check(world.drainMessages(other));
    }

    private static void check(List<?> lines) {
        for (Object o : lines) {
            if (o instanceof IrcMessage m) {
                written(m);
            }
        }
    }

    /** The lines {@code m} is written as, each checked to fit. */
    private static List<String> written(IrcMessage m) {
        List<String> lines = IrcLineWriter.lines(m);
        for (String line : lines) {
            int tags = line.startsWith("@") ? utf8(line.substring(0, line.indexOf(' ') + 1)) : 0;
            assertTrue(utf8(line) - tags + 2 <= IrcLimits.MAX_LINE_BYTES, utf8(line) - tags + 2 + " bytes: " + line);
        }
        return lines;
    }

    private static IrcMessage parse(String line) {
        try {
            return IrcMessageParser.parse(line);
        } catch (IrcSyntaxException e) {
            throw new AssertionError(line, e);
        }
    }

    private static int utf8(String s) {
        return s.getBytes(UTF_8).length;
    }
}
