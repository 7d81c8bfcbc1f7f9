package org.syncnet.testclient;

import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes the frames a WebSocket server sends (RFC 6455 section 5), from bytes in whatever pieces the socket hands
 * them over: a state machine that consumes every byte it is given, so the caller can reuse one read buffer for
 * all connections. Text messages (a text frame and its continuations) are handed over whole; a ping is handed
 * over so the connection can answer it; pongs are dropped; a close frame ends the stream. Binary messages are not
 * part of the chat protocol and are dropped too. No callback is made after the close frame.
 */
public final class WsFrameReader {
    /** Where the decoded frames go; called on the thread that calls {@link #feed}. */
    public interface Handler {
        void text(String message);

        /** A ping's payload ({@code length} bytes of {@code payload}; the array is reused). */
        void ping(byte[] payload, int length);

        /** The close frame: 1005 when it carried no status code. */
        void close(int code, String reason);
    }

    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_BINARY = 0x2;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;
    /** Far above the chat's largest frame (a history of at most 768 Ki characters); guards against garbage. */
    private static final long MAX_MESSAGE = 64L << 20;

    private final Handler handler;
    /** The header so far: 2 bytes, up to 8 of extended length, 4 of mask (servers do not mask, but may). */
    private final byte[] header = new byte[14];
    private int headerHave;
    private int headerNeed = 2;
    private boolean inPayload;
    private int opcode;
    private boolean fin;
    private boolean masked;
    private long payloadLeft;
    private int maskIndex;
    /** Where the masking key starts in {@link #header}. */
    private int maskAt;
    /** The text message being assembled (across continuation frames); reused. */
    private byte[] message = new byte[1024];
    private int messageLength;
    /** Whether a fragmented message is open, and whether it is text (binary is skipped). */
    private boolean fragmented;
    private boolean fragmentedText;
    /** A control frame's payload (at most 125 bytes). */
    private final byte[] control = new byte[125];
    private int controlLength;
    private boolean closed;

    public WsFrameReader(Handler handler) {
        this.handler = handler;
    }

    public boolean closed() {
        return closed;
    }

    /** Consumes all of {@code in} (position to limit). */
    public void feed(ByteBuffer in) throws IOException {
        while (in.hasRemaining() && !closed) {
            if (!inPayload) {
                int n = Math.min(headerNeed - headerHave, in.remaining());
                in.get(header, headerHave, n);
                headerHave += n;
                if (headerHave == headerNeed && headerComplete() && payloadLeft == 0) {
                    frameComplete();
                }
            } else {
                int n = (int) Math.min(payloadLeft, in.remaining());
                payload(in, n);
                payloadLeft -= n;
                if (payloadLeft == 0) {
                    frameComplete();
                }
            }
        }
    }

    /** Called when the header bytes asked for are there: asks for more or starts the payload; true once done. */
    private boolean headerComplete() throws ProtocolException {
        int lengthByte = header[1] & 0x7F;
        int lengthBytes = lengthByte == 126 ? 2 : lengthByte == 127 ? 8 : 0;
        masked = (header[1] & 0x80) != 0;
        int full = 2 + lengthBytes + (masked ? 4 : 0);
        if (headerHave < full) {
            headerNeed = full;
            return false;
        }
        fin = (header[0] & 0x80) != 0;
        if ((header[0] & 0x70) != 0) {
            throw new ProtocolException("reserved bits set (no extension was negotiated)");
        }
        opcode = header[0] & 0x0F;
        long length = lengthByte;
        if (lengthBytes > 0) {
            length = 0;
            for (int i = 0; i < lengthBytes; i++) {
                length = length << 8 | (header[2 + i] & 0xFF);
            }
            if (length < 0) {
                throw new ProtocolException("64-bit length with the high bit set");
            }
        }
        boolean controlFrame = (opcode & 0x8) != 0;
        if (controlFrame && (length > 125 || !fin)) {
            throw new ProtocolException("control frame fragmented or longer than 125 bytes");
        }
        switch (opcode) {
            case OP_CONTINUATION -> {
                if (!fragmented) {
                    throw new ProtocolException("continuation frame without a message");
                }
            }
            case OP_TEXT, OP_BINARY -> {
                if (fragmented) {
                    throw new ProtocolException("new message inside a fragmented one");
                }
                fragmented = true;
                fragmentedText = opcode == OP_TEXT;
                messageLength = 0;
            }
            case OP_CLOSE, OP_PING, OP_PONG -> controlLength = 0;
            default -> throw new ProtocolException("unknown opcode " + opcode);
        }
        if (!controlFrame && fragmentedText && messageLength + length > MAX_MESSAGE) {
            throw new ProtocolException("message longer than " + MAX_MESSAGE + " bytes");
        }
        if (!controlFrame && fragmentedText && messageLength + length > message.length) {
            message = Arrays.copyOf(message, (int) Math.max(messageLength + length, 2L * message.length));
        }
        payloadLeft = length;
        maskAt = 2 + lengthBytes;
        maskIndex = 0;
        inPayload = true;
        return true;
    }

    private void payload(ByteBuffer in, int n) {
        byte[] target;
        int at;
        if ((opcode & 0x8) != 0) {
            target = control;
            at = controlLength;
            controlLength += n;
        } else if (fragmentedText) {
            target = message;
            at = messageLength;
            messageLength += n;
        } else {
            in.position(in.position() + n);  // binary: skipped
            return;
        }
        in.get(target, at, n);
        if (masked) {
            for (int i = 0; i < n; i++) {
                target[at + i] ^= header[maskAt + (maskIndex++ & 3)];
            }
        }
    }

    private void frameComplete() throws IOException {
        inPayload = false;
        headerHave = 0;
        headerNeed = 2;
        switch (opcode) {
            case OP_CLOSE -> {
                closed = true;
                int code = controlLength >= 2 ? (control[0] & 0xFF) << 8 | (control[1] & 0xFF) : 1005;
                String reason = controlLength > 2
                        ? new String(control, 2, controlLength - 2, StandardCharsets.UTF_8) : "";
                handler.close(code, reason);
            }
            case OP_PING -> handler.ping(control, controlLength);
            case OP_PONG -> {
                // unsolicited or not: nothing to do
            }
            default -> {
                if (fin) {
                    fragmented = false;
                    if (fragmentedText) {
                        handler.text(new String(message, 0, messageLength, StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }
}
