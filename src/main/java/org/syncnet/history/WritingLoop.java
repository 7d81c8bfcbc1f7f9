package org.syncnet.history;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The history writer's thread: takes what the chat queued, in batches of up to {@code batchSize} (gathered for at
 * most {@code lingerNanos} after the first event), and writes each batch in one transaction. A batch that fails is
 * written again after a pause that doubles from {@value #FIRST_PAUSE_MILLIS} ms up to {@value #MAX_PAUSE_MILLIS} ms,
 * until the database takes it; meanwhile the queue fills and, when full, the chat's events pass by unpersisted
 * ({@link HistoryFeed}). The first failure of a stretch is logged with its stack trace, the others in one line each,
 * and the recovery once.
 * <p>
 * Stopping: {@link #stop()} makes {@link #run()} write what is still queued (no retries then, at most
 * {@code drainNanos}) and return. The clock and the pause between retries come in from outside, so the loop can be
 * driven step by step in tests ({@link #runOnce}).
 */
public final class WritingLoop {
    private static final Logger LOG = Logger.getLogger("org.syncnet.history");
    static final long FIRST_PAUSE_MILLIS = 100;
    static final long MAX_PAUSE_MILLIS = 10_000;
    /** How long the loop waits for events before it looks whether it was stopped. */
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /**
     * How long a batch gathers events after its first: under load, one transaction then carries many events (a
     * transaction costs as much as many inserts, and every server of a cluster writes every event); a quiet chat's
     * events are stored this much later.
     */
    public static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /** Waits between two tries of a failed batch. */
    @FunctionalInterface
    public interface Pause {
        /** Waits {@code millis} or until the loop is stopped, whichever is first. */
        void pause(long millis) throws InterruptedException;
    }

    private final String self;
    private final WriteQueue queue;
    private final HistoryWriter writer;
    private final int batchSize;
    private final Pause pause;
    private final LongSupplier nanoTime;
    private final long drainNanos;
    private final long lingerNanos;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean stopping;
    /** Failed tries in the current stretch of failures (0: writing works). */
    private volatile int failing;
    private volatile long failures;
    private volatile long batches;
    private volatile long writeNanos;
    private volatile String lastFailure;

    public WritingLoop(String self, WriteQueue queue, HistoryWriter writer, int batchSize, Pause pause,
                       LongSupplier nanoTime, long drainNanos, long lingerNanos) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize);
        }
        this.self = self;
        this.queue = queue;
        this.writer = writer;
        this.batchSize = batchSize;
        this.pause = pause;
        this.nanoTime = nanoTime;
        this.drainNanos = drainNanos;
        this.lingerNanos = lingerNanos;
    }

    /** The thread's body: batches until {@link #stop()}, then what is left, within the drain time. */
    public void run() {
        try {
            while (!stopping) {
                runOnce(POLL_NANOS);
            }
            drain();
        } catch (InterruptedException e) {
            LOG.warning(self + ": history writer interrupted; " + queue.size() + " queued events not persisted");
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
        }
    }

    /**
     * Takes one batch (waiting up to {@code pollNanos} for the first event) and writes it, trying again after each
     * failure until it is written or the loop is stopped. Returns how many events the batch held.
     */
    public int runOnce(long pollNanos) throws InterruptedException {
        List<CommittedEvent> batch = queue.take(batchSize, pollNanos);
        if (batch.isEmpty()) {
            return 0;
        }
        if (batch.size() < batchSize && lingerNanos > 0) {
            batch = gather(batch);
        }
        while (!tryWrite(batch)) {
            if (stopping) {
                LOG.severe(self + ": history writer stopping; " + describe(batch) + " and " + queue.size()
                        + " more queued events not persisted");
                return batch.size();
            }
            pause.pause(pauseMillis(failing));
        }
        return batch.size();
    }

    /** The batch with what comes in during the linger time after its first event, up to the batch size. */
    private List<CommittedEvent> gather(List<CommittedEvent> first) throws InterruptedException {
        List<CommittedEvent> batch = new ArrayList<>(first);
        int rest = batchSize - batch.size();
        batch.addAll(queue.take(rest, rest, lingerNanos));
        return batch;
    }

    /** Writes what is queued, without retries, until the queue is empty or the drain time is up. */
    private void drain() throws InterruptedException {
        long deadline = nanoTime.getAsLong() + drainNanos;
        while (queue.size() > 0 && nanoTime.getAsLong() < deadline) {
            List<CommittedEvent> batch = queue.take(batchSize, 0);
            if (!batch.isEmpty() && !tryWrite(batch)) {
                LOG.severe(self + ": history writer stopping; " + describe(batch) + " and " + queue.size()
                        + " more queued events not persisted");
                return;
            }
        }
        if (queue.size() > 0) {
            LOG.severe(self + ": history writer stopping after " + drainNanos / 1_000_000 + " ms; " + queue.size()
                    + " queued events not persisted");
        }
    }

    private boolean tryWrite(List<CommittedEvent> batch) {
        long start = nanoTime.getAsLong();
        try {
            writer.write(batch);
        } catch (RuntimeException e) {
            failed(batch, e);
            return false;
        }
        writeNanos += nanoTime.getAsLong() - start;
        batches++;
        if (failing > 0) {
            LOG.info(self + ": history persisted again after " + failing + " failed tries (" + describe(batch) + ")");
            failing = 0;
        }
        return true;
    }

    private void failed(List<CommittedEvent> batch, RuntimeException e) {
        failing++;
        failures++;
        lastFailure = rootMessage(e);
        String what = self + ": cannot persist chat history (" + describe(batch) + "): " + lastFailure + "; "
                + (stopping ? "giving up (stopping)" : "trying again in " + pauseMillis(failing) + " ms")
                + "; the chat goes on, " + queue.size() + " more events wait";
        if (failing == 1) {
            LOG.log(Level.SEVERE, what, e);
        } else {
            LOG.warning(what);
        }
    }

    /** The pause after the {@code n}th failure in a row: 100 ms, doubling, at most 10 s. */
    static long pauseMillis(int n) {
        return n >= 8 ? MAX_PAUSE_MILLIS : Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.max(0, n - 1));
    }

    private static String describe(List<CommittedEvent> batch) {
        return batch.size() + " events, seq " + batch.get(0).seq() + " to " + batch.get(batch.size() - 1).seq();
    }

    /** The innermost cause's message: what the database said (the outer ones are the container's wrappers). */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.strip());
    }

    /** Makes {@link #run()} write what is queued and return; the pause must end early too (the caller's part). */
    public void stop() {
        stopping = true;
    }

    /** Waits until {@link #run()} returned; false if it still runs after {@code timeoutMillis}. */
    public boolean awaitEnd(long timeoutMillis) throws InterruptedException {
        return ended.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    public long failures() {
        return failures;
    }

    /** The last failure's cause, or null if writing never failed. */
    public String lastFailure() {
        return lastFailure;
    }

    /** Whether the last try failed (the database is failing now). */
    public boolean isFailing() {
        return failing > 0;
    }

    public long batches() {
        return batches;
    }

    /** Time spent in successful writes, in nanoseconds: persisted events / this = what the database takes. */
    public long writeNanos() {
        return writeNanos;
    }
}
