package org.syncnet.door.irc.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IrcLineWriterTest {
    private static final String SOURCE = "alice!alice@irc.syncnet.example";

    @Test
    void theLastParameterGetsAColonWhenItNeedsOneAndAlwaysOnText() {
        assertLines(IrcMessage.of("srv", "001", "alice", "Welcome to SyncNet"), ":srv 001 alice :Welcome to SyncNet");
        assertLines(IrcMessage.of("srv", "324", "alice", "#a", "+nt"), ":srv 324 alice #a :+nt");
        assertLines(IrcMessage.of(SOURCE, "PRIVMSG", "#room", "hi"), ":" + SOURCE + " PRIVMSG #room :hi");
        assertLines(IrcMessage.of(SOURCE, "NOTICE", "bob", "hi"), ":" + SOURCE + " NOTICE bob :hi");
        assertLines(IrcMessage.of(SOURCE, "JOIN", "#room"), ":" + SOURCE + " JOIN #room");
        assertLines(IrcMessage.of("srv", "MODE", "#room", "+nt"), ":srv MODE #room +nt");
        assertLines(IrcMessage.of(SOURCE, "PART", "#room", "bye now"), ":" + SOURCE + " PART #room :bye now");
        assertLines(IrcMessage.of("srv", "TOPIC", "#a", ""), ":srv TOPIC #a :");
        assertLines(IrcMessage.of(null, "PONG", "srv", ":x"), "PONG srv ::x");
        assertLines(IrcMessage.of(null, "QUIT"), "QUIT");
        assertLines(IrcMessage.of(SOURCE, "AWAY", "lunch"), ":" + SOURCE + " AWAY :lunch");
        assertLines(IrcMessage.of(SOURCE, "AWAY"), ":" + SOURCE + " AWAY");
        assertArrayEquals("PING srv\r\n".getBytes(UTF_8), IrcLineWriter.write(IrcMessage.of(null, "PING", "srv")));
    }

    @Test
    void fifteenParametersAreWrittenAndParsedBack() throws IrcSyntaxException {
        List<String> params = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            params.add("p" + i);
        }
        params.set(14, "last one");
        IrcMessage m = new IrcMessage(Map.of(), "srv", "005", params);
        assertEquals(m, IrcMessageParser.parse(IrcLineWriter.lines(m).get(0)));
        params.add("p16");
        assertThrows(IllegalArgumentException.class,
                () -> IrcLineWriter.write(new IrcMessage(Map.of(), "srv", "005", params)));
    }

    @Test
    void programmingErrorsAreRefused() {
        for (IrcMessage bad : List.of(
                IrcMessage.of("srv", "KICK", "#a b", "bob", "reason"),
                IrcMessage.of("srv", "KICK", ":#a", "bob", "reason"),
                IrcMessage.of("srv", "KICK", "", "bob", "reason"),
                IrcMessage.of("srv", "PRIV MSG", "#a", "x"),
                IrcMessage.of("srv", "PRIVMSG2", "#a", "x"),
                IrcMessage.of("srv", "", "#a", "x"),
                IrcMessage.of("srv", "12", "#a", "x"),
                IrcMessage.of("a b", "PING", "x"),
                IrcMessage.of("", "PING", "x"),
                IrcMessage.of("srv", "KICK", "#" + "a".repeat(600), "bob", "reason"),
                new IrcMessage(Map.of("bad key", "x"), null, "PING", List.of("x")),
                new IrcMessage(Map.of("a/", "x"), null, "PING", List.of("x")),
                new IrcMessage(Map.of("+", "x"), null, "PING", List.of("x")),
                new IrcMessage(Map.of("a", "x".repeat(8190)), null, "PING", List.of("x")))) {
            assertThrows(IllegalArgumentException.class, () -> IrcLineWriter.write(bad), bad.toString());
        }
    }

    @Test
    void crLfAndNulAreNeverWritten() {
        String attack = "hi\r\nQUIT :pwned\u0000";
        assertLines(IrcMessage.of(SOURCE, "PRIVMSG", "#a", attack),
                ":" + SOURCE + " PRIVMSG #a :hi\uFFFD\uFFFDQUIT :pwned\uFFFD");
        assertLines(IrcMessage.of("evil\r\nJOIN", "PRIVMSG", "#a\nQUIT", "x"), ":evil\uFFFD\uFFFDJOIN PRIVMSG #a\uFFFDQUIT :x");
        assertLines(IrcMessage.of("srv", "KICK", "#a", "bob", "x\ry"), ":srv KICK #a bob x\uFFFDy");
        assertLines(IrcMessage.of("srv", "PING", "lone\uD800surrogate"), ":srv PING lone?surrogate");
        // Also when the text is split or cut: no CR, LF or NUL but the final CRLF of each line.
        for (String command : List.of("PRIVMSG", "TOPIC")) {
            IrcMessage m = IrcMessage.of(SOURCE, command, "#a", "\r\n\u0000x".repeat(300));
            byte[] bytes = IrcLineWriter.write(m);
            int lineEnds = 0;
            for (int i = 0; i < bytes.length; i++) {
                assertTrue(bytes[i] != 0, command + ": NUL at " + i);
                if (bytes[i] == '\r') {
                    assertEquals('\n', bytes[i + 1], command + ": CR without LF at " + i);
                    lineEnds++;
                } else if (bytes[i] == '\n') {
                    assertEquals('\r', bytes[i - 1], command + ": LF without CR at " + i);
                }
            }
            assertEquals('\n', bytes[bytes.length - 1]);
            assertEquals(IrcLineWriter.lines(m).size(), lineEnds);
            assertEquals(command.equals("PRIVMSG") ? 7 : 1, lineEnds, "3000 bytes (U+FFFD is 3) in pieces of 465");
        }
    }

    @Test
    void tagsAreEscapedAndParsedBack() throws IrcSyntaxException {
        IrcMessage timed = new IrcMessage(Map.of("time", "2024-05-01T12:00:00.000Z"), SOURCE, "PRIVMSG",
                List.of("#a", "hi"));
        assertLines(timed, "@time=2024-05-01T12:00:00.000Z :" + SOURCE + " PRIVMSG #a :hi");
        IrcMessage odd = new IrcMessage(Map.of("x", "a; b\\c\r\n\u0000", "k", "", "+vendor.example/t-1", "v"),
                null, "TAGMSG", List.of("#a"));
        assertLines(odd, "@+vendor.example/t-1=v;k;x=a\\:\\sb\\\\c\\r\\n\uFFFD TAGMSG #a");
        IrcMessage back = IrcMessageParser.parse(IrcLineWriter.lines(odd).get(0));
        assertEquals(Map.of("x", "a; b\\c\r\n\uFFFD", "k", "", "+vendor.example/t-1", "v"), back.tags());
    }

    @Test
    void randomMessagesSurviveTheRoundTrip() throws IrcSyntaxException {
        Random random = new Random(20240501);
        String[] commands = {"PRIVMSG", "NOTICE", "JOIN", "MODE", "KICK", "001", "353", "PING", "privmsg"};
        for (int n = 0; n < 5000; n++) {
            Map<String, String> tags = new HashMap<>();
            if (random.nextInt(4) == 0) {
                tags.put("time", word(random, 1, " ;\\\r\n="));
                tags.put("vendor.example/k", random.nextBoolean() ? "" : word(random, 0, "; \\"));
            }
            String prefix = random.nextBoolean() ? null : word(random, 1, "!@.");
            String command = commands[random.nextInt(commands.length)];
            List<String> params = new ArrayList<>();
            int count = random.nextInt(IrcLimits.MAX_PARAMS + 1);
            for (int i = 0; i + 1 < count; i++) {
                params.add(word(random, 1, "#:"));
            }
            if (count > 0) {
                params.add(random.nextBoolean() ? word(random, 0, " :") : ":" + word(random, 0, " "));
            }
            IrcMessage m = new IrcMessage(tags, prefix, command, params);
            List<String> lines = IrcLineWriter.lines(m);
            assertEquals(1, lines.size(), m.toString());
            IrcMessage expected = new IrcMessage(tags, prefix, command.toUpperCase(), params);
            assertEquals(expected, IrcMessageParser.parse(lines.get(0)), lines.get(0));
        }
    }

    @Test
    void aLongTextOfFourByteCharactersIsSplitIntoFullLines() throws IrcSyntaxException {
        assertSplit("😀".repeat(1024), "PRIVMSG");
        assertSplit("aé€😀".repeat(410), "NOTICE");
        assertSplit("é".repeat(2048), "PRIVMSG");
        assertSplit("x".repeat(4096), "PRIVMSG");
    }

    @Test
    void aLongTextWithSpacesIsSplitAfterTheLastSpaceThatFits() throws IrcSyntaxException {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        while (text.length() < 4000) {
            text.append(word(random, 1, "é€😀")).append(random.nextInt(10) == 0 ? "  " : " ");
        }
        List<String> pieces = assertSplit(text.toString(), "PRIVMSG");
        for (int i = 0; i < pieces.size() - 1; i++) {
            String piece = pieces.get(i);
            assertTrue(piece.endsWith(" "), "piece " + i + " ends at a space: " + piece);
            String next = pieces.get(i + 1);
            int nextWord = next.indexOf(' ') < 0 ? next.length() : next.indexOf(' ') + 1;
            assertTrue(utf8(piece) + utf8(next.substring(0, nextWord)) > budget("PRIVMSG"),
                    "the next word would not have fitted after piece " + i);
        }
    }

    @Test
    void aPieceWithoutSpaceIsCutAtTheBudgetEvenIfAnEarlierPieceHadOne() throws IrcSyntaxException {
        List<String> pieces = assertSplit("a " + "b".repeat(1000), "PRIVMSG");
        assertEquals("a ", pieces.get(0), "the last space that fits wins, however early");
        assertEquals(budget("PRIVMSG"), utf8(pieces.get(1)));
    }

    @Test
    void anActionIsSplitInsideItsCtcpFrame() throws IrcSyntaxException {
        String inner = "waves " + "🙂 ".repeat(500);
        List<IrcMessage> parsed = parseAll(IrcLineWriter.lines(IrcMessage.of(SOURCE, "PRIVMSG", "#a",
                "\u0001ACTION " + inner + "\u0001")));
        StringBuilder joined = new StringBuilder();
        for (IrcMessage m : parsed) {
            String text = m.param(1);
            assertTrue(text.startsWith("\u0001ACTION ") && text.endsWith("\u0001") && text.length() > 9, text);
            joined.append(text, 8, text.length() - 1);
        }
        assertTrue(parsed.size() > 1);
        assertEquals(inner, joined.toString());
    }

    @Test
    void aTextThatJustFitsIsOneLineAndOneByteMoreIsTwo() {
        String head = ":" + SOURCE + " PRIVMSG #a :";
        String fits = "x".repeat(510 - head.length());
        List<String> one = IrcLineWriter.lines(IrcMessage.of(SOURCE, "PRIVMSG", "#a", fits));
        assertEquals(List.of(head + fits), one);
        assertEquals(512, IrcLineWriter.write(IrcMessage.of(SOURCE, "PRIVMSG", "#a", fits)).length);
        assertEquals(List.of(head + fits, head + "y"),
                IrcLineWriter.lines(IrcMessage.of(SOURCE, "PRIVMSG", "#a", fits + "y")));
    }

    @Test
    void tagsAreRepeatedOnEveryLineAndNotCountedInThe512() throws IrcSyntaxException {
        String tags = "@time=2024-05-01T12:00:00.000Z ";
        IrcMessage m = new IrcMessage(Map.of("time", "2024-05-01T12:00:00.000Z"), SOURCE, "PRIVMSG",
                List.of("#a", "z".repeat(1500)));
        List<String> lines = IrcLineWriter.lines(m);
        assertEquals(4, lines.size());
        for (String line : lines) {
            assertTrue(line.startsWith(tags), line);
            assertTrue(utf8(line) - tags.length() + 2 <= IrcLimits.MAX_LINE_BYTES);
            assertEquals(m.tags(), IrcMessageParser.parse(line).tags());
        }
    }

    @Test
    void theServersTagSectionIsAt4096Bytes() {
        // '@time=' + value + ' ' is the whole section: 7 bytes around the value.
        String fits = "v".repeat(IrcLimits.MAX_SERVER_TAG_BYTES - 7);
        List<String> lines = IrcLineWriter.lines(new IrcMessage(Map.of("time", fits), SOURCE, "PRIVMSG",
                List.of("#a", "hi")));
        assertEquals(List.of("@time=" + fits + " :" + SOURCE + " PRIVMSG #a :hi"), lines);
        assertThrows(IllegalArgumentException.class, () -> IrcLineWriter.write(new IrcMessage(
                Map.of("time", fits + "v"), SOURCE, "PRIVMSG", List.of("#a", "hi"))));
    }

    @Test
    void otherCommandsAreCutToFitAtACodePointBoundary() throws IrcSyntaxException {
        String topic = "é".repeat(300);
        List<String> lines = IrcLineWriter.lines(IrcMessage.of("srv", "332", "alice", "#a", topic));
        assertEquals(1, lines.size());
        String cut = IrcMessageParser.parse(lines.get(0)).param(2);
        assertTrue(topic.startsWith(cut) && !cut.isEmpty());
        assertEquals(511, utf8(lines.get(0)) + 2, "the next 2-byte character would make it 513");

        lines = IrcLineWriter.lines(IrcMessage.of("srv", "KICK", "#a", "bob", "😀x".repeat(200)));
        assertEquals(1, lines.size());
        String reason = IrcMessageParser.parse(lines.get(0)).param(2);
        assertTrue("😀x".repeat(200).startsWith(reason));
        assertTrue(utf8(lines.get(0)) + 2 > 512 - 4 && utf8(lines.get(0)) + 2 <= 512, lines.get(0));

        assertEquals(List.of(":srv KICK #a bob :" + "r".repeat(510 - 18)),
                IrcLineWriter.lines(IrcMessage.of("srv", "KICK", "#a", "bob", "r".repeat(600))),
                "a cut parameter is written with ':' (it would need one if it were cut to nothing)");
    }

    @Test
    void aHeadTooLongToCarryTextIsRefused() {
        String longSource = "n!u@" + "h".repeat(489);  // ":" + source + " PRIVMSG #a :" leaves 3 bytes
        assertThrows(IllegalArgumentException.class,
                () -> IrcLineWriter.write(IrcMessage.of(longSource, "PRIVMSG", "#a", "x".repeat(100))));
        assertEquals(1, IrcLineWriter.lines(IrcMessage.of(longSource, "PRIVMSG", "#a", "x")).size(),
                "but a text that fits is written");
    }

    /**
     * Writes {@code text} from SOURCE to #room; checks every line fits 512 bytes, parses back to the same source,
     * command and target, that every piece but the last is nearly full, and that the pieces make up the text.
     */
    private static List<String> assertSplit(String text, String command) throws IrcSyntaxException {
        IrcMessage m = IrcMessage.of(SOURCE, command, "#room", text);
        byte[] bytes = IrcLineWriter.write(m);
        List<String> lines = IrcLineWriter.lines(m);
        assertEquals(new String(bytes, UTF_8), String.join("\r\n", lines) + "\r\n");
        assertTrue(lines.size() >= utf8(text) / budget(command), lines.size() + " lines");
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            assertTrue(utf8(line) + 2 <= IrcLimits.MAX_LINE_BYTES, "line " + i + ": " + utf8(line) + " bytes");
            IrcMessage parsed = IrcMessageParser.parse(line);
            assertEquals(SOURCE, parsed.prefix());
            assertEquals(command, parsed.command());
            assertEquals("#room", parsed.param(0));
            assertEquals(2, parsed.params().size());
            String piece = parsed.param(1);
            if (i < lines.size() - 1 && piece.indexOf(' ') < 0) {
                assertTrue(utf8(piece) > budget(command) - 4, "piece " + i + " is full: " + utf8(piece));
            }
            pieces.add(piece);
        }
        assertEquals(text, String.join("", pieces));
        return pieces;
    }

    private static int budget(String command) {
        return 510 - (":" + SOURCE + " " + command + " #room :").length();
    }

    private static List<IrcMessage> parseAll(List<String> lines) throws IrcSyntaxException {
        List<IrcMessage> parsed = new ArrayList<>();
        for (String line : lines) {
            parsed.add(IrcMessageParser.parse(line));
        }
        return parsed;
    }

    private static void assertLines(IrcMessage message, String... lines) {
        assertEquals(List.of(lines), IrcLineWriter.lines(message));
        assertArrayEquals((String.join("\r\n", lines) + "\r\n").getBytes(UTF_8), IrcLineWriter.write(message));
    }

    /** A word of letters, multi-byte characters and {@code extra}, at least {@code min} characters. */
    private static String word(Random random, int min, String extra) {
        String alphabet = "abcXYZ019-_[]é€😀" + extra;
        int[] cps = alphabet.codePoints().toArray();
        StringBuilder s = new StringBuilder();
        int length = min + random.nextInt(8);
        while (s.codePointCount(0, s.length()) < length) {
            int cp = cps[random.nextInt(cps.length)];
            if (s.length() == 0 && cp == ':' && extra.contains("#")) {
                continue;  // a middle parameter may not start with ':'
            }
            s.appendCodePoint(cp);
        }
        return s.toString();
    }

    private static int utf8(String s) {
        return s.getBytes(UTF_8).length;
    }

}
