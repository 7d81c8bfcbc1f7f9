package org.syncnet.chat.app;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks one at a time, in the order they were given, on one long-running managed thread. The chat applies
 * the committed log here, so fanning out to hundreds of connections never holds up the cluster protocol (which
 * only hands the deliveries over). Bounded: a producer that gets {@link #CAPACITY} tasks ahead waits.
 * <p>
 * Tasks leave their output unflushed; the worker runs the flush hook once no task waits (after waiting {@code linger}
 * for one more), so a quiet moment's event leaves at once and the events that piled up while the worker was busy
 * leave each connection in one write. When tasks keep coming, the output is due {@code maxGather} after the first
 * task of the batch, and flushed after the first task that ends past that moment.
 */
final class OrderedWorker {
    private static final Logger LOG = Logger.getLogger("org.syncnet.chat");
    static final int CAPACITY = 100_000;

    private final String name;
    private final Runnable flush;
    private final long lingerNanos;
    private final long maxGatherNanos;
    private final BlockingQueue<Runnable> tasks = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean running = true;
    private Future<?> loop;

    /** @param maxGatherNanos at least {@code lingerNanos} */
    OrderedWorker(String name, Runnable flush, long lingerNanos, long maxGatherNanos) {
        this.name = name;
        this.flush = flush;
        this.lingerNanos = lingerNanos;
        this.maxGatherNanos = Math.max(lingerNanos, maxGatherNanos);
    }

    void start(ExecutorService executor) {
        loop = executor.submit(this::run);
    }

    void submit(Runnable task) {
        try {
            tasks.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while handing over work", e);
        }
    }

    void stop() {
        running = false;
        if (loop != null) {
            loop.cancel(true);
        }
    }

    private void run() {
        long flushAt = 0;  // when the batch's output is due at the latest; 0: nothing unflushed
        while (running) {
            Runnable task;
            try {
                if (flushAt == 0) {
                    task = tasks.take();
                } else {
                    long wait = Math.min(lingerNanos, flushAt - System.nanoTime());
                    task = wait > 0 ? tasks.poll(wait, TimeUnit.NANOSECONDS) : tasks.poll();
                }
            } catch (InterruptedException e) {
                return;  // stopped
            }
            if (task == null) {
                safely(flush);
                flushAt = 0;
                continue;
            }
            safely(task);
            if (flushAt == 0) {
                flushAt = System.nanoTime() + maxGatherNanos;
            } else if (System.nanoTime() - flushAt >= 0) {
                safely(flush);  // due: a queue that never runs empty must not hold the output back
                flushAt = 0;
            }
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, name + ": task failed", e);
        }
    }
}
