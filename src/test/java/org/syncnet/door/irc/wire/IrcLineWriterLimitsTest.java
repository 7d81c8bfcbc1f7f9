package org.syncnet.door.irc.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.Identity;

/**
 * The 512-byte limit at its boundaries, with the longest source and room the chat allows: every line the writer makes
 * is at most 512 bytes with its CRLF, not counting the tag section; a PRIVMSG or NOTICE text is split at UTF-8
 * boundaries and its pieces make up the text again; any other command's last parameter is cut to fit.
 */
class IrcLineWriterLimitsTest {
    /** {@code nick!~user@host} at the chat's limits: 16 + 1 + 11 + 1 + 64 = 93 characters. */
    static final String LONGEST_SOURCE = "n".repeat(ChatLimits.MAX_NICK_CHARS) + "!~"
            + "u".repeat(ChatLimits.MAX_USER_CHARS - 1) + "@" + "h".repeat(ChatLimits.MAX_HOST_CHARS);
    /** 50 code points of 4 bytes but the '#': 197 bytes. */
    static final String LONGEST_ROOM = "#" + "😀".repeat(ChatLimits.MAX_ROOM_CHARS - 1);
    private static final Map<String, String> TIME = Map.of("time", "2026-11-27T10:00:00.000Z");
    /** ":" source " PRIVMSG " room " :" */
    private static final int HEAD = 1 + 93 + 9 + 197 + 2;
    /** Bytes of text one line carries. */
    private static final int BUDGET = IrcLimits.MAX_CONTENT_BYTES - HEAD;

    @Test
    void theLongestSourceAndRoomAreValidChatData() {
        String nick = LONGEST_SOURCE.substring(0, LONGEST_SOURCE.indexOf('!'));
        String user = LONGEST_SOURCE.substring(nick.length() + 1, LONGEST_SOURCE.indexOf('@'));
        String host = LONGEST_SOURCE.substring(LONGEST_SOURCE.indexOf('@') + 1);
        assertTrue(ChatLimits.isValidNick(nick));
        new Identity(user, host, "");  // throws if not valid
        assertTrue(ChatLimits.isValidRoom(LONGEST_ROOM));
        assertEquals(93, LONGEST_SOURCE.length());
        assertEquals(197, utf8(LONGEST_ROOM));
        assertEquals(208, BUDGET);
    }

    @Test
    void aTextThatJustFitsIsOneLineOfExactly512BytesAndOneByteMoreIsTwo() {
        for (String command : List.of("PRIVMSG", "NOTICE")) {
            int budget = BUDGET + ("PRIVMSG".length() - command.length());
            for (Map<String, String> tags : List.of(Map.<String, String>of(), TIME)) {
                String fits = "x".repeat(budget);
                IrcMessage one = message(tags, command, fits);
                List<String> lines = assertLinesFit(one, fits);
                assertEquals(1, lines.size(), command + " " + tags);
                assertEquals(IrcLimits.MAX_LINE_BYTES, utf8(lines.get(0)) - tagBytes(lines.get(0)) + 2);
                assertEquals(IrcLimits.MAX_LINE_BYTES + tagBytes(lines.get(0)), IrcLineWriter.write(one).length);

                lines = assertLinesFit(message(tags, command, fits + "y"), fits + "y");
                assertEquals(2, lines.size(), command + " " + tags);
                assertEquals(IrcLimits.MAX_LINE_BYTES, utf8(lines.get(0)) - tagBytes(lines.get(0)) + 2);
            }
        }
    }

    @Test
    void aMultiByteCharacterStraddlingTheCutMovesWholeToTheNextLine() {
        for (String c : List.of("é", "€", "😀")) {
            int width = utf8(c);
            for (int before = BUDGET - width + 1; before <= BUDGET; before++) {
                String text = "a".repeat(before) + c + "z";  // c would end past the budget: it straddles the cut
                List<String> pieces = pieces(assertLinesFit(message(Map.of(), "PRIVMSG", text), text));
                assertEquals(List.of("a".repeat(before), c + "z"), pieces, c + " after " + before);
            }
            String exact = "a".repeat(BUDGET - width) + c;
            assertEquals(List.of(exact), pieces(assertLinesFit(message(TIME, "NOTICE", exact), exact)),
                    c + " ending exactly at the budget stays");
            List<String> many = pieces(assertLinesFit(message(TIME, "PRIVMSG", c.repeat(2000)), c.repeat(2000)));
            for (String piece : many.subList(0, many.size() - 1)) {
                assertTrue(utf8(piece) > BUDGET - width, "full pieces of " + c + ": " + utf8(piece));
            }
        }
    }

    @Test
    void anActionIsSplitInsideItsFrameAtTheLimits() {
        String inner = "waves " + "€😀é a".repeat(300);
        String text = "\u0001ACTION " + inner + "\u0001";
        for (Map<String, String> tags : List.of(Map.<String, String>of(), TIME)) {
            List<String> lines = IrcLineWriter.lines(message(tags, "PRIVMSG", text));
            StringBuilder joined = new StringBuilder();
            for (String line : lines) {
                assertFits(line);
                String piece = parse(line).param(1);
                assertTrue(piece.startsWith("\u0001ACTION ") && piece.endsWith("\u0001"), piece);
                joined.append(piece, 8, piece.length() - 1);
            }
            assertTrue(lines.size() > 10);
            assertEquals(inner, joined.toString());
        }
    }

