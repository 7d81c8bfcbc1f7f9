package org.syncnet.cluster.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Strings on the wire: ASCII takes a short cut through the coders; the result must be the same strict UTF-8. */
class WireIOTest {
    @Test
    void stringsRoundTripAsStrictUtf8WithTheirLengthSaidAhead() throws Exception {
        for (String s : new String[] {"", "server2/1764000000000", "sérveur", "日本/7", "😀", "\u007f", "\u0080",
                "x".repeat(WireIO.MAX_STRING_BYTES), "é".repeat(WireIO.MAX_STRING_BYTES / 2)}) {
            ByteBuffer out = ByteBuffer.allocate(100);
            WireIO.putString(out, s);
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            assertEquals(WireIO.stringBytes(s), out.position(), s);
            assertEquals(utf8.length, Byte.toUnsignedInt(out.get(0)), s);
            byte[] written = new byte[utf8.length];
            out.get(1, written);
            assertArrayEquals(utf8, written, s);
            assertEquals(s, WireIO.getString(out.flip()), s);
        }
    }

    @Test
    void whatIsNotStrictUtf8OrTooLongIsRefused() {
        ByteBuffer out = ByteBuffer.allocate(200);
        assertThrows(IllegalArgumentException.class, () -> WireIO.putString(out, "a\ud800b"));
        assertThrows(IllegalArgumentException.class, () -> WireIO.putString(out, "x".repeat(WireIO.MAX_STRING_BYTES + 1)));
        assertThrows(IllegalArgumentException.class, () -> WireIO.putString(out, "é".repeat(WireIO.MAX_STRING_BYTES / 2 + 1)));
        for (byte[] bad : new byte[][] {{(byte) 0xC3}, {'a', (byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            ByteBuffer in = ByteBuffer.allocate(10).put((byte) bad.length).put(bad).flip();
            MalformedDatagramException e = assertThrows(MalformedDatagramException.class, () -> WireIO.getString(in));
            assertEquals(DropReason.MALFORMED, e.reason());
        }
    }
}
