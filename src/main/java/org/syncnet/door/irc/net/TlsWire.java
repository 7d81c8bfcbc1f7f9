package org.syncnet.door.irc.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The TLS layer of one {@link TcpConnection}, between its socket and its application bytes: the connection's
 * {@link SSLEngine}, the records encrypted but not yet taken by the socket, and the start of a record read without its
 * end. It owns no thread and never blocks: the connection calls it under its lock, the loop for reads and handshake
 * steps, any sender for writes. The engine's delegated tasks (the handshake's key exchange and signature) run inline.
 * <p>
 * Memory: records are encrypted into a scratch buffer borrowed for one wrap, and only what the socket does not take
 * stays with the connection; likewise only the tail of a partial record stays between reads. An idle connection
 * holds no buffer of its own besides the engine's.
 */
final class TlsWire {
    /** What {@link #unwrap} asks of its caller. */
    enum Step {
        /** Hand over what is in the application buffer (the handshake may have just finished), then call again. */
        MORE,
        /** Everything read is decrypted; what was left of a partial record is kept for the next read. */
        DONE,
        /** The client sent close_notify: its input has ended. */
        CLOSED
    }

    private static final ByteBuffer[] NOTHING = {ByteBuffer.allocate(0)};
    /** Application buffers encrypted by one wrap (a record holds at most 16 KiB anyway). */
    private static final int WRAP_GATHER = 16;
    /** Scratch buffers for encrypting, shared by every connection; a few are kept for reuse. */
    private static final ArrayBlockingQueue<ByteBuffer> SCRATCH = new ArrayBlockingQueue<>(8);

    private final SSLEngine engine;
    private final SocketChannel channel;
    private final int packetBytes;
    /** Records the socket did not take yet, in order; null when none. */
    private ByteBuffer unsent;
    /** The start of a record the socket gave without its end; null when none. */
    private ByteBuffer partial;
    private boolean handshakeDone;
    private boolean closeRequested;

    TlsWire(SSLEngine engine, SocketChannel channel) throws SSLException {
        this.engine = engine;
        this.channel = channel;
        this.packetBytes = engine.getSession().getPacketBufferSize();
        engine.beginHandshake();
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    /** Whether encrypted bytes wait for the socket to take them. */
    boolean hasUnsent() {
        return unsent != null;
    }

    // ---- output ----

    /**
     * Writes the records waiting, then encrypts from {@code queue} (taking what it encrypts off it) and writes, until
     * the socket is full or nothing is left; also sends what the handshake or the closing has to say.
     *
     * @return the application bytes taken off the queue
     */
    long write(ArrayDeque<ByteBuffer> queue) throws IOException {
        long taken = 0;
        while (writeUnsent()) {
            boolean engineWantsToSpeak = engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP;
            if (!engineWantsToSpeak && (queue.isEmpty() || !handshakeDone || engine.isOutboundDone())) {
                return taken;
            }
            SSLEngineResult r = wrap(sources(queue));
            taken += r.bytesConsumed();
            while (!queue.isEmpty() && !queue.peekFirst().hasRemaining()) {
                queue.pollFirst();
            }
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                return taken;  // the engine has nothing to say now (e.g. closed): do not spin
            }
        }
        return taken;
    }

    /** Starts the graceful end: the next {@link #write} sends close_notify. */
    void requestClose() {
        if (!closeRequested) {
            closeRequested = true;
            engine.closeOutbound();
        }
    }

    /** Whether close_notify went out (or no more can be sent). */
    boolean closeSent() {
        return closeRequested && engine.isOutboundDone() && unsent == null;
    }

    /**
     * The last word on an abrupt close, best effort: close_notify (or the alert of a failed handshake) if the socket
     * takes it now.
     */
    void sayGoodbye() {
        try {
            requestClose();
            write(new ArrayDeque<>(0));
        } catch (IOException | RuntimeException e) {
            // the socket is being closed anyway
        }
    }

    // ---- input, on the loop thread ----

    /**
     * Puts the partial record of the last read into {@code net}, reads from the socket after it and flips {@code net}
     * for {@link #unwrap}.
     *
     * @return what the socket's read returned (-1 at the end of its input)
     */
    int read(ByteBuffer net) throws IOException {
        if (partial != null) {
            net.put(partial);
            partial = null;
        }
        int n;
        try {
            n = channel.read(net);
        } finally {
            net.flip();
        }
        return n;
    }

