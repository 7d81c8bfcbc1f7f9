package org.syncnet.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A minimal RFC 6455 client WebSocket on a non-blocking socket served by a {@link NioLoop}: the load generator's
 * replacement for {@code java.net.http.WebSocket}, which costs a thread handoff and futures per frame. Reads,
 * decoding and every {@link Listener} callback happen on the loop thread, one after the other. Frames are sent
 * from any thread: each is masked into this connection's output buffer and written at once by the sending thread
 * if nothing is pending; what the socket does not take is written by the loop thread when it is writable.
 * After {@link #abort} or the first {@code onClose}/{@code onError}, no further callback is made.
 */
final class NioWebSocket implements NioLoop.Handler, WsFrameReader.Handler {
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

    private enum State { CONNECTING, HANDSHAKE, OPEN, DONE }

    private final NioLoop loop;
    private final URI uri;
    private final Listener listener;
    private final long deadlineNanos;
    private final String key;
    private final WsFrameReader reader = new WsFrameReader(this);
    // Loop thread only.
    private SocketChannel channel;
    private SelectionKey selectionKey;
    private ByteBuffer response;  // the handshake response so far
    private volatile State state = State.CONNECTING;
    // Guarded by this: bytes not yet written, in write mode ([0, position) is pending).
    private ByteBuffer out = ByteBuffer.allocate(4096);
    private boolean wantWrite;
    private boolean outputClosed;

    private NioWebSocket(NioLoop loop, URI uri, Duration timeout, Listener listener) {
        this.loop = loop;
        this.uri = uri;
        this.listener = listener;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    /** Starts connecting; the outcome is {@code onOpen} or {@code onError} (also when {@code timeout} passes first). */
    static NioWebSocket connect(NioLoop loop, URI uri, Duration timeout, Listener listener) {
        NioWebSocket ws = new NioWebSocket(loop, uri, timeout, listener);
        loop.execute(ws::start);
        return ws;
    }

    URI uri() {
        return uri;
    }

    /** Sends one text message (one frame); false if the connection is closing or gone (the frame is dropped). */
    boolean sendText(String text) {
        return send(OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a close frame (the handshake of a polite close); nothing can be sent after it. */
    void sendClose(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + r.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(r, 0, payload, 2, r.length);
        send(OP_CLOSE, payload);
    }

    /** Closes the socket at once; no callback follows. Any thread. */
    void abort() {
        finish();
        loop.execute(this::closeChannel);
    }

    /** Moves to DONE; true for the one call that did (only that one may call the listener's last callback). */
    private synchronized boolean finish() {
        outputClosed = true;
        if (state == State.DONE) {
            return false;
        }
        state = State.DONE;
        return true;
    }

    // ------------------------------------------------------------------------------------------ loop thread

    private void start() {
        if (state == State.DONE) {
            return;
        }
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (!"ws".equalsIgnoreCase(uri.getScheme())) {
                throw new IOException("only ws:// (no TLS): " + uri);
            }
            int port = uri.getPort() != -1 ? uri.getPort() : 80;
            boolean connected = channel.connect(new InetSocketAddress(uri.getHost(), port));
            selectionKey = channel.register(loop.selector(), connected ? 0 : SelectionKey.OP_CONNECT, this);
            if (connected) {
                connected();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void ready(SelectionKey k) {
        try {
            if (k.isConnectable()) {
                channel.finishConnect();
                connected();
                return;
            }
            if (k.isWritable()) {
                synchronized (this) {
                    flush();
                }
            }
            if (k.isReadable()) {
                read();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void tick(long nowNanos) {
        State s = state;
        if ((s == State.CONNECTING || s == State.HANDSHAKE) && nowNanos - deadlineNanos >= 0) {
            fail(new SocketTimeoutException("no WebSocket to " + uri + " within the connect timeout"));
        }
    }

    private void connected() throws IOException {
        synchronized (this) {
            if (state == State.DONE) {
                return;  // aborted meanwhile: its closeChannel is queued
            }
            state = State.HANDSHAKE;
        }
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
        response = ByteBuffer.allocate(1024);
        selectionKey.interestOps(SelectionKey.OP_READ);
        synchronized (this) {
            append(request.getBytes(StandardCharsets.US_ASCII));
            flush();
        }
    }

    private void read() throws IOException {
        ByteBuffer in = loop.readBuffer();
        while (state == State.HANDSHAKE || state == State.OPEN) {
            in.clear();
            int n = channel.read(in);
            if (n < 0) {
                closedWithoutCloseFrame();
                return;
            }
            in.flip();
            if (state == State.HANDSHAKE) {
                handshake(in);
            }
            if (state == State.OPEN && in.hasRemaining()) {
                reader.feed(in);
            }
            if (in.limit() < in.capacity()) {
                return;  // the socket had no more for now
            }
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
                    if (out.position() > 0 && !wantWrite) {
                        flush();  // frames sent during the handshake
                    }
                }
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

    // WsFrameReader.Handler: on the loop thread, from read().

    @Override
    public void text(String message) {
        if (state == State.OPEN) {
            listener.onText(this, message);
        }
    }

    @Override
    public void ping(byte[] payload, int length) {
        send(OP_PONG, java.util.Arrays.copyOf(payload, length));
    }

    @Override
    public void close(int code, String reason) {
        if (state != State.OPEN) {
            return;
        }
        // Answer with a close frame (RFC 6455 5.5.1), then drop the socket: the benchmark has no use for the rest.
        sendClose(code == 1005 ? NORMAL_CLOSURE : code, "");
        boolean first = finish();
        closeChannel();
        if (first) {
            listener.onClose(this, code, reason);
        }
    }

    /** EOF: the JDK's client reports this as a close with 1006 (RFC 6455 7.1.5), and so does this one. */
    private void closedWithoutCloseFrame() {
        boolean first = finish();
        closeChannel();
        if (first) {
            listener.onClose(this, 1006, "");
        }
    }

    private void fail(Throwable e) {
        boolean first = finish();
        closeChannel();
        if (first) {
            listener.onError(this, e);
        }
    }

    /** Loop thread only. */
    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();  // also cancels the key
            } catch (IOException e) {
                // closed either way
            }
        }
    }

    // ------------------------------------------------------------------------------------------ output

    private boolean send(int opcode, byte[] payload) {
        IOException failed = null;
        synchronized (this) {
            if (outputClosed) {
                return false;
            }
            appendFrame(opcode, payload);
            if (opcode == OP_CLOSE) {
                outputClosed = true;
            }
            if (state == State.OPEN && !wantWrite) {
                try {
                    flush();
                } catch (IOException e) {
                    failed = e;
                    outputClosed = true;
                }
            }
        }
        if (failed != null) {
            IOException e = failed;
            loop.execute(() -> fail(e));  // callbacks only on the loop thread
        }
        return true;
    }

    /** A client frame: FIN, opcode, the MASK bit and the masking key, the masked payload (RFC 6455 5.2, 5.3). */
    private void appendFrame(int opcode, byte[] payload) {
        int n = payload.length;
        ensure(14 + n);
        out.put((byte) (0x80 | opcode));
        if (n < 126) {
            out.put((byte) (0x80 | n));
        } else if (n < 65536) {
            out.put((byte) (0x80 | 126)).putShort((short) n);
        } else {
            out.put((byte) (0x80 | 127)).putLong(n);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        out.putInt(mask);
        for (int i = 0; i < n; i++) {
            out.put((byte) (payload[i] ^ (mask >>> (8 * (3 - (i & 3))))));
        }
    }

    private void append(byte[] raw) {
        ensure(raw.length);
        out.put(raw);
    }

    private void ensure(int more) {
        if (out.remaining() < more) {
            out = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more)).put(out.flip());
        }
    }

    /** Writes what the socket takes; asks the loop for OP_WRITE when some is left. Holds this. */
    private void flush() throws IOException {
        SocketChannel ch = channel;
        if (ch == null || selectionKey == null || !selectionKey.isValid()) {
            return;
        }
        out.flip();
        ch.write(out);
        out.compact();
        boolean pending = out.position() > 0;
        if (pending != wantWrite) {
            wantWrite = pending;
            selectionKey.interestOps(pending ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            if (pending && !loop.inLoop()) {
                loop.selector().wakeup();  // a select in progress would not see the new interest
            }
        }
    }
}