    @Test
    void randomTextsUpToTheChatsLimitAreSplitIntoLinesThatFitAndMakeUpTheText() {
        Random random = new Random(512);
        String[] alphabet = {"a", "b", " ", "é", "ß", "€", "語", "😀", "🙂", "\u0002", "\t"};
        for (int n = 0; n < 300; n++) {
            StringBuilder b = new StringBuilder();
            int room = 1 + random.nextInt(ChatLimits.MAX_TEXT_BYTES);
            for (String c = "x"; utf8(c) <= room; c = alphabet[random.nextInt(alphabet.length)]) {
                b.append(c);
                room -= utf8(c);
            }
            String text = b.toString();
            if (random.nextInt(5) == 0) {
                text = "\u0001ACTION " + text + "\u0001";
            }
            Map<String, String> tags = random.nextBoolean() ? TIME : Map.of();
            String command = random.nextBoolean() ? "PRIVMSG" : "NOTICE";
            List<String> lines = IrcLineWriter.lines(message(tags, command, text));
            StringBuilder joined = new StringBuilder();
            boolean action = text.startsWith("\u0001ACTION ");
            for (String line : lines) {
                assertFits(line);
                String piece = parse(line).param(1);
                joined.append(action && lines.size() > 1 ? piece.substring(8, piece.length() - 1) : piece);
            }
            assertEquals(action && lines.size() > 1 ? text.substring(8, text.length() - 1) : text,
                    joined.toString(), "seed 512, text " + n);
        }
    }

    @Test
    void otherCommandsHaveTheirLastParameterCutAtACharacterBoundary() {
        String topic = "€😀é".repeat(40);  // 9 bytes × 40 = 360 > the chat's 300: the worst is worse than the chat
        String nick = LONGEST_SOURCE.substring(0, 16);
        List<IrcMessage> cut = List.of(
                IrcMessage.of("server1.syncnet", "332", nick, LONGEST_ROOM, topic),
                IrcMessage.of("server1.syncnet", "322", nick, LONGEST_ROOM, "10000", topic),
                IrcMessage.of(LONGEST_SOURCE, "TOPIC", LONGEST_ROOM, topic),
                IrcMessage.of(LONGEST_SOURCE, "PART", LONGEST_ROOM, topic),
                IrcMessage.of(LONGEST_SOURCE, "KICK", LONGEST_ROOM, nick, topic),
                IrcMessage.of(LONGEST_SOURCE, "QUIT", "Quit: " + topic + topic));
        for (IrcMessage m : cut) {
            String last = m.params().get(m.params().size() - 1);
            for (Map<String, String> tags : List.of(Map.<String, String>of(), TIME)) {
                List<String> lines = IrcLineWriter.lines(new IrcMessage(tags, m.prefix(), m.command(), m.params()));
                assertEquals(1, lines.size(), m.command());
                assertFits(lines.get(0));
                IrcMessage back = parse(lines.get(0));
                String written = back.params().get(back.params().size() - 1);
                assertTrue(last.startsWith(written) && !written.isEmpty(), m.command() + ": " + written);
                assertTrue(utf8(lines.get(0)) - tagBytes(lines.get(0)) + 2 > IrcLimits.MAX_LINE_BYTES - 4,
                        m.command() + " is cut as late as a whole character allows");
                assertEquals(m.params().subList(0, m.params().size() - 1),
                        back.params().subList(0, back.params().size() - 1));
            }
        }
    }

    private static IrcMessage message(Map<String, String> tags, String command, String text) {
        return new IrcMessage(tags, LONGEST_SOURCE, command, List.of(LONGEST_ROOM, text));
    }

    /** Writes {@code m}, checks every line fits and parses back with the same source, command and target. */
    private static List<String> assertLinesFit(IrcMessage m, String text) {
        List<String> lines = IrcLineWriter.lines(m);
        assertEquals(new String(IrcLineWriter.write(m), UTF_8), String.join("\r\n", lines) + "\r\n");
        for (String line : lines) {
            assertFits(line);
            IrcMessage back = parse(line);
            assertEquals(m.tags(), back.tags());
            assertEquals(LONGEST_SOURCE, back.prefix());
            assertEquals(m.command(), back.command());
            assertEquals(LONGEST_ROOM, back.param(0));
        }
        assertEquals(text, String.join("", pieces(lines)));
        return lines;
    }

    private static List<String> pieces(List<String> lines) {
        List<String> pieces = new ArrayList<>();
        for (String line : lines) {
            pieces.add(parse(line).param(1));
        }
        return pieces;
    }

    /** At most 512 bytes with CRLF, the tag section not counted. */
    static void assertFits(String line) {
        int bytes = utf8(line) - tagBytes(line) + 2;
        assertTrue(bytes <= IrcLimits.MAX_LINE_BYTES, bytes + " bytes: " + line);
    }

    /** Bytes of the line's tag section ('@' to the space after it), 0 without tags. */
    static int tagBytes(String line) {
        return line.startsWith("@") ? utf8(line.substring(0, line.indexOf(' ') + 1)) : 0;
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