    /**
     * Decrypts the records in {@code net} into {@code app}, answering the handshake on the way. A client that
     * renegotiates TLS 1.2 is refused (an {@link SSLException}): renegotiation only costs the server, and IRC does not
     * need it.
     *
     * @throws SSLException if the client's bytes are not TLS, or TLS this server does not speak
     */
    Step unwrap(ByteBuffer net, ByteBuffer app) throws IOException {
        boolean doneBefore = handshakeDone;
        while (true) {
            if (!doneBefore && handshakeDone) {
                return Step.MORE;  // the handler hears of the connection before its first bytes
            }
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                runTasks();
                continue;
            }
            if (status == HandshakeStatus.NEED_WRAP) {
                SSLEngineResult r = wrap(NOTHING);
                if (r.bytesProduced() == 0 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                    throw new SSLException("the TLS engine wants to speak but says nothing");
                }
                continue;
            }
            if (!net.hasRemaining()) {
                return Step.DONE;
            }
            if (app.remaining() < engine.getSession().getApplicationBufferSize()) {
                return Step.MORE;
            }
            SSLEngineResult r = engine.unwrap(net, app);
            noteHandshake(r);
            if (doneBefore && renegotiating(r)) {
                throw new SSLException("TLS renegotiation refused");
            }
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW:
                    keepPartial(net);
                    return Step.DONE;
                case BUFFER_OVERFLOW:
                    if (app.position() == 0) {
                        throw new SSLException("a TLS record larger than the read buffer");
                    }
                    return Step.MORE;
                case CLOSED:
                    return Step.CLOSED;
                default:
                    break;
            }
        }
    }

    // ---- inside ----

    private void keepPartial(ByteBuffer net) {
        ByteBuffer rest = ByteBuffer.allocate(net.remaining());
        rest.put(net).flip();
        partial = rest;
    }

    /** Writes the records waiting; true if none is left. */
    private boolean writeUnsent() throws IOException {
        if (unsent == null) {
            return true;
        }
        channel.write(unsent);
        if (unsent.hasRemaining()) {
            return false;
        }
        unsent = null;
        return true;
    }

    /** Encrypts {@code sources} into one record (or the handshake's next flight) and writes it or keeps it unsent. */
    private SSLEngineResult wrap(ByteBuffer[] sources) throws IOException {
        ByteBuffer out = borrowScratch();
        try {
            SSLEngineResult r = engine.wrap(sources, out);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                throw new SSLException("a TLS record larger than its packet size");
            }
            noteHandshake(r);
            out.flip();
            if (unsent == null) {
                channel.write(out);
            }
            if (out.hasRemaining()) {
                unsent = append(unsent, out);
            }
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            return r;
        } finally {
            SCRATCH.offer(out);
        }
    }

    private ByteBuffer borrowScratch() {
        ByteBuffer b = SCRATCH.poll();
        if (b == null || b.capacity() < packetBytes) {
            return ByteBuffer.allocate(packetBytes);
        }
        return b.clear();
    }

    private static ByteBuffer[] sources(ArrayDeque<ByteBuffer> queue) {
        if (queue.isEmpty()) {
            return NOTHING;
        }
        ByteBuffer[] sources = new ByteBuffer[Math.min(queue.size(), WRAP_GATHER)];
        Iterator<ByteBuffer> it = queue.iterator();
        for (int i = 0; i < sources.length; i++) {
            sources[i] = it.next();
        }
        return sources;
    }

    private static ByteBuffer append(ByteBuffer waiting, ByteBuffer more) {
        int before = waiting == null ? 0 : waiting.remaining();
        ByteBuffer all = ByteBuffer.allocate(before + more.remaining());
        if (waiting != null) {
            all.put(waiting);
        }
        return all.put(more).flip();
    }

    /** A TLS 1.2 handshake after the first (TLS 1.3 has none; its key updates and tickets are no handshake). */
    private boolean renegotiating(SSLEngineResult r) {
        HandshakeStatus status = r.getHandshakeStatus();
        return status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED
                && "TLSv1.2".equals(engine.getSession().getProtocol());
    }

    private void noteHandshake(SSLEngineResult r) {
        if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            handshakeDone = true;
        }
    }

    private void runTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
    }
}
