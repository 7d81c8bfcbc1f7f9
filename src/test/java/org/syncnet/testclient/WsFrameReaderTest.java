package org.syncnet.testclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WsFrameReaderTest {
    /** Records what the reader hands over, as strings. */
    static final class Recorder implements WsFrameReader.Handler {
        final List<String> got = new ArrayList<>();

        @Override
        public void text(String message) {
            got.add("text:" + message);
        }

        @Override
        public void ping(byte[] payload, int length) {
            got.add("ping:" + new String(payload, 0, length, StandardCharsets.UTF_8));
        }

        @Override
        public void close(int code, String reason) {
            got.add("close:" + code + ":" + reason);
        }
    }

    /** A server frame: unmasked unless {@code mask} is given. */
    private static byte[] frame(boolean fin, int opcode, byte[] payload, byte[] mask) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((fin ? 0x80 : 0) | opcode);
        int maskBit = mask != null ? 0x80 : 0;
        int n = payload.length;
        if (n < 126) {
            b.write(maskBit | n);
        } else if (n < 65536) {
            b.write(maskBit | 126);
            b.write(n >> 8);
            b.write(n);
        } else {
            b.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                b.write((int) ((long) n >> (8 * i)));
            }
        }
        if (mask != null) {
            b.writeBytes(mask);
            byte[] masked = payload.clone();
            for (int i = 0; i < n; i++) {
                masked[i] ^= mask[i & 3];
            }
            b.writeBytes(masked);
        } else {
            b.writeBytes(payload);
        }
        return b.toByteArray();
    }

    private static byte[] text(String s) {
        return frame(true, 0x1, s.getBytes(StandardCharsets.UTF_8), null);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    /** Feeds {@code stream} in the given pieces (split points), as reads from a socket would. */
    private static List<String> read(byte[] stream, int... splits) throws IOException {
        Recorder r = new Recorder();
        WsFrameReader reader = new WsFrameReader(r);
        int from = 0;
        for (int cut : splits) {
            reader.feed(ByteBuffer.wrap(stream, from, cut - from));
            from = cut;
        }
        reader.feed(ByteBuffer.wrap(stream, from, stream.length - from));
        return r.got;
    }

    private static byte[] close(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return frame(true, 0x8, p, null);
    }

    @Test
    void everyLengthEncodingFragmentsPingAndCloseAtEverySplit() throws IOException {
        String mid = repeat('m', 300);  // 16-bit length
        byte[] stream = concat(
                text("{\"type\":\"event\",\"seq\":1}"),          // 7-bit length
                text(mid),
                frame(false, 0x1, "héllo ".getBytes(StandardCharsets.UTF_8), null),  // a fragmented message
                frame(true, 0x9, "p".getBytes(StandardCharsets.UTF_8), null),         // a ping in between
                frame(true, 0x0, "wörld".getBytes(StandardCharsets.UTF_8), null),
                frame(true, 0xA, new byte[0], null),                                   // a pong: dropped
                text(""),
                close(1001, "server stopping"),
                text("after the close: never handed over"));
        List<String> expected = List.of("text:{\"type\":\"event\",\"seq\":1}", "text:" + mid, "ping:p",
                "text:héllo wörld", "text:", "close:1001:server stopping");
        assertEquals(expected, read(stream));
        for (int cut = 0; cut <= stream.length; cut++) {
            assertEquals(expected, read(stream, cut), "split at " + cut);
        }
        for (int a = 0; a < 40; a++) {
            for (int b = a; b < stream.length; b += 7) {
                assertEquals(expected, read(stream, a, b), "split at " + a + " and " + b);
            }
        }
        int[] everyByte = new int[stream.length];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i;
        }
        assertEquals(expected, read(stream, everyByte));
    }

    @Test
    void sixtyFourBitLength() throws IOException {
        String big = repeat('b', 70_000);
        byte[] stream = concat(text(big), text("x"), close(1000, ""));
        List<String> expected = List.of("text:" + big, "text:x", "close:1000:");
        // The splits that matter: inside and right after the 10-byte header, in the payload, around the end.
        for (int cut : new int[] {1, 2, 3, 5, 9, 10, 11, 4096, 65_535, 65_536, 70_009, 70_010, 70_011, 70_012, stream.length - 1}) {
            assertEquals(expected, read(stream, cut), "split at " + cut);
        }
        int[] chunks = new int[stream.length / 1000];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = (i + 1) * 1000 - 3;
        }
        assertEquals(expected, read(stream, chunks));
    }

    @Test
    void closeWithoutCodeAndMaskedFrames() throws IOException {
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        byte[] stream = concat(frame(true, 0x1, "masked text".getBytes(StandardCharsets.UTF_8), mask),
                frame(true, 0x8, new byte[0], null));
        for (int cut = 0; cut <= stream.length; cut++) {
            assertEquals(List.of("text:masked text", "close:1005:"), read(stream, cut));
        }
    }

    @Test
    void protocolErrors() {
        assertThrows(ProtocolException.class, () -> read(frame(true, 0x0, new byte[1], null)));   // orphan continuation
        assertThrows(ProtocolException.class, () -> read(frame(true, 0x3, new byte[1], null)));   // unknown opcode
        assertThrows(ProtocolException.class, () -> read(frame(false, 0x9, new byte[1], null)));  // fragmented ping
        assertThrows(ProtocolException.class, () -> read(frame(true, 0x9, new byte[126], null))); // long ping
        assertThrows(ProtocolException.class, () -> read(new byte[] {(byte) 0xC1, 0}));           // RSV1
        assertThrows(ProtocolException.class,
                () -> read(concat(frame(false, 0x1, new byte[1], null), text("x"))));              // text inside text
    }

    @Test
    void handshakeAcceptIsTheRfcExample() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WsHandshake.expectedAccept("dGhlIHNhbXBsZSBub25jZQ=="));
    }
}
