package org.syncnet.it;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import org.syncnet.testclient.WsFrameReader;
import org.syncnet.testclient.WsFrameWriter;
import org.syncnet.testclient.WsHandshake;

/**
 * A WebSocket client over a plain socket that reads only when told to, so a test can play a client that stops
 * reading: what the server sends then piles up in the (deliberately small) socket buffers and in the server's
 * queue. The handshake, the frames out and the decoding of the frames in are the test clients' shared ones
 * ({@link WsHandshake}, {@link WsFrameWriter}, {@link WsFrameReader}); this adds the blocking socket.
 */
final class RawWebSocket implements AutoCloseable {
    /** A frame from the server: its opcode and payload. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A close frame's "code reason". */
        String closeStatus() {
            int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
            return code + " " + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    static final int CLOSE = WsFrameWriter.OP_CLOSE;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    /** Frames decoded and not read yet: one read from the socket may bring several. */
    private final Queue<Frame> frames = new ArrayDeque<>();
    private final WsFrameReader reader = new WsFrameReader(new WsFrameReader.Handler() {
        @Override
        public void text(String message) {
            frames.add(new Frame(WsFrameWriter.OP_TEXT, message.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public void ping(byte[] payload, int length) {
            // skipped, not answered
        }

        @Override
        public void close(int code, String reason) {
            byte[] r = reason.getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[2 + r.length];
            payload[0] = (byte) (code >> 8);
            payload[1] = (byte) code;
            System.arraycopy(r, 0, payload, 2, r.length);
            frames.add(new Frame(CLOSE, payload));
        }
    });
    private final byte[] buffer = new byte[4096];

    RawWebSocket(int port, String path) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(4096);  // before connecting: a small window, so the server's sends back up early
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(20_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        WsHandshake handshake = new WsHandshake();
        out.write(handshake.request("127.0.0.1:" + port, path));
        handshake.check(WsHandshake.readResponse(in));
    }


    void sendText(String text) throws IOException {
        out.write(WsFrameWriter.frame(WsFrameWriter.OP_TEXT, text.getBytes(StandardCharsets.UTF_8)));
        out.flush();
    }

    /** The next text or close frame (blocking, up to the socket timeout); the server's pings are skipped. */
    Frame read() throws IOException {
        while (frames.isEmpty()) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new EOFException("connection closed");
            }
            reader.feed(ByteBuffer.wrap(buffer, 0, n));
        }
        return frames.remove();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
