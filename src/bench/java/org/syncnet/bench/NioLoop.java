package org.syncnet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread for all of the load generator's WebSockets: every read, frame decode and listener callback
 * of every connection runs here, so a received frame costs no thread handoff. Other threads hand work over with
 * {@link #execute} (registering a new socket, asking for OP_WRITE). The read buffer is shared: the frame readers
 * copy out whatever they keep.
 */
final class NioLoop implements AutoCloseable {
    /** What a registered channel's attachment does when its key is ready. */
    interface Handler {
        void ready(SelectionKey key);

        /** Called about every {@link #TICK_MILLIS} ms: connect/handshake timeouts. */
        void tick(long nowNanos);
    }

    static final long TICK_MILLIS = 100;

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Direct, so a read copies once (kernel to here) and not through a temporary direct buffer of the JDK. */
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
    private volatile boolean closed;

    NioLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    /** The buffer a handler reads into (only on the loop thread). */
    ByteBuffer readBuffer() {
        return readBuffer;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread (soon; in order). */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    private void run() {
        long nextTick = System.nanoTime();
        try {
            while (!closed) {
                selector.select(TICK_MILLIS);
                for (Runnable r; (r = tasks.poll()) != null; ) {
                    guarded(r);
                }
                var keys = selector.selectedKeys();
                for (SelectionKey key : keys) {
                    if (key.isValid()) {
                        try {
                            ((Handler) key.attachment()).ready(key);
                        } catch (RuntimeException | Error e) {
                            report(e);
                        }
                    }
                }
                keys.clear();
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    nextTick = now + TICK_MILLIS * 1_000_000;
                    List<SelectionKey> all = new ArrayList<>(selector.keys());
                    for (SelectionKey key : all) {
                        if (key.isValid()) {
                            guarded(() -> ((Handler) key.attachment()).tick(now));
                        }
                    }
                }
            }
        } catch (ClosedSelectorException e) {
            // closed: done
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bug in one connection's code must not stop every other connection: report it and go on. */
    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            report(e);
        }
    }

    private void report(Throwable e) {
        thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
    }

    @Override
    public void close() {
        closed = true;
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
