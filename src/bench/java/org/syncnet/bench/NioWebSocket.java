package org.syncnet.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal RFC 6455 client WebSocket on a {@link NioSocket}: the load generator's replacement for
 * {@code java.net.http.WebSocket}, which costs a thread handoff and futures per frame. Reads, decoding and every
 * {@link Listener} callback happen on the loop thread, one after the other. Frames are sent from any thread (each is
 * masked and handed to the socket, which writes it at once if it can); frames sent before the handshake completes
 * wait for it. After {@link #abort} or the first {@code onClose}/{@code onError}, no further callback is made.
 */
final class NioWebSocket implements NioSocket.Protocol, WsFrameReader.Handler {
    /** Like {@code java.net.http.WebSocket.Listener}, but a message is always whole. Called on the loop thread. */
    interface Listener {
        void onOpen(NioWebSocket ws);

        void onText(NioWebSocket ws, String message);

        /** The server's close frame; or 1006 and "" when the server closed the TCP connection without one (as the JDK). */
        void onClose(NioWebSocket ws, int code, String reason);

        /** Connecting, the handshake or the connection failed (refused, reset, timed out, refused upgrade...). */
        void onError(NioWebSocket ws, Throwable error);
    }

    static final int NORMAL_CLOSURE = 1000;
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int OP_TEXT = 0x1;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PONG = 0xA;
    private static final int MAX_RESPONSE_HEADER = 16 * 1024;

    private enum State { HANDSHAKE, OPEN, DONE }

    private final URI uri;
    private final Listener listener;
    private final String key;
    private final WsFrameReader reader = new WsFrameReader(this);
    private NioSocket socket;
    private ByteBuffer response = ByteBuffer.allocate(1024);  // the handshake response so far (loop thread)
    private volatile State state = State.HANDSHAKE;

    private NioWebSocket(URI uri, Listener listener) {
        this.uri = uri;
        this.listener = listener;
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * Starts connecting; the outcome is {@code onOpen} or {@code onError} (also when {@code timeout} passes before
     * the handshake is done).
     *
     * @throws IllegalArgumentException for anything but a ws:// URI (no TLS)
     */
    static NioWebSocket connect(NioLoop loop, URI uri, Duration timeout, Listener listener) {
        if (!"ws".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("only ws:// (no TLS): " + uri);
        }
        NioWebSocket ws = new NioWebSocket(uri, listener);
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort() != -1 ? uri.getPort() : 80);
        synchronized (ws) {
            ws.socket = NioSocket.connect(loop, address, timeout, true, ws);
        }
        return ws;
    }

    URI uri() {
        return uri;
    }

    /** Sends one text message (one frame); false if the connection is closing or gone (the frame is dropped). */
    boolean sendText(String text) {
        return socket().send(frame(OP_TEXT, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends a close frame (the handshake of a polite close); nothing can be sent after it. */
    void sendClose(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + r.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(r, 0, payload, 2, r.length);
        socket().sendLast(frame(OP_CLOSE, payload));
    }

    /** Closes the socket at once; no callback follows. Any thread. */
    void abort() {
        finish();
        socket().abort();
    }

    private synchronized NioSocket socket() {
        return socket;
    }

    /** Moves to DONE; true for the one call that did (only that one may call the listener's last callback). */
    private synchronized boolean finish() {
        if (state == State.DONE) {
            return false;
        }
        state = State.DONE;
        return true;
    }

    // ------------------------------------------------------------------------------------------ NioSocket.Protocol

    @Override
    public void connected(NioSocket s) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + (uri.getPort() != -1 ? ":" + uri.getPort() : "") + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        s.sendNow(request.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void received(NioSocket s, ByteBuffer in) throws IOException {
        if (state == State.HANDSHAKE) {
            handshake(in);
        }
        if (state == State.OPEN && in.hasRemaining()) {
            reader.feed(in);
        }
    }

    /** EOF: the JDK's client reports this as a close with 1006 (RFC 6455 7.1.5), and so does this one. */
    @Override
    public void closed(NioSocket s) {
        if (finish()) {
            listener.onClose(this, 1006, "");
        }
    }

    @Override
    public void failed(NioSocket s, Throwable error) {
        if (finish()) {
            listener.onError(this, error);
        }
    }

    /** Takes the response header from {@code in}, leaving any frame bytes that follow it there. */
    private void handshake(ByteBuffer in) throws IOException {
        while (in.hasRemaining()) {
            if (!response.hasRemaining()) {
                if (response.capacity() >= MAX_RESPONSE_HEADER) {
                    throw new ProtocolException("handshake response header too long");
                }
                response = ByteBuffer.allocate(response.capacity() * 2).put(response.flip());
            }
            response.put(in.get());
            int p = response.position();
            if (p >= 4 && response.get(p - 4) == '\r' && response.get(p - 3) == '\n' && response.get(p - 2) == '\r'
                    && response.get(p - 1) == '\n') {
                checkResponse(new String(response.array(), 0, p, StandardCharsets.ISO_8859_1));
                response = null;
                synchronized (this) {
                    if (state == State.DONE) {
                        return;  // aborted meanwhile
                    }
                    state = State.OPEN;
                }
                socket().established();
                socket().hold(false);  // frames sent during the handshake
                listener.onOpen(this);
                return;
            }
        }
    }

    private void checkResponse(String header) throws IOException {
        String[] lines = header.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].equals("101")) {
            throw new ProtocolException("WebSocket handshake refused: " + lines[0]);
        }
        String accept = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
                accept = lines[i].substring(colon + 1).trim();
            }
        }
        if (!expectedAccept(key).equals(accept)) {
            throw new ProtocolException("WebSocket handshake: wrong Sec-WebSocket-Accept " + accept);
        }
    }

    static String expectedAccept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // WsFrameReader.Handler: on the loop thread, from received().

    @Override
    public void text(String message) {
        if (state == State.OPEN) {
            listener.onText(this, message);
        }
    }

    @Override
    public void ping(byte[] payload, int length) {
        socket().send(frame(OP_PONG, java.util.Arrays.copyOf(payload, length)));
    }

    @Override
    public void close(int code, String reason) {
        if (state != State.OPEN) {
            return;
        }
        // Answer with a close frame (RFC 6455 5.5.1), then drop the socket: the benchmark has no use for the rest.
        sendClose(code == 1005 ? NORMAL_CLOSURE : code, "");
        if (finish()) {
            socket().abort();
            listener.onClose(this, code, reason);
        }
    }

    // ------------------------------------------------------------------------------------------ output

    /** A client frame: FIN, opcode, the MASK bit and the masking key, the masked payload (RFC 6455 5.2, 5.3). */
    private static byte[] frame(int opcode, byte[] payload) {
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
        return java.util.Arrays.copyOf(f.array(), f.position());
    }
}
