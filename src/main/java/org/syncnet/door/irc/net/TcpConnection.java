package org.syncnet.door.irc.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * One accepted socket of a {@link TcpServer}. Every public method may be called from any thread.
 * <p>
 * Output: {@link #send} writes at once on the calling thread when nothing is queued (a non-blocking write, so the
 * chat's delivery thread never waits); what the socket does not take is queued and written by the server's loop
 * when the socket is writable. The queue is bounded: beyond {@link TcpServerOptions#sendQBytes} the connection is
 * closed with {@link #SENDQ_EXCEEDED}, so a client that does not read never holds up anyone. One send's bytes go out
 * contiguously, and sends from one thread in the order made.
 * <p>
 * Ending: {@link #close} closes at once (what is queued is dropped); {@link #closeAfterSending} writes its last bytes,
 * then shuts the output down and waits (reading and discarding) for the client to close, at most
 * {@link TcpServerOptions#closeDeadline} — waiting for the client's close keeps the last line from being lost to a
 * TCP reset. Either way the socket is closed on the loop thread, which then tells {@link TcpHandler#closed} once.
 * <p>
 * TLS ({@link #secure()}): a connection of a TLS listener first shakes hands, on the loop, before the handler hears
 * of it; then the same holds, for the application's bytes: they are queued and counted before encryption, and either
 * ending sends close_notify (an abrupt close as best effort) before the socket's own end.
 *
 * @param <A> the type of the {@link #attachment()}
 */
public final class TcpConnection<A> {
    /** Why a connection ended when the client closed it. */
    public static final String PEER_CLOSED = "Remote host closed the connection";
    /** Why a connection ended when its output queue went beyond the limit. */
    public static final String SENDQ_EXCEEDED = "SendQ exceeded";
    /** Why a connection ended when the server stopped (unless it was already closing for another reason). */
    public static final String SERVER_STOPPING = "server stopping";
    /** Why a TLS connection ended that had not finished its handshake by its deadline (the handler never hears it). */
    static final String HANDSHAKE_TIMEOUT = "TLS handshake not done in time";
    /** Why a connection ended when the handler threw. */
    public static final String INTERNAL_ERROR = "Internal error";

    /**
     * (TLS: HANDSHAKING →) OPEN → FLUSHING (last bytes queued) → DRAINING (all written, output shut) → CLOSING →
     * CLOSED.
     */
    enum State { HANDSHAKING, OPEN, FLUSHING, DRAINING, CLOSING, CLOSED }

    private final long id;
    private final TcpServer<A> server;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final InetSocketAddress remote;
    private final long sendQBytes;
    /** The connection's TLS; null for plain TCP. */
    private final TlsWire tls;
    /** When an unfinished handshake is given up (TLS only). */
    private final long handshakeDeadlineNanos;

    private final Object lock = new Object();
    // Guarded by lock:
    /** Small at first: most connections are idle and their sends are written at once; it grows when it must. */
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>(1);
    private long queuedBytes;
    private int interestOps;
    /** The first reason given for ending; what {@link TcpHandler#closed} reports. */
    private String reason;
    // Written under lock, read by the loop without it:
    private volatile State state;
    private volatile boolean readingSuspended;

    private volatile A attachment;

    // Loop thread only:
    /** Whether the handler was told {@link TcpHandler#opened} (so it must hear {@link TcpHandler#closed}). */
    private boolean announced;
    private boolean deadlineSet;
    private long deadlineNanos;

    /** {@code tls} null: plain TCP (then the deadline is not used). */
    TcpConnection(long id, TcpServer<A> server, SocketChannel channel, SelectionKey key, InetSocketAddress remote,
                  long sendQBytes, TlsWire tls, long handshakeDeadlineNanos) {
        this.id = id;
        this.server = server;
        this.channel = channel;
        this.key = key;
        this.remote = remote;
        this.sendQBytes = sendQBytes;
        this.tls = tls;
        this.handshakeDeadlineNanos = handshakeDeadlineNanos;
        this.state = tls == null ? State.OPEN : State.HANDSHAKING;
    }

    /**
     * Writes {@code bytes} (at once if the socket takes them, else queued). The array is not copied: do not change it
     * afterwards (one encoded line may be sent to many connections). Ignored once the connection is closing.
     */
    public void send(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            return;
        }
        boolean wake;
        synchronized (lock) {
            if (state != State.OPEN) {
                return;
            }
            wake = queueLocked(ByteBuffer.wrap(bytes));
            if (queuedBytes > sendQBytes) {
                endLocked(SENDQ_EXCEEDED);
                return;
            }
        }
        if (wake) {
            server.wakeup();
        }
    }

    /**
     * Sends {@code last} (may be null), stops handing input to the handler, and closes once everything queued is
     * written and the client has closed, or after {@link TcpServerOptions#closeDeadline}. The handler then hears
     * {@code reason}. Later sends are ignored. Does nothing if the connection is already closing.
     */
    public void closeAfterSending(byte[] last, String reason) {
        Objects.requireNonNull(reason, "reason");
        boolean wake;
        synchronized (lock) {
            if (state != State.OPEN) {
                return;
            }
            this.reason = reason;
            state = State.FLUSHING;
            wake = last != null && last.length > 0 && queueLocked(ByteBuffer.wrap(last));
            if (state == State.FLUSHING && allWrittenLocked()) {
                drainLocked();
            }
            wake |= updateInterestLocked();
        }
        if (wake) {
            server.wakeup();
        }
    }

    /** Has the loop call {@link TcpHandler#woken} for this connection soon (if it is still open then). */
    public void wake() {
        server.wake(this);
    }

    /** Closes the connection soon (on the loop thread), dropping what is queued. The first reason given wins. */
    public void close(String reason) {
        Objects.requireNonNull(reason, "reason");
        synchronized (lock) {
            endLocked(reason);
        }
    }

    /** Stops reading from the socket (the client's input waits in the kernel) until {@link #resumeReading}. */
    public void suspendReading() {
        synchronized (lock) {
            readingSuspended = true;
            updateInterestLocked();
        }
    }

    /** Reads from the socket again after {@link #suspendReading}. */
    public void resumeReading() {
        boolean wake;
        synchronized (lock) {
            readingSuspended = false;
            wake = updateInterestLocked();
        }
        if (wake) {
            server.wakeup();
        }
    }

    public boolean isReadingSuspended() {
        return readingSuspended;
    }

    /** True until the connection starts closing (by {@link #close}, {@link #closeAfterSending} or anything else). */
    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** Whether the connection speaks TLS (it came through a TLS listener; the handler sees it once it shook hands). */
    public boolean secure() {
        return tls != null;
    }

    /** Bytes queued and not yet taken by the socket (over TLS: not yet encrypted). */
    public long queuedBytes() {
        synchronized (lock) {
            return queuedBytes;
        }
    }

    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** A number unique within the server, for logs. */
    public long id() {
        return id;
    }

    public A attachment() {
        return attachment;
    }

    public void attach(A attachment) {
        this.attachment = attachment;
    }

    @Override
    public String toString() {
        return "#" + id + " " + remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    // ---- used by the server's loop ----

    State state() {
        return state;
    }

    SocketChannel channel() {
        return channel;
    }

    /** Applies the interest set the state calls for (after the handler's {@code opened}). */
    void updateInterest() {
        synchronized (lock) {
            updateInterestLocked();
        }
    }

    /** Writes what is queued (the socket is writable); {@code gather} is the loop's scratch array. */
    void flush(ByteBuffer[] gather) {
        synchronized (lock) {
            if (state != State.HANDSHAKING && state != State.OPEN && state != State.FLUSHING) {
                return;
            }
            try {
                writeQueueLocked(gather);
            } catch (IOException e) {
                endLocked(reasonOf(e));
                return;
            } finally {
                Arrays.fill(gather, null);
            }
            openIfShookHandsLocked();
            if (state == State.FLUSHING && allWrittenLocked()) {
                drainLocked();
            }
            updateInterestLocked();
        }
    }

    /**
     * Reads TLS records from the socket into {@code net} after what was left of the last read, flipped for
     * {@link #unwrap}; returns what the socket's read returned.
     */
    int readRecords(ByteBuffer net) throws IOException {
        synchronized (lock) {
            return tls.read(net);
        }
    }

    /** Decrypts the records in {@code net} into {@code app} ({@link TlsWire#unwrap}); opens once hands are shaken. */
    TlsWire.Step unwrap(ByteBuffer net, ByteBuffer app) throws IOException {
        synchronized (lock) {
            TlsWire.Step step = tls.unwrap(net, app);
            openIfShookHandsLocked();
            updateInterestLocked();
            return step;
        }
    }

    /** A TLS connection still shaking hands after its deadline is closed. */
    void checkHandshakeDeadline(long nowNanos) {
        if (nowNanos - handshakeDeadlineNanos >= 0) {
            close(HANDSHAKE_TIMEOUT);
        }
    }

    /** Whether the handler heard {@link TcpHandler#opened} for this connection. */
    boolean announced() {
        return announced;
    }

    void markAnnounced() {
        announced = true;
    }

    /** Closes the socket (the loop, after {@link #markClosed}); over TLS, after close_notify if the socket takes it. */
    void closeSocket() {
        synchronized (lock) {
            if (tls != null) {
                tls.sayGoodbye();
            }
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    /** A closing connection that has not finished by the deadline (counted from the first tick that saw it closing). */
    void checkDeadline(long nowNanos, long allowedNanos) {
        if (!deadlineSet) {
            deadlineSet = true;
            deadlineNanos = nowNanos + allowedNanos;
        } else if (nowNanos - deadlineNanos >= 0) {
            close("closing deadline passed");  // the reason given when closing began wins
        }
    }

    /** Marks the connection closed and returns the reason to report, or null if it was closed already. */
    String markClosed(String fallbackReason) {
        synchronized (lock) {
            if (state == State.CLOSED) {
                return null;
            }
            state = State.CLOSED;
            queue.clear();
            queuedBytes = 0;
            return reason != null ? reason : fallbackReason;
        }
    }

    SelectionKey key() {
        return key;
    }

    static String reasonOf(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    // ---- under lock ----

    /** Writes {@code bytes} now if nothing is queued, queues the rest; true if the loop must wake up to see OP_WRITE. */
    private boolean queueLocked(ByteBuffer bytes) {
        if (tls != null) {
            return queueEncryptedLocked(bytes);
        }
        if (queue.isEmpty()) {
            try {
                channel.write(bytes);
            } catch (IOException e) {
                endLocked(reasonOf(e));
                return false;
            }
            if (!bytes.hasRemaining()) {
                return false;
            }
            queue.add(bytes);
            queuedBytes += bytes.remaining();
            return updateInterestLocked();
        }
        queue.add(bytes);
        queuedBytes += bytes.remaining();
        return false;
    }

    /** Over TLS: {@link #queueLocked} with the queue counted before encryption. */
    private boolean queueEncryptedLocked(ByteBuffer bytes) {
        boolean wasIdle = queue.isEmpty() && !tls.hasUnsent();
        queue.add(bytes);
        queuedBytes += bytes.remaining();
        if (wasIdle) {
            try {
                queuedBytes -= tls.write(queue);
            } catch (IOException e) {
                endLocked(reasonOf(e));
                return false;
            }
        }
        return updateInterestLocked();
    }

    private void writeQueueLocked(ByteBuffer[] gather) throws IOException {
        if (tls != null) {
            queuedBytes -= tls.write(queue);
            return;
        }
        while (!queue.isEmpty()) {
            int n = 0;
            for (ByteBuffer b : queue) {
                gather[n++] = b;
                if (n == gather.length) {
                    break;
                }
            }
            queuedBytes -= channel.write(gather, 0, n);
            while (!queue.isEmpty() && !queue.peekFirst().hasRemaining()) {
                queue.pollFirst();
            }
            if (gather[n - 1].hasRemaining()) {
                return;  // the socket is full
            }
        }
    }

    /** Whether nothing waits for the socket, queued or (over TLS) encrypted. */
    private boolean allWrittenLocked() {
        return queue.isEmpty() && (tls == null || !tls.hasUnsent());
    }

    private void openIfShookHandsLocked() {
        if (state == State.HANDSHAKING && tls.handshakeDone()) {
            state = State.OPEN;
        }
    }

    /**
     * Everything is written: send FIN (over TLS, close_notify first, and FIN once the socket took it) and wait for the
     * client's close (or the deadline).
     */
    private void drainLocked() {
        if (tls != null && !tls.closeSent()) {
            tls.requestClose();
            try {
                tls.write(queue);
            } catch (IOException e) {
                endLocked(reasonOf(e));
                return;
            }
            if (tls.hasUnsent()) {
                return;  // flush() comes back here once the socket took it
            }
        }
        state = State.DRAINING;
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            endLocked(reasonOf(e));
        }
    }

    private void endLocked(String why) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        if (reason == null) {
            reason = why;
        }
        state = State.CLOSING;
        queue.clear();  // the memory goes at once, not when the loop gets round to closing
        queuedBytes = 0;
        server.closeLater(this);
    }

    /** Sets the interest set the state calls for; true if it gained an operation that a waiting select must see. */
    private boolean updateInterestLocked() {
        int ops;
        int write = allWrittenLocked() ? 0 : SelectionKey.OP_WRITE;
        switch (state) {
            case HANDSHAKING:
                ops = SelectionKey.OP_READ | write;
                break;
            case OPEN:
                ops = (readingSuspended ? 0 : SelectionKey.OP_READ) | write;
                break;
            case FLUSHING:
                ops = SelectionKey.OP_READ | write;
                break;
            case DRAINING:
                ops = SelectionKey.OP_READ;  // to see the client's close
                break;
            default:
                return false;
        }
        if (ops == interestOps) {
            return false;
        }
        boolean gained = (ops & ~interestOps) != 0;
        interestOps = ops;
        try {
            key.interestOps(ops);
        } catch (CancelledKeyException e) {
            return false;
        }
        return gained && !server.inLoop();
    }
}
