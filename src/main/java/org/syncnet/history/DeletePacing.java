package org.syncnet.history;

import java.util.concurrent.TimeUnit;

/**
 * How the retention deletes: in transactions of at most {@value #MAX_BATCH} rows, fewer when the database is slow
 * (a delete that took longer than {@link #TARGET_NANOS} halves the next, down to {@value #MIN_BATCH}; a full one well
 * under it doubles the next again), and with a rest after each as long as the delete took. Short transactions keep the
 * history writer's inserts and the REST readers from waiting long behind a delete; the rest leaves the database (and,
 * for an embedded one, the CPU the chat shares with it) at least half of the time while a large backlog is removed.
 * <p>
 * One thread (the retention's) uses it.
 */
public final class DeletePacing {
    public static final int MAX_BATCH = 1000;
    public static final int MIN_BATCH = 50;
    /** The longest a delete transaction should take. */
    public static final long TARGET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private int batchSize = MAX_BATCH;

    /** How many rows the next delete may remove at most. */
    public int batchSize() {
        return batchSize;
    }

    /** A delete of {@code rows} (the batch size asked for at most) took {@code nanos}: sizes the next one. */
    public void deleted(int rows, long nanos) {
        if (nanos > TARGET_NANOS) {
            batchSize = Math.max(MIN_BATCH, batchSize / 2);
        } else if (nanos < TARGET_NANOS / 4 && rows >= batchSize) {
            batchSize = Math.min(MAX_BATCH, batchSize * 2);
        }
    }

    /** The rest after a delete that took {@code nanos}: as long again, in whole milliseconds, at least one. */
    public long restMillis(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }
}
