package org.syncnet.history;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The history retention's thread: a {@link RetentionCleanup} every {@code intervalMillis} ({@link RetentionSchedule}),
 * with the counters the status view shows. A cleanup that removed something is logged in one line, e.g.
 * "server2: history retention removed 1200 messages older than 30d from 3 rooms ...". A failing database fails the
 * cleanup, not the loop: it is logged (the first of a stretch with its stack trace, the recovery once) and the next
 * cleanup comes after the interval as usual.
 * <p>
 * It runs beside the history writer, never on the chat's threads: it only ever waits for the database and for its
 * own schedule. The clocks (monotonic nanoseconds for the schedule and the measurements, wall-clock milliseconds for
 * the messages' age) and the wait come in from outside, so the loop can be driven step by step ({@link #runOnce}).
 */
public final class RetentionLoop {
    private static final Logger LOG = Logger.getLogger("org.syncnet.history");

    private final String self;
    private final RetentionConfig config;
    private final RetentionCleanup cleanup;
    private final WritingLoop.Pause pause;
    private final LongSupplier nanoTime;
    private final LongSupplier wallMillis;
    private final RetentionSchedule schedule;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean stopping;
    // The counters change together after each cleanup, under this object's lock, so a status is always consistent.
    private long runs;
    private long byAge;
    private long byCount;
    private long lastRunAtMillis = -1;
    private long lastRunRemoved;
    private long lastRunMillis;
    private long storedMessages = -1;
    private long deletes;
    private long deleteNanos;
    private long longestDeleteNanos;
    private long failures;
    /** Failed cleanups in a row (0: the last one worked). */
    private int failing;
    private String lastFailure;

    /** {@code pause} waits the given milliseconds or until {@link #stop} (the caller's part), whichever is first. */
    public RetentionLoop(String self, RetentionConfig config, RetentionCleanup cleanup, WritingLoop.Pause pause,
                         LongSupplier nanoTime, LongSupplier wallMillis) {
        this.self = self;
        this.config = config;
        this.cleanup = cleanup;
        this.pause = pause;
        this.nanoTime = nanoTime;
        this.wallMillis = wallMillis;
        this.schedule = new RetentionSchedule(config.intervalMillis(), monotonicMillis());
    }

    /** The thread's body: a cleanup whenever one is due, until {@link #stop()}. */
    public void run() {
        try {
            while (!stopping) {
                long wait = schedule.millisUntilDue(monotonicMillis());
                if (wait > 0) {
                    pause.pause(wait);
                } else {
                    runOnce();
                }
            }
        } catch (InterruptedException e) {
            LOG.warning(self + ": history retention interrupted");
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
        }
    }

    /** One cleanup now, counted and logged; the next is due an interval after it ends. */
    public RetentionRun runOnce() throws InterruptedException {
        long start = nanoTime.getAsLong();
        RetentionRun run = cleanup.run(wallMillis.getAsLong(), () -> stopping);
        long took = nanoTime.getAsLong() - start;
        schedule.ran(monotonicMillis());
        record(run, took);
        return run;
    }

    private synchronized void record(RetentionRun run, long tookNanos) {
        runs++;
        byAge += run.byAge();
        byCount += run.byCount();
        deletes += run.deletes();
        deleteNanos += run.deleteNanos();
        longestDeleteNanos = Math.max(longestDeleteNanos, run.longestDeleteNanos());
        lastRunRemoved = run.removed();
        lastRunMillis = TimeUnit.NANOSECONDS.toMillis(tookNanos);
        lastRunAtMillis = wallMillis.getAsLong();
        if (run.failure() == null) {
            storedMessages = run.storedMessages();
        }
        if (run.removed() > 0) {
            LOG.info(self + ": history retention " + run.describe(config) + (run.stopped() ? " (stopped early: the"
                    + " server stops)" : "") + (run.failure() == null ? "" : " before the database failed"));
        }
        if (run.failure() != null) {
            failed(run.failure());
        } else if (failing > 0) {
            LOG.info(self + ": history retention works again after " + failing + " failed cleanups");
            failing = 0;
        }
    }

    private void failed(RuntimeException e) {
        failing++;
        failures++;
        lastFailure = WritingLoop.rootMessage(e);
        String what = self + ": history retention cannot clean up: " + lastFailure + "; trying again in "
                + config.intervalMillis() / 1000.0 + " s (the chat and the history writer go on)";
        if (failing == 1) {
            LOG.log(Level.SEVERE, what, e);
        } else {
            LOG.warning(what);
        }
    }

    private long monotonicMillis() {
        return TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong());
    }

    /** How long until the next cleanup is due; 0 when it is. */
    public long millisUntilDue() {
        return schedule.millisUntilDue(monotonicMillis());
    }

    /** Makes {@link #run()} return after the delete in progress; the pause must end early too (the caller's part). */
    public void stop() {
        stopping = true;
    }

    /** Waits until {@link #run()} returned; false if it still runs after {@code timeoutMillis}. */
    public boolean awaitEnd(long timeoutMillis) throws InterruptedException {
        return ended.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    public synchronized RetentionStatus status() {
        return new RetentionStatus(true, config, runs, byAge, byCount, lastRunAtMillis, lastRunRemoved, lastRunMillis,
                storedMessages, deletes, deleteNanos, longestDeleteNanos, failures, failing > 0, lastFailure);
    }
}
