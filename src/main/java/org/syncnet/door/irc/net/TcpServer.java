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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A non-blocking TCP server: one {@link Selector} and one loop thread (made by the given {@link ThreadFactory}; in
 * WildFly a container-managed one) for all connections, no thread per connection. It knows nothing of the protocol
 * spoken: the {@link TcpHandler} gets the bytes, on the loop thread, and answers through {@link TcpConnection#send}
 * from any thread.
 * <p>
 * The loop accepts connections (one beyond {@link TcpServerOptions#maxConnections} gets the rejection bytes and is
 * closed, never reaching the handler), reads into one buffer it owns (no per-connection read buffers), writes what
 * connections have queued, ticks every connection, and closes connections whoever asked. An exception from the
 * handler closes that one connection ({@link TcpConnection#INTERNAL_ERROR}) and is logged; the loop goes on.
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
    private static final int BACKLOG = 1024;
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
    private volatile InetSocketAddress bound;
    private volatile int connectionCount;
    private volatile boolean stopRequested;
    private volatile byte[] farewell;

    // Loop thread only (after start):
    private ServerSocketChannel listener;
    private SelectionKey acceptKey;
    private boolean acceptPaused;
    private boolean stopping;
    private long nextId;
    private final Set<TcpConnection<A>> connections = new HashSet<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final ByteBuffer[] gather = new ByteBuffer[GATHER];

    public TcpServer(TcpServerOptions options, ThreadFactory threads, TcpHandler<A> handler) {
        this.options = Objects.requireNonNull(options, "options");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.logName = options.logName();
        this.rejection = options.rejection();
    }

    /**
     * Binds the port and starts the loop thread.
     *
     * @throws UncheckedIOException naming host:port if the port cannot be bound
     * @throws IllegalStateException if started before
     */
    public synchronized void start() {
        if (selector != null) {
            throw new IllegalStateException(logName + ": a TcpServer starts only once");
        }
        String where = options.host() + ":" + options.port();
        InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
        if (address.isUnresolved()) {
            throw new UncheckedIOException(new IOException(logName + ": cannot listen on " + where + ": unknown host"));
        }
        Selector sel = null;
        ServerSocketChannel channel = null;
        try {
            sel = Selector.open();
            channel = ServerSocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, BACKLOG);
            channel.configureBlocking(false);
            acceptKey = channel.register(sel, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            closeQuietly(channel);
            closeQuietly(sel);
            throw new UncheckedIOException(logName + ": cannot listen on " + where + ": " + e.getMessage(), e);
        }
        listener = channel;
        bound = (InetSocketAddress) channel.socket().getLocalSocketAddress();
        selector = sel;
        Thread thread = threads.newThread(this::run);
        if (thread == null) {
            closeQuietly(channel);
            closeQuietly(sel);
            throw new IllegalStateException(logName + ": the thread factory gave no thread");
        }
        thread.setName(logName + " loop");
        loop = thread;
        thread.start();
        LOG.info(() -> logName + " listening on " + bound.getAddress().getHostAddress() + ":" + bound.getPort());
    }

    /** The bound port (useful when the options said 0); 0 before {@link #start}. */
    public int port() {
        InetSocketAddress b = bound;
        return b == null ? 0 : b.getPort();
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
                if (key == acceptKey) {
                    if (key.isValid()) {
                        acceptSome();
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

    private void acceptSome() {
        for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                // e.g. out of file descriptors: the socket would stay acceptable and spin the loop
                LOG.warning(() -> logName + ": cannot accept a connection (" + e.getMessage()
                        + "); pausing accepts until the next tick");
                acceptKey.interestOps(0);
                acceptPaused = true;
                return;
            }
            if (channel == null) {
                return;
            }
            if (connections.size() >= options.maxConnections()) {
                reject(channel);
            } else {
                open(channel);
            }
        }
    }

    private void reject(SocketChannel channel) {
        String from = describe(channel);
        try {
            channel.configureBlocking(false);
            if (rejection.length > 0) {
                channel.write(ByteBuffer.wrap(rejection));
            }
        } catch (IOException e) {
            // best effort: the client is turned away either way
        } finally {
            closeQuietly(channel);
        }
        LOG.fine(() -> logName + ": refused " + from + ": " + connections.size() + " connections already");
    }

    private void open(SocketChannel channel) {
        TcpConnection<A> c;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);  // chat lines are small and latency counts
            InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
            SelectionKey key = channel.register(selector, 0);
            c = new TcpConnection<>(++nextId, this, channel, key, remote, options.sendQBytes());
            key.attach(c);
        } catch (IOException e) {
            LOG.fine(() -> logName + ": dropped a connection while accepting it: " + e.getMessage());
            closeQuietly(channel);
            return;
        }
        connections.add(c);
        connectionCount = connections.size();
        LOG.fine(() -> logName + ": connection " + c + " opened (" + connections.size() + " open)");
        try {
            handler.opened(c);
        } catch (RuntimeException | Error e) {
            handlerFailed(c, "opened", e);
        }
        c.updateInterest();
    }

    private void read(TcpConnection<A> c) {
        TcpConnection.State state = c.state();
        if (state == TcpConnection.State.CLOSING || state == TcpConnection.State.CLOSED
                || state == TcpConnection.State.OPEN && c.isReadingSuspended()) {
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

    private void tick(long now, long closeDeadlineNanos) {
        if (acceptPaused && !stopping) {
            acceptKey.interestOps(SelectionKey.OP_ACCEPT);
            acceptPaused = false;
        }
        // Handlers cannot change the set here: closes wait in the closing queue.
        for (TcpConnection<A> c : connections) {
            switch (c.state()) {
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
        acceptKey.cancel();
        closeQuietly(listener);
        LOG.info(() -> logName + " stopped listening on " + bound.getAddress().getHostAddress() + ":" + bound.getPort()
                + "; closing " + connections.size() + " connections");
        byte[] last = farewell;
        for (TcpConnection<A> c : connections) {
            c.closeAfterSending(last, TcpConnection.SERVER_STOPPING);
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
            closeQuietly(c.channel());
            connections.remove(c);
            connectionCount = connections.size();
            TcpConnection<A> closed = c;
            LOG.fine(() -> logName + ": connection " + closed + " closed: " + reason);
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
            closeQuietly(listener);
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
