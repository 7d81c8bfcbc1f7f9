package org.syncnet.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A client TCP connection on a non-blocking socket served by a {@link NioLoop}: the transport under the load
 * generators' protocols ({@link NioWebSocket}, {@link IrcBenchClient}). It connects with a deadline, which keeps
 * applying until the protocol calls {@link #established} (so it covers a handshake or a registration too), and hands
 * each chunk of received bytes to the protocol on the loop thread. Bytes are sent from any thread: appended to
 * this connection's output buffer and written at once by the sending thread if nothing is pending; what the socket
 * does not take is written by the loop thread when it is writable. While {@link #hold held}, sent bytes are only
 * queued. After {@link #abort} or the first {@code closed}/{@code failed} no further callback is made.
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
    private volatile boolean established;
    // Loop thread only.
    private SocketChannel channel;
    private SelectionKey selectionKey;
    // Guarded by this.
    private State state = State.CONNECTING;
    /** Bytes not yet written, in write mode ([0, position) is pending). */
    private ByteBuffer out = ByteBuffer.allocate(4096);
    private boolean wantWrite;
    private boolean outputClosed;
    private boolean held;

    private NioSocket(NioLoop loop, InetSocketAddress address, Duration timeout, Protocol protocol) {
        this.loop = loop;
        this.address = address;
        this.protocol = protocol;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    /**
     * Starts connecting; the outcome is {@code connected} or {@code failed}. {@code hold}: queue what is sent until
     * {@link #hold hold(false)} (the protocol's own first bytes go out with {@link #sendNow}).
     */
    static NioSocket connect(NioLoop loop, InetSocketAddress address, Duration timeout, boolean hold, Protocol protocol) {
        NioSocket s = new NioSocket(loop, address, timeout, protocol);
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
        if (!established && !done() && nowNanos - deadlineNanos >= 0) {
            fail(new SocketTimeoutException("no connection to " + address + " within the connect timeout"));
        }
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
        ByteBuffer in = loop.readBuffer();
        while (!done()) {
            in.clear();
            int n = channel.read(in);
            if (n < 0) {
                closeChannel();
                if (finish()) {
                    protocol.closed(this);
                }
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
