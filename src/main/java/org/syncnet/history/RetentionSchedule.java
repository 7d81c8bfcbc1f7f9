package org.syncnet.history;

/**
 * When the retention cleans up next: one interval after it started, then one interval after each cleanup ended (a
 * long cleanup never makes the next start at once). Times are milliseconds of a monotonic clock, passed in.
 */
public final class RetentionSchedule {
    private final long intervalMillis;
    private long dueMillis;

    public RetentionSchedule(long intervalMillis, long startMillis) {
        if (intervalMillis < 1) {
            throw new IllegalArgumentException("interval " + intervalMillis);
        }
        this.intervalMillis = intervalMillis;
        this.dueMillis = startMillis + intervalMillis;
    }

    /** How long until the next cleanup is due at {@code nowMillis}; 0 when it is due. */
    public long millisUntilDue(long nowMillis) {
        return Math.max(0, dueMillis - nowMillis);
    }

    /** A cleanup ended at {@code nowMillis}. */
    public void ran(long nowMillis) {
        dueMillis = nowMillis + intervalMillis;
    }
}
