package org.syncnet.chat.service;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks one at a time, in the order they were given, on one long-running managed thread. The chat applies
 * the committed log here, so fanning out to hundreds of connections never holds up the cluster protocol (which
 * only hands the deliveries over). Bounded: a producer that gets {@link #CAPACITY} tasks ahead waits.
 */
final class OrderedWorker {
    private static final Logger LOG = Logger.getLogger("org.syncnet.chat");
    static final int CAPACITY = 100_000;

    private final String name;
    private final BlockingQueue<Runnable> tasks = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean running = true;
    private Future<?> loop;

    OrderedWorker(String name) {
        this.name = name;
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

    /** Whether no task waits (then whoever runs the last one may flush what it batched). */
    boolean idle() {
        return tasks.isEmpty();
    }

    void stop() {
        running = false;
        if (loop != null) {
            loop.cancel(true);
        }
    }

    private void run() {
        while (running) {
            Runnable task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                return;  // stopped
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, name + ": task failed", e);
            }
        }
    }
}
