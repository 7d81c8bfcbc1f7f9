package org.syncnet.door.irc.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IrcLineFramerTest {
    private static final FramedLine TOO_LONG = new FramedLine.TooLong();
    private static final FramedLine BINARY = new FramedLine.Binary();

    /** Short lines of every kind: CRLF, LF, empty lines, 2-, 3- and 4-byte characters, a stray CR, bad UTF-8, NUL. */
    private static final byte[] SHORT = bytes(
            "NICK alice\r\n",
            "USER a 0 * :Älice\n",
            "\r\n\n",
            "PRIVMSG #x :€ 😀 ok\r\n",
            "a\rb\n",
            "X ", new byte[] {(byte) 0xC3}, "\r\n",
            "\u0000bin\n",
            "PING end\r\n",
            "PART");
    private static final List<FramedLine> SHORT_LINES = List.of(
            line("NICK alice", 12),
            line("USER a 0 * :Älice", 19),
            line("PRIVMSG #x :€ 😀 ok", 25),
            line("a\rb", 4),
            line("X \uFFFD", 5),
            BINARY,
            line("PING end", 10));

    @Test
    void framesTheShortInputWhole() {
        IrcLineFramer framer = new IrcLineFramer();
        assertEquals(SHORT_LINES, feed(framer, SHORT));
        assertEquals(4, framer.buffered(), "PART waits for its LF");
    }

    @Test
    void everySplitIntoThreeChunksGivesTheSameLines() {
        for (int i = 0; i <= SHORT.length; i++) {
            for (int j = i; j <= SHORT.length; j++) {
                IrcLineFramer framer = new IrcLineFramer();
                List<FramedLine> out = new ArrayList<>();
                out.addAll(feed(framer, Arrays.copyOfRange(SHORT, 0, i)));
                out.addAll(feed(framer, Arrays.copyOfRange(SHORT, i, j)));
                out.addAll(feed(framer, Arrays.copyOfRange(SHORT, j, SHORT.length)));
                assertEquals(SHORT_LINES, out, "split at " + i + " and " + j);
                assertEquals(4, framer.buffered());
            }
        }
    }

    @Test
    void everySplitOfLongAndShortLinesGivesTheSameLines() {
        byte[] input = bytes(SHORT, "\r\n", "y".repeat(600), "\r\n", "z".repeat(510), "\r\n",
                "w".repeat(510), "\n", "v".repeat(511), "\n", "QUIT :bye\r\n");
        List<FramedLine> expected = new ArrayList<>(SHORT_LINES);
        expected.addAll(List.of(line("PART", 6), TOO_LONG, line("z".repeat(510), 512), line("w".repeat(510), 511),
                TOO_LONG, line("QUIT :bye", 11)));
        assertEquals(expected, feed(new IrcLineFramer(), input));
        for (int i = 0; i <= input.length; i++) {
            IrcLineFramer framer = new IrcLineFramer();
            List<FramedLine> out = new ArrayList<>(feed(framer, Arrays.copyOfRange(input, 0, i)));
            out.addAll(feed(framer, Arrays.copyOfRange(input, i, input.length)));
            assertEquals(expected, out, "split at " + i);
        }
        IrcLineFramer framer = new IrcLineFramer();
        List<FramedLine> out = new ArrayList<>();
        for (byte b : input) {
            out.addAll(feed(framer, new byte[] {b}));
            assertTrue(framer.buffered() <= IrcLimits.MAX_CONTENT_BYTES + 1);
        }
        assertEquals(expected, out, "byte by byte");
        assertEquals(0, framer.buffered());
    }

    @Test
    void framersSharingOneWorkBufferKeepTheirOwnLinesAtEverySplit() {
        byte[] a = bytes(SHORT, "\r\n", "@t=" + "x".repeat(300) + " PRIVMSG #x :" + "y".repeat(400), "\r\n",
                "z".repeat(510), "\r\n", "v".repeat(511), "\nQUIT :bye\r\n");
        byte[] b = bytes("PING one\r\nNICK b\nJOIN #room\r\nPRIVMSG #room :", "ü".repeat(200), "\r\nPART #r");
        List<FramedLine> expectedA = frame(a);
        List<FramedLine> expectedB = frame(b);
        byte[] work = new byte[IrcLineFramer.MAX_HELD];
        for (int i = 0; i <= a.length; i++) {
            int j = i % (b.length + 1);
            IrcLineFramer fa = new IrcLineFramer(work);
            IrcLineFramer fb = new IrcLineFramer(work);
            List<FramedLine> outA = new ArrayList<>();
            List<FramedLine> outB = new ArrayList<>();
            outA.addAll(feed(fa, Arrays.copyOfRange(a, 0, i)));
            Arrays.fill(work, (byte) 'X');  // nothing may live in the shared buffer between feeds
            outB.addAll(feed(fb, Arrays.copyOfRange(b, 0, j)));
            Arrays.fill(work, (byte) '\n');
            outA.addAll(feed(fa, Arrays.copyOfRange(a, i, a.length)));
            Arrays.fill(work, (byte) 0);
            outB.addAll(feed(fb, Arrays.copyOfRange(b, j, b.length)));
            assertEquals(expectedA, outA, "a split at " + i);
            assertEquals(expectedB, outB, "b split at " + j);
            assertEquals(0, fa.buffered(), "a ends with its line: nothing kept");
            assertEquals(7, fb.buffered(), "PART #r waits for its LF");
        }
    }

    @Test
    void aWorkBufferTooSmallForTheLongestLineIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IrcLineFramer(new byte[IrcLineFramer.MAX_HELD - 1]));
        assertTrue(e.getMessage().contains(String.valueOf(IrcLineFramer.MAX_HELD)), e.getMessage());
    }

    @Test
    void readsHeapAndDirectBuffersFromTheirPositionToTheirLimit() {
        ByteBuffer heap = ByteBuffer.wrap(bytes("xxPING a\r\nPING b\r\nyy"));
        heap.position(2).limit(18);
        IrcLineFramer framer = new IrcLineFramer();
        List<FramedLine> out = new ArrayList<>();
        framer.feed(heap, out::add);
        assertEquals(List.of(line("PING a", 8), line("PING b", 8)), out);
        assertEquals(18, heap.position());

        ByteBuffer direct = ByteBuffer.allocateDirect(16);
        direct.put(bytes("PONG c\nPO")).flip();
        out.clear();
        framer.feed(direct, out::add);
        assertEquals(List.of(line("PONG c", 7)), out);
        assertEquals(2, framer.buffered());
        assertEquals(direct.limit(), direct.position());
    }

    @Test
    void limitIs510BytesBeforeTheTerminatorWhateverItIs() {
        assertEquals(List.of(line("a".repeat(510), 512)), frame("a".repeat(510) + "\r\n"));
        assertEquals(List.of(line("a".repeat(510), 511)), frame("a".repeat(510) + "\n"));
        assertEquals(List.of(TOO_LONG), frame("a".repeat(511) + "\n"));
        assertEquals(List.of(TOO_LONG), frame("a".repeat(511) + "\r\n"));
        assertEquals(List.of(TOO_LONG), frame("a".repeat(512) + "\r\n"));
        assertEquals(List.of(line("a".repeat(509) + "\r", 512)), frame("a".repeat(509) + "\r\r\n"),
                "a CR in the content counts");
        assertEquals(List.of(TOO_LONG), frame("a".repeat(510) + "\r\r\n"));
        // Multi-byte characters count in bytes: 255 × 2 bytes fit, and one more byte does not.
        assertEquals(List.of(line("é".repeat(255), 512)), frame("é".repeat(255) + "\r\n"));
        assertEquals(List.of(TOO_LONG), frame("é".repeat(255) + "x\r\n"));
    }

    @Test
    void aTagSectionHasItsOwn4096BytesBeforeThe510() {
        String tags = "@+example.com/x=" + "t".repeat(IrcLimits.MAX_CLIENT_TAG_BYTES - 17) + " ";  // '@' and ' ' count
        assertEquals(IrcLimits.MAX_CLIENT_TAG_BYTES, tags.length());
        String content = "PRIVMSG #a :" + "c".repeat(498);
        assertEquals(IrcLimits.MAX_CONTENT_BYTES, content.length());
        assertEquals(List.of(line(tags + content, 4096 + 512)), frame(tags + content + "\r\n"));
        assertEquals(List.of(line(tags + content, 4096 + 511)), frame(tags + content + "\n"));
        assertEquals(List.of(TOO_LONG), frame(tags + content + "c\r\n"), "the rest is still 510 at most");
        String tooManyTags = "@" + "t".repeat(IrcLimits.MAX_CLIENT_TAG_BYTES - 1) + " PING x";
        assertEquals(List.of(TOO_LONG, line("PING y", 8)), frame(tooManyTags + "\r\nPING y\r\n"),
                "4095 bytes of '@' and tag data leave no room for the space");
        assertEquals(List.of(TOO_LONG), frame("@" + "t".repeat(5000) + "\n"), "no space at all");
        assertEquals(List.of(TOO_LONG), frame("PING @" + "t".repeat(600) + "\n"), "only a line that starts with '@'");
        assertEquals(List.of(line("@a=b PING z", 13)), frame("@a=b PING z\r\n"));
        assertEquals(List.of(line("@a=b", 6)), frame("@a=b\r\n"), "no command: the parser's matter");
    }

    @Test
    void everySplitOfTaggedLinesGivesTheSameLinesAndTheBufferStaysBounded() {
        String tags = "@k=" + "v".repeat(IrcLimits.MAX_CLIENT_TAG_BYTES - 4) + " ";
        byte[] input = bytes("@t=1 PING a\r\n", tags, "x".repeat(510), "\r\n", tags, "y".repeat(511), "\n",
                "@", "z".repeat(IrcLimits.MAX_CLIENT_TAG_BYTES), " PING b\n", "PING c\r\n", "@t=\u20ac PING d\r\n");
        List<FramedLine> expected = List.of(line("@t=1 PING a", 13), line(tags + "x".repeat(510), 4096 + 512),
                TOO_LONG, TOO_LONG, line("PING c", 8), line("@t=\u20ac PING d", 15));
        assertEquals(expected, frame(input));
        for (int i = 0; i <= input.length; i += 7) {
            IrcLineFramer framer = new IrcLineFramer();
            List<FramedLine> out = new ArrayList<>(feed(framer, Arrays.copyOfRange(input, 0, i)));
            out.addAll(feed(framer, Arrays.copyOfRange(input, i, input.length)));
            assertEquals(expected, out, "split at " + i);
        }
        IrcLineFramer framer = new IrcLineFramer();
        List<FramedLine> out = new ArrayList<>();
        for (byte b : input) {
            out.addAll(feed(framer, new byte[] {b}));
            assertTrue(framer.buffered() <= IrcLimits.MAX_CLIENT_TAG_BYTES + IrcLimits.MAX_CONTENT_BYTES + 1);
        }
        assertEquals(expected, out, "byte by byte");
    }

    @Test
    void tooLongIsReportedOnceAsSoonAsTheLimitIsPassedAndFramingGoesOn() {
        IrcLineFramer framer = new IrcLineFramer();
        assertEquals(List.of(), feed(framer, bytes("b".repeat(510) + "\r")), "could still be a 510-byte line");
        assertEquals(511, framer.buffered());
        assertEquals(List.of(TOO_LONG), feed(framer, bytes("b")), "no need to wait for the LF");
        assertEquals(0, framer.buffered());
        assertEquals(List.of(), feed(framer, bytes("b".repeat(2000) + "\r")), "the same line: no second report");
        assertEquals(List.of(line("PING x", 8), TOO_LONG, line("PING y", 8)),
                feed(framer, bytes("\nPING x\r\n", "c".repeat(700), "\r\nPING y\r\n")));
    }

    @Test
    void aMegabyteWithoutLineFeedIsDroppedWithoutBeingBuffered() {
        IrcLineFramer framer = new IrcLineFramer();
        List<FramedLine> out = new ArrayList<>();
        byte[] chunk = new byte[8192];
        Arrays.fill(chunk, (byte) 'm');
        for (int i = 0; i < 128; i++) {
            framer.feed(ByteBuffer.wrap(chunk), out::add);
            assertEquals(0, framer.buffered(), "after chunk " + i);
        }
        assertEquals(List.of(TOO_LONG), out);
        framer.feed(ByteBuffer.wrap(bytes("m\r\nPING z\r\n")), out::add);
        assertEquals(List.of(TOO_LONG, line("PING z", 8)), out);
    }

    @Test
    void aNulIsBinaryAtOnceAndTheRestOfItsLineIsDropped() {
        IrcLineFramer framer = new IrcLineFramer();
        // The start of a TLS ClientHello: record header 16 03 01, length 02 00, then handshake type 01, no LF.
        byte[] clientHello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xFC, 0x03, 0x03};
        assertEquals(List.of(BINARY), feed(framer, clientHello));
        assertEquals(0, framer.buffered());
        assertEquals(List.of(line("PING after", 12)), feed(framer, bytes("more\u0000\r\nPING after\r\n")));
        assertEquals(List.of(BINARY), frame("PRIVMSG #a :hi\u0000there\r\n"));
        assertEquals(List.of(TOO_LONG), frame("a".repeat(600) + "\u0000\r\n"), "one report a line");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "80",          // lone continuation byte
        "E282",        // sequence cut short by the end of the line
        "C080",        // overlong encoding of NUL
        "E080AF",      // overlong '/'
        "EDA080",      // UTF-16 surrogate D800 encoded as UTF-8
        "F4908080",    // above U+10FFFF
        "FF",          // never valid
        "E9",          // Latin-1 'é'
    })
    void invalidUtf8BecomesReplacementCharacters(String hex) {
        byte[] bad = hex(hex);
        List<FramedLine> out = frame(bytes("a", bad, "b\r\n"));
        assertEquals(1, out.size());
        String text = ((FramedLine.Line) out.get(0)).text();
        assertTrue(text.matches("a\uFFFD+b"), text);
        out = frame(bytes("x", bad, "\r\n"));
        assertEquals(3 + bad.length, ((FramedLine.Line) out.get(0)).bytes());
        assertTrue(((FramedLine.Line) out.get(0)).text().matches("x\uFFFD+"), "at the end of the line");
    }

    @Test
    void aCharacterSplitAcrossChunksIsDecodedWhole() {
        byte[] input = bytes("PRIVMSG #a :😀€é\r\n");
        for (int i = 13; i < input.length; i++) {
            IrcLineFramer framer = new IrcLineFramer();
            List<FramedLine> out = new ArrayList<>(feed(framer, Arrays.copyOfRange(input, 0, i)));
            out.addAll(feed(framer, Arrays.copyOfRange(input, i, input.length)));
            assertEquals(List.of(line("PRIVMSG #a :😀€é", input.length)), out, "split at " + i);
        }
    }

    @Test
    void emptyLinesAndALoneCrAreSkippedOrKept() {
        assertEquals(List.of(), frame("\r\n\n\r\n\n"));
        assertEquals(List.of(line("a\r", 4)), frame("a\r\r\n"), "only the CR before LF is the terminator");
        assertEquals(List.of(line("one\rtwo\rthree", 14)), frame("one\rtwo\rthree\n"), "a CR alone ends nothing");
        assertEquals(List.of(line("   ", 5)), frame("   \r\n"), "spaces are text: the parser decides");
    }

    static FramedLine line(String text, int bytes) {
        return new FramedLine.Line(text, bytes);
    }

    private static List<FramedLine> frame(String input) {
        return feed(new IrcLineFramer(), bytes(input));
    }

    private static List<FramedLine> frame(byte[] input) {
        return feed(new IrcLineFramer(), input);
    }

    private static List<FramedLine> feed(IrcLineFramer framer, byte[] input) {
        List<FramedLine> out = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(input);
        framer.feed(buffer, out::add);
        assertEquals(0, buffer.remaining());
        return out;
    }

    /** Strings as UTF-8 and byte arrays as they are, concatenated. */
    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : ((String) part).getBytes(UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
