package org.syncnet.door.irc.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A non-blocking TCP server: one {@link Selector} and one loop thread (made by the given {@link ThreadFactory}; in
 * WildFly a container-managed one) for all connections, no thread per connection. It knows nothing of the protocol
 * spoken: the {@link TcpHandler} gets the bytes, on the loop thread, and answers through {@link TcpConnection#send}
 * from any thread.
 * <p>
 * The loop accepts connections on every listener (one beyond {@link TcpServerOptions#maxConnections}, counted over all
 * listeners, gets the rejection bytes and is closed, never reaching the handler), reads into one buffer it owns (no
 * per-connection read buffers), writes what connections have queued, ticks every connection, and closes connections
 * whoever asked. An exception from the handler closes that one connection ({@link TcpConnection#INTERNAL_ERROR}) and is
 * logged; the loop goes on.
 * <p>
 * TLS listeners ({@link TlsOptions}): the loop also decrypts, into the same read buffer, and shakes hands; the handler
 * hears of a TLS connection only once its handshake succeeded. A handshake that fails (a plain-text client, an old
 * protocol, no common cipher suite) or is not done by its deadline closes the connection, logged at FINE.
 * <p>
 * Stopping: {@link #stop(byte[])} stops accepting, sends every open connection the farewell bytes (may be null) and
 * closes it with {@link TcpConnection#SERVER_STOPPING} once written and the client has closed, at most
 * {@link TcpServerOptions#closeDeadline} later; then every connection still there is closed, the handler hears
 * {@code closed} once for each, and the loop ends. To give each client its own last line instead, call
 * {@link TcpConnection#closeAfterSending} on each first (those keep their reason), then {@code stop()}.
 *
 * @param <A> the type of the connections' attachment
 */
public final class TcpServer<A> {
    private static final Logger LOG = Logger.getLogger("org.syncnet.irc");
    /** Enough for the client lines of one round; the handler copies what it keeps. */
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    /** Accepts per select round, so a connection storm does not starve reads. */
    private static final int ACCEPTS_PER_ROUND = 64;
    /** Queued buffers written by one gathering write. */
    private static final int GATHER = 64;
    /** How long {@link #stop} waits for the loop beyond the close deadline. */
    private static final long STOP_GRACE_MILLIS = 5000;

    private final TcpServerOptions options;
    private final ThreadFactory threads;
    private final TcpHandler<A> handler;
    private final String logName;
    private final byte[] rejection;
    private final ConcurrentLinkedQueue<TcpConnection<A>> closing = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<TcpConnection<A>> woken = new ConcurrentLinkedQueue<>();

    private volatile Selector selector;
    private volatile Thread loop;
    private volatile List<InetSocketAddress> bound = List.of();
    private volatile int connectionCount;
    private volatile boolean stopRequested;
    private volatile byte[] farewell;

    // Loop thread only (after start):
    private ListeningSockets listeners;
    private boolean acceptPaused;
    private boolean stopping;
    private long nextId;
    private final Set<TcpConnection<A>> connections = new HashSet<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    /** TLS records as read, before {@link #readBuffer} gets them decrypted; allocated with the first TLS listener. */
    private final ByteBuffer recordBuffer;
    private final ByteBuffer[] gather = new ByteBuffer[GATHER];

    public TcpServer(TcpServerOptions options, ThreadFactory threads, TcpHandler<A> handler) {
        this.options = Objects.requireNonNull(options, "options");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.logName = options.logName();
        this.rejection = options.rejection();
        boolean anyTls = options.listeners().stream().anyMatch(TcpListener::secure);
        this.recordBuffer = anyTls ? ByteBuffer.allocateDirect(READ_BUFFER_BYTES) : null;
    }

    /**
     * Binds every listener's port and starts the loop thread.
     *
     * @throws UncheckedIOException naming host:port if a port cannot be bound
     * @throws IllegalStateException if started before
     */
    public synchronized void start() {
        if (selector != null) {
            throw new IllegalStateException(logName + ": a TcpServer starts only once");
        }
        Selector sel;
        try {
            sel = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(logName + ": cannot open a selector: " + e.getMessage(), e);
        }
        ListeningSockets sockets;
        try {
            sockets = ListeningSockets.bind(logName, options.host(), options.listeners(), sel);
        } catch (UncheckedIOException e) {
            closeQuietly(sel);
            throw e;
        }
        Thread thread = threads.newThread(this::run);
        if (thread == null) {
            sockets.close();
            closeQuietly(sel);
            throw new IllegalStateException(logName + ": the thread factory gave no thread");
        }
        listeners = sockets;
        bound = sockets.bound();
        selector = sel;
        thread.setName(logName + " loop");
        loop = thread;
        thread.start();
        for (int i = 0; i < bound.size(); i++) {
            String tls = options.listeners().get(i).secure() ? " (TLS)" : "";
            InetSocketAddress address = bound.get(i);
            LOG.info(() -> logName + " listening on " + address.getAddress().getHostAddress() + ":"
                    + address.getPort() + tls);
        }
    }

    /** The bound port of the first listener (useful when the options said 0); 0 before {@link #start}. */
    public int port() {
        List<InetSocketAddress> b = bound;
        return b.isEmpty() ? 0 : b.get(0).getPort();
    }

    /** The bound ports, in the order of the options' listeners; empty before {@link #start}. */
    public List<Integer> boundPorts() {
        return bound.stream().map(InetSocketAddress::getPort).toList();
    }

    /** Connections currently held, closing ones included. */
    public int connectionCount() {
        return connectionCount;
    }

    /** Stops without a farewell: what is queued is still written, within the close deadline. */
    public void stop() {
        stop(null);
    }

    /**
     * Stops accepting, ends every open connection after {@code farewell} (null for none), waits for them at most the
     * close deadline, closes everything and waits for the loop thread to end (bounded). Safe to call more than once
     * or before {@link #start}; from the loop thread itself (a handler) it only asks, without waiting.
     */
    public void stop(byte[] farewell) {
        Thread thread = loop;
        if (thread == null) {
            return;
        }
        if (!stopRequested) {
            this.farewell = farewell == null ? null : farewell.clone();
            stopRequested = true;
            selector.wakeup();
        }
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(options.closeDeadline().toMillis() + STOP_GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (thread.isAlive()) {
            LOG.warning(() -> logName + ": the connector loop did not end in time");
        }
    }

    // ---- for connections ----

    boolean inLoop() {
        return Thread.currentThread() == loop;
    }

    void wakeup() {
        selector.wakeup();
    }

    /** The loop calls {@link TcpHandler#woken} for {@code connection} soon. */
    void wake(TcpConnection<A> connection) {
        woken.add(connection);
        if (!inLoop()) {
            selector.wakeup();
        }
    }

    /** The loop closes {@code connection} at the end of its current step and tells the handler. */
    void closeLater(TcpConnection<A> connection) {
        closing.add(connection);
        if (!inLoop()) {
            selector.wakeup();
        }
    }

    // ---- the loop ----

    private void run() {
        long tickNanos = options.tick().toNanos();
        long closeDeadlineNanos = options.closeDeadline().toNanos();
        long nextTick = System.nanoTime() + tickNanos;
        long stopDeadline = 0;
        try {
            while (true) {
                try {
                    long waitMillis = Math.max(1, (nextTick - System.nanoTime() + 999_999) / 1_000_000);
                    selector.select(waitMillis);
                    handleSelected();
                    handleWoken();
                    finishClosing();
                    long now = System.nanoTime();
                    if (stopRequested && !stopping) {
                        beginStop();
                        finishClosing();
                        stopDeadline = now + closeDeadlineNanos;
                    }
                    if (now - nextTick >= 0) {
                        tick(now, closeDeadlineNanos);
                        finishClosing();
                        nextTick = now + tickNanos;
                    }
                    if (stopping && (connections.isEmpty() || now - stopDeadline >= 0)) {
                        break;
                    }
                } catch (ClosedSelectorException e) {
                    break;
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, logName + ": connector loop failed a round; going on", e);
                }
            }
        } catch (Error e) {
            LOG.log(Level.SEVERE, logName + ": connector loop died; closing every connection", e);
            throw e;
        } finally {
            closeEverything();
        }
    }

    private void handleSelected() {
        Set<SelectionKey> keys = selector.selectedKeys();
        try {
            for (SelectionKey key : keys) {
                if (listeners.isAcceptKey(key)) {
                    if (key.isValid()) {
                        acceptSome(key);
                    }
                    continue;
                }
                @SuppressWarnings("unchecked")
                TcpConnection<A> c = (TcpConnection<A>) key.attachment();
                try {
                    int ready = key.readyOps();
                    if ((ready & SelectionKey.OP_READ) != 0) {
                        read(c);
                    }
                    if ((ready & SelectionKey.OP_WRITE) != 0) {
                        c.flush(gather);
                        announceIfShookHands(c);
                    }
                } catch (CancelledKeyException e) {
                    c.close("connection cancelled");
                }
            }
        } finally {
            keys.clear();
        }
    }

    private void handleWoken() {
        for (TcpConnection<A> c; (c = woken.poll()) != null; ) {
            if (c.state() == TcpConnection.State.OPEN) {
                try {
                    handler.woken(c);
                } catch (RuntimeException | Error e) {
                    handlerFailed(c, "woken", e);
                }
            }
        }
    }

    private void acceptSome(SelectionKey acceptKey) {
        TcpListener listener = (TcpListener) acceptKey.attachment();
        ServerSocketChannel socket = (ServerSocketChannel) acceptKey.channel();
        for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
            SocketChannel channel;
            try {
                channel = socket.accept();
            } catch (IOException e) {
                LOG.warning(() -> logName + ": cannot accept a connection (" + e.getMessage()
                        + "); pausing accepts until the next tick");
                listeners.pauseAccepts();
                acceptPaused = true;
                return;
            }
            if (channel == null) {
                return;
            }
            if (connections.size() >= options.maxConnections()) {
                reject(channel, listener);
            } else {
                open(channel, listener);
            }
        }
    }

    private void reject(SocketChannel channel, TcpListener listener) {
        String from = describe(channel);
        try {
            channel.configureBlocking(false);
            if (rejection.length > 0 && !listener.secure()) {
                channel.write(ByteBuffer.wrap(rejection));
            }
        } catch (IOException e) {
            // best effort: the client is turned away either way
        } finally {
            closeQuietly(channel);
        }
        LOG.fine(() -> logName + ": refused " + from + ": " + connections.size() + " connections already");
    }

    private void open(SocketChannel channel, TcpListener listener) {
        TcpConnection<A> c;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);  // chat lines are small and latency counts
            InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
            TlsWire tls = null;
            long handshakeDeadline = 0;
            if (listener.secure()) {
                tls = new TlsWire(listener.tls().newEngine(remote), channel);
                handshakeDeadline = System.nanoTime() + listener.tls().handshakeDeadline().toNanos();
            }
            SelectionKey key = channel.register(selector, 0);
            c = new TcpConnection<>(++nextId, this, channel, key, remote, options.sendQBytes(), tls,
                    handshakeDeadline);
            key.attach(c);
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> logName + ": dropped a connection while accepting it: " + e);
            closeQuietly(channel);
            return;
        }
        connections.add(c);
        connectionCount = connections.size();
        LOG.fine(() -> logName + ": connection " + c + (c.secure() ? " (TLS)" : "") + " opened ("
                + connections.size() + " open)");
        if (c.secure()) {
            c.updateInterest();  // the handler hears of it once it has shaken hands
        } else {
            announce(c);
        }
    }

    /** Tells the handler of an open connection, once. */
    private void announce(TcpConnection<A> c) {
        c.markAnnounced();
        try {
            handler.opened(c);
        } catch (RuntimeException | Error e) {
            handlerFailed(c, "opened", e);
        }
        c.updateInterest();
    }

    /** A TLS connection that has just finished its handshake is announced. */
    private void announceIfShookHands(TcpConnection<A> c) {
        if (!c.announced() && c.state() == TcpConnection.State.OPEN) {
            LOG.fine(() -> logName + ": connection " + c + " shook hands (TLS)");
            announce(c);
        }
    }

    private void read(TcpConnection<A> c) {
        TcpConnection.State state = c.state();
        if (state == TcpConnection.State.CLOSING || state == TcpConnection.State.CLOSED
                || state == TcpConnection.State.OPEN && c.isReadingSuspended()) {
            return;
        }
        if (c.secure() && (state == TcpConnection.State.HANDSHAKING || state == TcpConnection.State.OPEN)) {
            readRecords(c);
            return;
        }
        readBuffer.clear();
        int n;
        try {
            n = c.channel().read(readBuffer);
        } catch (IOException e) {
            c.close(TcpConnection.reasonOf(e));
            return;
        }
        if (n < 0) {
            c.close(TcpConnection.PEER_CLOSED);
        } else if (n > 0 && c.state() == TcpConnection.State.OPEN) {  // a closing connection's input is dropped
            readBuffer.flip();
            try {
                handler.received(c, readBuffer);
            } catch (RuntimeException | Error e) {
                handlerFailed(c, "received", e);
            }
        }
    }

    /**
     * Reads a TLS connection's records and hands the handler what they hold, announcing the connection first if
     * they finish its handshake. A closing connection's input is not read this way: it is dropped like plain input.
     */
    private void readRecords(TcpConnection<A> c) {
        recordBuffer.clear();
        int n;
        try {
            n = c.readRecords(recordBuffer);
        } catch (IOException e) {
            c.close(TcpConnection.reasonOf(e));
            return;
        }
        while (true) {
            readBuffer.clear();
            TlsWire.Step step;
            try {
                step = c.unwrap(recordBuffer, readBuffer);
            } catch (IOException e) {
                c.close(TcpConnection.reasonOf(e));
                return;
            }
            announceIfShookHands(c);
            readBuffer.flip();
            if (readBuffer.hasRemaining() && c.state() == TcpConnection.State.OPEN) {
                try {
                    handler.received(c, readBuffer);
                } catch (RuntimeException | Error e) {
                    handlerFailed(c, "received", e);
                    return;
                }
            }
            if (step == TlsWire.Step.CLOSED) {
                c.close(TcpConnection.PEER_CLOSED);
                return;
            }
            TcpConnection.State state = c.state();
            if (step == TlsWire.Step.DONE
                    || state != TcpConnection.State.OPEN && state != TcpConnection.State.HANDSHAKING) {
                break;
            }
        }
        if (n < 0) {
            c.close(TcpConnection.PEER_CLOSED);
        }
    }

    private void tick(long now, long closeDeadlineNanos) {
        if (acceptPaused && !stopping) {
            listeners.resumeAccepts();
            acceptPaused = false;
        }
        // Handlers cannot change the set here: closes wait in the closing queue.
        for (TcpConnection<A> c : connections) {
            switch (c.state()) {
                case HANDSHAKING:
                    c.checkHandshakeDeadline(now);
                    break;
                case OPEN:
                    try {
                        handler.tick(c, now);
                    } catch (RuntimeException | Error e) {
                        handlerFailed(c, "tick", e);
                    }
                    break;
                case FLUSHING:
                case DRAINING:
                    c.checkDeadline(now, closeDeadlineNanos);
                    break;
                default:
                    break;
            }
        }
    }

    private void beginStop() {
        stopping = true;
        listeners.close();
        LOG.info(() -> logName + " stopped listening on " + bound.stream()
                .map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).collect(Collectors.joining(" and "))
                + "; closing " + connections.size() + " connections");
        byte[] last = farewell;
        for (TcpConnection<A> c : connections) {
            if (c.state() == TcpConnection.State.HANDSHAKING) {
                c.close(TcpConnection.SERVER_STOPPING);
            } else {
                c.closeAfterSending(last, TcpConnection.SERVER_STOPPING);
            }
        }
    }

    /** Closes the sockets of connections that asked, and tells the handler (which may close more). */
    private void finishClosing() {
        for (TcpConnection<A> c; (c = closing.poll()) != null; ) {
            String reason = c.markClosed(TcpConnection.SERVER_STOPPING);
            if (reason == null) {
                continue;
            }
            c.key().cancel();
            c.closeSocket();
            TcpConnection<A> closed = c;
            // Logged before the count drops, so whoever waits for the count sees the line.
            if (!c.announced()) {
                LOG.fine(() -> logName + ": TLS handshake with " + closed + " failed: " + reason);
            } else {
                LOG.fine(() -> logName + ": connection " + closed + " closed: " + reason);
            }
            connections.remove(c);
            connectionCount = connections.size();
            if (!c.announced()) {
                continue;
            }
            try {
                handler.closed(c, reason);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, logName + ": handler failed in closed for connection " + c, e);
            }
        }
    }

    private void closeEverything() {
        try {
            for (TcpConnection<A> c : new ArrayList<>(connections)) {
                c.close(TcpConnection.SERVER_STOPPING);
            }
            finishClosing();
        } finally {
            if (listeners != null) {
                listeners.close();
            }
            closeQuietly(selector);
            connectionCount = 0;
            LOG.fine(() -> logName + ": connector loop ended");
        }
    }

    private void handlerFailed(TcpConnection<A> c, String call, Throwable e) {
        LOG.log(Level.WARNING, logName + ": handler failed in " + call + " for connection " + c + "; closing it", e);
        c.close(TcpConnection.INTERNAL_ERROR);
    }

    private static String describe(SocketChannel channel) {
        try {
            return String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            return "a client";
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.FINEST, "close failed", e);
        }
    }
}
