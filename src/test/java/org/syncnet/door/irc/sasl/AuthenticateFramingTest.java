package org.syncnet.door.irc.sasl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sasl-3.1 chunking both ways, at every length up to the bound: 400-byte chunks, {@code +} after a last chunk
 * of exactly 400 or for an empty message, 905 for a chunk over 400 bytes or a message over the bound.
 */
class AuthenticateFramingTest {
    private static final int MAX = PayloadAssembler.MAX_PAYLOAD_BYTES;

    private static byte[] message(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static PayloadAssembler.Progress feed(PayloadAssembler assembler, List<String> chunks) {
        for (String chunk : chunks.subList(0, chunks.size() - 1)) {
            assertInstanceOf(PayloadAssembler.Progress.NeedMore.class, assembler.add(chunk));
        }
        return assembler.add(chunks.get(chunks.size() - 1));
    }

    @Test
    void everyMessageLengthUpToTheBoundArrivesWhole() {
        PayloadAssembler assembler = new PayloadAssembler();
        for (int length = 0; length <= MAX; length++) {
            byte[] message = message(length);
            PayloadAssembler.Progress.Complete complete =
                    assertInstanceOf(PayloadAssembler.Progress.Complete.class,
                            feed(assembler, SaslClient.chunks(message)), "length " + length);
            assertArrayEquals(message, complete.payload(), "length " + length);
        }
    }

    @Test
    void chunkBoundaries() {
        // 300 bytes encode to exactly 400 characters: more follows, and + ends it.
        List<String> exact = SaslClient.chunks(message(300));
        assertEquals(List.of(400, 1), exact.stream().map(String::length).toList());
        assertEquals("+", exact.get(1));
        assertEquals(List.of(400, 400, 1),
                SaslClient.chunks(message(600)).stream().map(String::length).toList());
        assertEquals(List.of(400, 4), SaslClient.chunks(message(301)).stream().map(String::length).toList());

        PayloadAssembler assembler = new PayloadAssembler();
        assertInstanceOf(PayloadAssembler.Progress.NeedMore.class, assembler.add("A".repeat(400)));
        assertInstanceOf(PayloadAssembler.Progress.NeedMore.class, assembler.add("A".repeat(400)));
        assertEquals(600, ((PayloadAssembler.Progress.Complete) assembler.add("+")).payload().length);
        // 399 characters end a message, which is then not base64 (not a multiple of 4).
        assertInstanceOf(PayloadAssembler.Progress.Invalid.class, assembler.add("A".repeat(399)));
        assertInstanceOf(PayloadAssembler.Progress.TooLong.class, assembler.add("A".repeat(401)));
        // Bytes, not characters: 201 characters of 401 bytes are too long.
        assertInstanceOf(PayloadAssembler.Progress.TooLong.class, assembler.add("\u00e9".repeat(200) + "A"));
        // After a too-long chunk the next message starts afresh.
        assertEquals(0, ((PayloadAssembler.Progress.Complete) assembler.add("+")).payload().length);
    }

    @Test
    void aMessageOverTheBoundIsTooLongAtWhateverChunkShowsIt() {
        for (int length = MAX + 1; length <= MAX + 400; length++) {
            PayloadAssembler assembler = new PayloadAssembler();
            List<String> chunks = SaslClient.chunks(message(length));
            PayloadAssembler.Progress progress = null;
            for (String chunk : chunks) {
                progress = assembler.add(chunk);
                if (!(progress instanceof PayloadAssembler.Progress.NeedMore)) {
                    break;
                }
            }
            assertInstanceOf(PayloadAssembler.Progress.TooLong.class, progress, "length " + length);
        }
    }

    @Test
    void onlyCanonicalBase64IsAccepted() {
        for (String chunk : List.of("", "aQ", "aQ=", "ab==", "aR==", "a===", "====", "aQ==aQ==", "a-b_", "aQ==\n",
                " aQ=", "\u00e9\u00e9\u00e9\u00e9")) {
            PayloadAssembler assembler = new PayloadAssembler();
            assertInstanceOf(PayloadAssembler.Progress.Invalid.class, assembler.add(chunk), chunk);
            assertInstanceOf(PayloadAssembler.Progress.Complete.class, assembler.add("aQ=="),
                    "the next message starts afresh after " + chunk);
        }
        // Padding inside the message, split across chunks, is still padding inside the message.
        PayloadAssembler assembler = new PayloadAssembler();
        assembler.add("A".repeat(396) + "aQ==");
        assertInstanceOf(PayloadAssembler.Progress.Invalid.class, assembler.add("aQ=="));
    }

    @Test
    void challengesAreSplitAsClientsReadThem() {
        assertEquals(List.of("+"), ChallengeChunks.of(new byte[0]));
        for (int length = 1; length <= 2 * MAX; length++) {
            byte[] message = message(length);
            List<String> chunks = ChallengeChunks.of(message);
            assertEquals(SaslClient.chunks(message), chunks, "length " + length);
            for (int i = 0; i < chunks.size() - 1; i++) {
                assertEquals(400, chunks.get(i).length(), "length " + length);
            }
            String last = chunks.get(chunks.size() - 1);
            assertTrue(last.equals("+") || (last.length() > 0 && last.length() < 400), "length " + length);
            StringBuilder encoded = new StringBuilder();
            chunks.stream().filter(c -> !c.equals("+")).forEach(encoded::append);
            assertArrayEquals(message, Base64.getDecoder().decode(encoded.toString()), "length " + length);
        }
    }
}
