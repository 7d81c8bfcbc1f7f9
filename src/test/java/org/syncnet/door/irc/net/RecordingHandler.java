package org.syncnet.door.irc.net;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records what the server tells; by default echoes what it receives. Tests override {@link #onReceived} and
 * {@link #onTick}. Also the place for the test options and thread factory.
 */
class RecordingHandler implements TcpHandler<String> {
    static final ThreadFactory THREADS = r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    };

    final BlockingQueue<TcpConnection<String>> opened = new LinkedBlockingQueue<>();
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    /** "id reason" for every closed() call. */
    final BlockingQueue<String> closed = new LinkedBlockingQueue<>();
    final Map<TcpConnection<String>, List<String>> closeReasons = new ConcurrentHashMap<>();
    final AtomicInteger ticks = new AtomicInteger();
    final List<Thread> callbackThreads = new CopyOnWriteArrayList<>();

    static TcpServerOptions options(int maxConnections, int sendQBytes) {
        return new TcpServerOptions("test: TCP connector", "127.0.0.1", 0, maxConnections,
                "ERROR :Closing Link: too many connections\r\n".getBytes(StandardCharsets.US_ASCII), sendQBytes,
                java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(500));
    }

    @Override
    public void opened(TcpConnection<String> connection) {
        callbackThreads.add(Thread.currentThread());
        opened.add(connection);
    }

    @Override
    public void received(TcpConnection<String> connection, ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        received.add(new String(copy, StandardCharsets.UTF_8));
        onReceived(connection, copy);
    }

    /** Echoes. */
    void onReceived(TcpConnection<String> connection, byte[] bytes) {
        connection.send(bytes);
    }

    @Override
    public void tick(TcpConnection<String> connection, long nowNanos) {
        synchronized (ticks) {
            ticks.incrementAndGet();
            ticks.notifyAll();
        }
        onTick(connection, nowNanos);
    }

    void onTick(TcpConnection<String> connection, long nowNanos) {
    }

    @Override
    public void closed(TcpConnection<String> connection, String reason) {
        callbackThreads.add(Thread.currentThread());
        closeReasons.computeIfAbsent(connection, c -> new CopyOnWriteArrayList<>()).add(reason);
        closed.add(connection.id() + " " + reason);
    }

    TcpConnection<String> nextOpened() throws InterruptedException {
        TcpConnection<String> c = opened.poll(10, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no connection opened within 10 s");
        }
        return c;
    }

    String nextClosed() throws InterruptedException {
        String c = closed.poll(10, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no connection closed within 10 s");
        }
        return c;
    }

    /** Waits for {@code n} more ticks (of any connection): select rounds in which pending input would have been read. */
    void awaitTicks(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (ticks) {
            int target = ticks.get() + n;
            while (ticks.get() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the loop did not tick");
                }
                TimeUnit.NANOSECONDS.timedWait(ticks, left);
            }
        }
    }
}
