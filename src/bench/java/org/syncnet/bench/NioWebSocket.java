package org.syncnet.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.syncnet.testclient.WsFrameReader;
import org.syncnet.testclient.WsFrameWriter;
import org.syncnet.testclient.WsHandshake;

/**
 * A minimal RFC 6455 client WebSocket on a {@link NioSocket}, with the handshake, framing and decoding the test
 * clients share ({@link WsHandshake}, {@link WsFrameWriter}, {@link WsFrameReader}): the load generator's
 * replacement for {@code java.net.http.WebSocket}, which costs a thread handoff and futures per frame. Reads,
 * decoding and every {@link Listener} callback happen on the loop thread, one after the other. Frames are sent from
 * any thread (each is masked and handed to the socket, which writes it at once if it can); frames sent before the
 * handshake completes wait for it. A wss:// URI goes over TLS, which {@link NioSocket} does underneath. After
 * {@link #abort} or the first {@code onClose}/{@code onError}, no further callback is made.
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
    private static final int MAX_RESPONSE_HEADER = 16 * 1024;

    private enum State { HANDSHAKE, OPEN, DONE }

    private final URI uri;
    private final Listener listener;
    private final WsHandshake handshake = new WsHandshake();
    private final WsFrameReader reader = new WsFrameReader(this);
    private NioSocket socket;
    private ByteBuffer response = ByteBuffer.allocate(1024);  // the handshake response so far (loop thread)
    private volatile State state = State.HANDSHAKE;

    private NioWebSocket(URI uri, Listener listener) {
        this.uri = uri;
        this.listener = listener;
    }

    /**
     * Starts connecting; the outcome is {@code onOpen} or {@code onError} (also when {@code timeout} passes before
     * the handshake is done).
     *
     * @throws IllegalArgumentException for anything but a ws:// URI
     */
    static NioWebSocket connect(NioLoop loop, URI uri, Duration timeout, Listener listener) {
        return connect(loop, uri, null, timeout, listener);
    }

    /**
     * As {@link #connect(NioLoop, URI, Duration, Listener)}; a wss:// URI is reached over TLS with {@code tls}.
     *
     * @throws IllegalArgumentException for anything but a ws:// URI, or a wss:// one, which needs {@code tls}
     */
    static NioWebSocket connect(NioLoop loop, URI uri, SSLContext tls, Duration timeout, Listener listener) {
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        if (!secure && !"ws".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("only ws:// or wss://: " + uri);
        }
        if (secure && tls == null) {
            throw new IllegalArgumentException("wss:// needs a TLS context: " + uri);
        }
        NioWebSocket ws = new NioWebSocket(uri, listener);
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), port);
        synchronized (ws) {
            ws.socket = NioSocket.connect(loop, address, timeout, secure ? tls : null, true, ws);
        }
        return ws;
    }

    URI uri() {
        return uri;
    }

    /** Sends one text message (one frame); false if the connection is closing or gone (the frame is dropped). */
    boolean sendText(String text) {
        return socket().send(WsFrameWriter.frame(WsFrameWriter.OP_TEXT, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends a close frame (the handshake of a polite close); nothing can be sent after it. */
    void sendClose(int code, String reason) {
        socket().sendLast(WsFrameWriter.close(code, reason));
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
        s.sendNow(handshake.request(uri.getHost() + (uri.getPort() != -1 ? ":" + uri.getPort() : ""), path));
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
            if (WsHandshake.headerComplete(response.array(), p)) {
                handshake.check(new String(response.array(), 0, p, StandardCharsets.ISO_8859_1));
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

    // WsFrameReader.Handler: on the loop thread, from received().

    @Override
    public void text(String message) {
        if (state == State.OPEN) {
            listener.onText(this, message);
        }
    }

    @Override
    public void ping(byte[] payload, int length) {
        socket().send(WsFrameWriter.frame(WsFrameWriter.OP_PONG, java.util.Arrays.copyOf(payload, length)));
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
}
