package org.syncnet.testclient;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The frames a WebSocket client sends (RFC 6455 sections 5.2 and 5.3): FIN, the opcode, the MASK bit and a fresh
 * masking key, the masked payload. The counterpart of {@link WsFrameReader}, shared like it.
 */
public final class WsFrameWriter {
    public static final int OP_TEXT = 0x1;
    public static final int OP_BINARY = 0x2;
    public static final int OP_CLOSE = 0x8;
    public static final int OP_PING = 0x9;
    public static final int OP_PONG = 0xA;

    private WsFrameWriter() {
    }

    /** One whole (FIN) frame of {@code opcode} carrying {@code payload}, masked. */
    public static byte[] frame(int opcode, byte[] payload) {
        int n = payload.length;
        ByteBuffer f = ByteBuffer.allocate(14 + n);
        f.put((byte) (0x80 | opcode));
        if (n < 126) {
            f.put((byte) (0x80 | n));
        } else if (n < 65536) {
            f.put((byte) (0x80 | 126)).putShort((short) n);
        } else {
            f.put((byte) (0x80 | 127)).putLong(n);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        f.putInt(mask);
        for (int i = 0; i < n; i++) {
            f.put((byte) (payload[i] ^ (mask >>> (8 * (3 - (i & 3))))));
        }
        return Arrays.copyOf(f.array(), f.position());
    }

    /** A close frame with a status code and reason. */
    public static byte[] close(int code, String reason) {
        byte[] r = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + r.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(r, 0, payload, 2, r.length);
        return frame(OP_CLOSE, payload);
    }
}
