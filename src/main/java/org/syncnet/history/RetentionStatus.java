package org.syncnet.history;

/**
 * What the history's retention did since this server started, for the status view.
 *
 * @param active             whether cleanups run (the history is on and a limit is set)
 * @param config             the limits
 * @param runs               cleanups that ended (stopped or failed ones included)
 * @param byAge              messages removed for their age
 * @param byCount            messages removed beyond their room's newest {@code maxMessagesPerRoom}
 * @param lastRunAtMillis    when the last cleanup ended (ms since 1970), or -1 before the first
 * @param lastRunRemoved     messages the last cleanup removed
 * @param lastRunMillis      how long the last cleanup took, rests between its deletes included
 * @param storedMessages     room messages stored after the last cleanup, or -1 before the first
 * @param deletes            delete transactions
 * @param deleteNanos        time inside them, together
 * @param longestDeleteNanos the longest of them
 * @param failures           cleanups the database made fail
 * @param failing            whether the last cleanup failed
 * @param lastFailure        the last failure's cause, or null
 */
public record RetentionStatus(boolean active, RetentionConfig config, long runs, long byAge, long byCount,
                              long lastRunAtMillis, long lastRunRemoved, long lastRunMillis, long storedMessages,
                              long deletes, long deleteNanos, long longestDeleteNanos, long failures,
                              boolean failing, String lastFailure) {
    /** No cleanup runs (the history is off, or it keeps everything). */
    public static RetentionStatus inactive(RetentionConfig config) {
        return new RetentionStatus(false, config, 0, 0, 0, -1, 0, 0, -1, 0, 0, 0, 0, false, null);
    }

    public long removed() {
        return byAge + byCount;
    }
}
