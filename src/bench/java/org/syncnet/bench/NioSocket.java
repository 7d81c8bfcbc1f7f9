package org.syncnet.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * A client TCP connection on a non-blocking socket served by a {@link NioLoop}: the transport under the load
 * generators' protocols ({@link NioWebSocket}, {@link IrcBenchClient}). It connects with a deadline, which keeps
 * applying until the protocol calls {@link #established} (so it covers a handshake or a registration too), and hands
 * each chunk of received bytes to the protocol on the loop thread. Bytes are sent from any thread: appended to
 * this connection's output buffer and written at once by the sending thread if nothing is pending; what the socket
 * does not take is written by the loop thread when it is writable. While {@link #hold held}, sent bytes are only
 * queued. After {@link #abort} or the first {@code closed}/{@code failed} no further callback is made.
 * <p>
 * With an {@link SSLContext} the connection speaks TLS underneath, unseen by the protocol: {@code connected} comes
 * once the TLS handshake is done, {@code received} gets the decrypted bytes, and what is sent is encrypted where it
 * is written today (by the sending thread, or by the loop thread when the socket was full). The engine's wrap (under
 * this object's lock) and unwrap (on the loop thread) may run at once: {@link SSLEngine} allows that.
 */
final class NioSocket implements NioLoop.Handler {
    /** The protocol on top; every callback runs on the loop thread, one after the other. */
    interface Protocol {
        /** The TCP connection is up. */
        void connected(NioSocket socket) throws IOException;

        /**
         * Bytes arrived: {@code in} from its position to its limit. It is the loop's shared buffer: copy out what
         * is kept. A thrown exception fails the connection.
         */
        void received(NioSocket socket, ByteBuffer in) throws IOException;

        /** The peer closed the connection (EOF). */
        void closed(NioSocket socket);

        /** Connecting failed, timed out, or the connection failed (refused, reset, a protocol error...). */
        void failed(NioSocket socket, Throwable error);
    }

    private enum State { CONNECTING, CONNECTED, DONE }

    private final NioLoop loop;
    private final InetSocketAddress address;
    private final Protocol protocol;
    private final long deadlineNanos;
    /** Null for plain TCP. */
    private final SSLEngine engine;
    private volatile boolean established;
    // Loop thread only.
    private SocketChannel channel;
    private SelectionKey selectionKey;
    /** TLS: records received and not yet decrypted, in write mode. */
    private ByteBuffer netIn;
    /** TLS: the handshake is under way (the protocol has not heard of the connection yet). */
    private boolean handshaking;
    /** TLS: application bytes the handshake's unwraps gave, for the protocol once it is connected (rare). */
    private ByteBuffer early;
    // Guarded by this.
    private State state = State.CONNECTING;
    /** Bytes not yet written, in write mode ([0, position) is pending). */
    private ByteBuffer out = ByteBuffer.allocate(4096);
    private boolean wantWrite;
    private boolean outputClosed;
    private boolean held;
    /** TLS: records encrypted and not yet written, in write mode ([0, position) is pending). */
    private ByteBuffer netOut;

    private NioSocket(NioLoop loop, InetSocketAddress address, Duration timeout, SSLContext tls, Protocol protocol) {
        this.loop = loop;
        this.address = address;
        this.protocol = protocol;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        if (tls != null) {
            engine = tls.createSSLEngine(address.getHostString(), address.getPort());
            engine.setUseClientMode(true);
            // Room for several records, so that a burst is encrypted into one write and read in one call.
            int bytes = Math.max(64 * 1024, 2 * engine.getSession().getPacketBufferSize());
            netIn = ByteBuffer.allocate(bytes);
            netOut = ByteBuffer.allocate(bytes);
        } else {
            engine = null;
        }
    }

    /**
     * Starts connecting; the outcome is {@code connected} or {@code failed}. {@code hold}: queue what is sent until
     * {@link #hold hold(false)} (the protocol's own first bytes go out with {@link #sendNow}).
     */
    static NioSocket connect(NioLoop loop, InetSocketAddress address, Duration timeout, boolean hold, Protocol protocol) {
        return connect(loop, address, timeout, null, hold, protocol);
    }

    /** As {@link #connect(NioLoop, InetSocketAddress, Duration, boolean, Protocol)}, over TLS unless {@code tls} is null. */
    static NioSocket connect(NioLoop loop, InetSocketAddress address, Duration timeout, SSLContext tls, boolean hold,
                             Protocol protocol) {
        NioSocket s = new NioSocket(loop, address, timeout, tls, protocol);
        s.held = hold;
        loop.execute(s::start);
        return s;
    }

    /** The protocol is up (handshake done, registered): the connect deadline no longer applies. */
    void established() {
        established = true;
    }

    /** Sends {@code bytes}; false if the output is closed or the connection gone (then they are dropped). */
    boolean send(byte[] bytes) {
        return send(bytes, false, false);
    }

    /** Sends {@code bytes} even while held, and nothing after them: a close frame, a QUIT. */
    boolean sendLast(byte[] bytes) {
        return send(bytes, false, true);
    }

    /** Sends {@code bytes} even while held (a handshake request that must precede what is held). */
    boolean sendNow(byte[] bytes) {
        return send(bytes, true, false);
    }

    /** {@code true}: queue what is sent; {@code false}: write it (and from now on). */
    void hold(boolean hold) {
        IOException failed = null;
        synchronized (this) {
            held = hold;
            if (!hold && state == State.CONNECTED && !wantWrite && out.position() > 0) {
                try {
                    flush();
                } catch (IOException e) {
                    failed = e;
                    outputClosed = true;
                }
            }
        }
        failLater(failed);
    }

    /** Closes the socket at once; no callback follows. Any thread. */
    void abort() {
        finish();
        loop.execute(this::closeChannel);
    }

    /** Moves to DONE; true for the one call that did (only that one may make the protocol's last callback). */
    private synchronized boolean finish() {
        outputClosed = true;
        if (state == State.DONE) {
            return false;
        }
        state = State.DONE;
        return true;
    }

    private synchronized boolean done() {
        return state == State.DONE;
    }

    // ------------------------------------------------------------------------------------------ loop thread

    private void start() {
        if (done()) {
            return;
        }
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(address);
            selectionKey = channel.register(loop.selector(), connected ? 0 : SelectionKey.OP_CONNECT, this);
            if (connected) {
                transportUp();
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
                transportUp();
                return;
            }
            if (k.isWritable()) {
                synchronized (this) {
                    flush();
                }
                if (handshaking) {
                    handshake();
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
        if (!established && !done() && nowNanos - deadlineNanos >= 0) {
            fail(new SocketTimeoutException("no connection to " + address + " within the connect timeout"));
        }
    }

    /** TCP is up: the protocol's turn, or first the TLS handshake's. */
    private void transportUp() throws IOException {
        if (engine == null) {
            connected();
            return;
        }
        selectionKey.interestOps(SelectionKey.OP_READ);
        handshaking = true;
        engine.beginHandshake();
        handshake();
    }

    private void connected() throws IOException {
        synchronized (this) {
            if (state == State.DONE) {
                return;  // aborted meanwhile: its closeChannel is queued
            }
            state = State.CONNECTED;
            selectionKey.interestOps(SelectionKey.OP_READ);
            if (out.position() > 0 && !held) {
                flush();
            }
        }
        protocol.connected(this);
    }

    private void read() throws IOException {
        if (engine != null) {
            readTls();
            return;
        }
        ByteBuffer in = loop.readBuffer();
        while (!done()) {
            in.clear();
            int n = channel.read(in);
            if (n < 0) {
                eof();
                return;
            }
            in.flip();
            if (in.hasRemaining()) {
                protocol.received(this, in);
            }
            if (in.limit() < in.capacity()) {
                return;  // the socket had no more for now
            }
        }
    }

    /** End of the input: the protocol hears {@code closed}. */
    private void eof() {
        closeChannel();
        if (finish()) {
            protocol.closed(this);
        }
    }

    private void fail(Throwable e) {
        boolean first = finish();
        closeChannel();
        if (first) {
            protocol.failed(this, e);
        }
    }

    /** Callbacks only on the loop thread: a write failure on another thread is reported from there. */
    private void failLater(IOException e) {
        if (e != null) {
            loop.execute(() -> fail(e));
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

    private boolean send(byte[] bytes, boolean evenIfHeld, boolean last) {
        IOException failed = null;
        synchronized (this) {
            if (outputClosed) {
                return false;
            }
            if (out.remaining() < bytes.length) {
                out = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + bytes.length)).put(out.flip());
            }
            out.put(bytes);
            outputClosed = last;
            if (state == State.CONNECTED && (!held || evenIfHeld || last) && !wantWrite) {
                try {
                    flush();
                } catch (IOException e) {
                    failed = e;
                    outputClosed = true;
                }
            }
        }
        failLater(failed);
        return true;
    }

    /** Writes what the socket takes; asks the loop for OP_WRITE when some is left. Holds this. */
    private void flush() throws IOException {
        SocketChannel ch = channel;
        if (ch == null || selectionKey == null || !selectionKey.isValid()) {
            return;
        }
        boolean pending;
        if (engine == null) {
            out.flip();
            ch.write(out);
            out.compact();
            pending = out.position() > 0;
        } else {
            pending = flushTls(ch);
        }
        if (pending != wantWrite) {
            wantWrite = pending;
            selectionKey.interestOps(pending ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            if (pending && !loop.inLoop()) {
                loop.selector().wakeup();  // a select in progress would not see the new interest
            }
        }
    }

    // ------------------------------------------------------------------------------------------ TLS

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    /**
     * Encrypts {@link #out} (once connected; before, only what the handshake has to say) into records, as many as
     * {@link #netOut} holds before each write, and writes them until the socket is full or nothing is left.
     * Holds this.
     *
     * @return whether encrypted bytes wait for the socket
     */
    private boolean flushTls(SocketChannel ch) throws IOException {
        boolean application = state == State.CONNECTED;
        int packet = engine.getSession().getPacketBufferSize();
        out.flip();
        try {
            while (writeNet(ch)) {
                boolean produced = false;
                while (netOut.remaining() >= packet
                        && (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP || application && out.hasRemaining())) {
                    SSLEngineResult r = engine.wrap(application ? out : NOTHING, netOut);
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("TLS is closed for sending");
                    }
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                        throw new SSLException("a TLS record larger than its packet size");
                    }
                    if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                        runTasks();
                    }
                    if (r.bytesProduced() == 0 && r.bytesConsumed() == 0) {
                        if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                            throw new SSLException("the TLS engine wants to speak but says nothing");
                        }
                        break;  // nothing to say now: do not spin
                    }
                    produced = true;
                }
                if (!produced) {
                    writeNet(ch);
                    break;
                }
            }
        } finally {
            out.compact();
        }
        return netOut.position() > 0;
    }

    /** Writes the records waiting; true if none is left. Holds this. */
    private boolean writeNet(SocketChannel ch) throws IOException {
        if (netOut.position() == 0) {
            return true;
        }
        netOut.flip();
        ch.write(netOut);
        netOut.compact();
        return netOut.position() == 0;
    }

    /** Loop thread: takes the handshake as far as the bytes at hand allow; when it is done, the protocol's turn. */
    private void handshake() throws IOException {
        while (!done()) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    synchronized (this) {
                        flush();
                        if (wantWrite) {
                            return;  // the rest once the socket is writable
                        }
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    ByteBuffer app = loop.readBuffer().clear();
                    SSLEngineResult r;
                    netIn.flip();
                    try {
                        r = engine.unwrap(netIn, app);
                    } finally {
                        netIn.compact();
                    }
                    if (app.position() > 0) {
                        early = ByteBuffer.allocate(app.position()).put(app.flip());
                    }
                    switch (r.getStatus()) {
                        case CLOSED -> throw new SSLException("the server closed TLS during the handshake");
                        case BUFFER_OVERFLOW -> throw new SSLException("handshake data larger than the read buffer");
                        case BUFFER_UNDERFLOW -> {
                            growNetIn();
                            return;  // the rest of the record has not arrived yet
                        }
                        default -> {
                            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                                    && engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
                                return;
                            }
                        }
                    }
                }
                default -> {  // NOT_HANDSHAKING or FINISHED
                    synchronized (this) {
                        if (wantWrite) {
                            return;  // the last flight is not out yet: done once the socket took it
                        }
                    }
                    handshaking = false;
                    BenchTls.negotiated(engine.getSession());
                    connected();
                    if (done()) {
                        return;
                    }
                    if (early != null) {
                        ByteBuffer e = early.flip();
                        early = null;
                        protocol.received(this, e);
                    }
                    decrypt();  // what came after the handshake in the same read
                    return;
                }
            }
        }
    }

    /** Loop thread: reads records until the socket has no more for now, decrypting them as they come. */
    private void readTls() throws IOException {
        while (!done()) {
            int room = netIn.remaining();
            int n = channel.read(netIn);
            if (n < 0) {
                eof();
                return;
            }
            if (handshaking) {
                handshake();
            } else if (!decrypt()) {
                eof();  // close_notify
                return;
            }
            if (n == 0 || n < room) {
                return;  // the socket had no more for now
            }
        }
    }

    /**
     * Loop thread: decrypts the whole records in {@link #netIn} into the loop's read buffer and hands them to the
     * protocol, in as few calls as the buffer allows; a partial record stays for the next read.
     *
     * @return false when the server sent close_notify
     */
    private boolean decrypt() throws IOException {
        ByteBuffer app = loop.readBuffer().clear();
        int appBytes = engine.getSession().getApplicationBufferSize();
        boolean open = true;
        netIn.flip();
        try {
            while (netIn.hasRemaining() && !done()) {
                if (app.remaining() < appBytes) {
                    deliver(app);
                }
                SSLEngineResult r = engine.unwrap(netIn, app);
                SSLEngineResult.Status status = r.getStatus();
                if (status == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    break;
                }
                if (status == SSLEngineResult.Status.CLOSED) {
                    open = false;
                    break;
                }
                if (status == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    if (app.position() == 0) {
                        throw new SSLException("a TLS record larger than the read buffer");
                    }
                    deliver(app);
                    continue;
                }
                HandshakeStatus hs = r.getHandshakeStatus();
                if (hs == HandshakeStatus.NEED_TASK) {
                    runTasks();
                    hs = engine.getHandshakeStatus();
                }
                if (hs == HandshakeStatus.NEED_WRAP) {
                    synchronized (this) {
                        flush();  // a post-handshake message (a key update) wants an answer
                    }
                }
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                    break;
                }
            }
        } finally {
            netIn.compact();
        }
        growNetIn();
        deliver(app);
        return open;
    }

    private void deliver(ByteBuffer app) throws IOException {
        app.flip();
        if (app.hasRemaining() && !done()) {
            protocol.received(this, app);
        }
        app.clear();
    }

    /** A partial record that fills the buffer would never be completed by a read: make room (loop thread). */
    private void growNetIn() {
        int packet = engine.getSession().getPacketBufferSize();
        if (netIn.remaining() < packet) {
            netIn = ByteBuffer.allocate(netIn.position() + 2 * packet).put(netIn.flip());
        }
    }

    /** The engine's delegated tasks (the key exchange, checking the certificate) run inline. */
    private void runTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
    }
}
