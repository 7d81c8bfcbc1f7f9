package org.syncnet.history;

import java.util.function.Function;
import org.syncnet.settings.Settings;

/**
 * The history's settings (MicroProfile Config names below).
 *
 * @param enabled    whether this server persists committed events and answers the history API
 * @param batchSize  events written in one transaction at most (fewer when fewer wait)
 * @param queueKib   KiB of events (payload and bookkeeping) that may wait for the database; beyond it events are not
 *                   persisted (counted and logged) rather than held back from the chat
 */
public record HistoryConfig(boolean enabled, int batchSize, int queueKib) {
    public static final String ENABLED = "syncnet.history.enabled";
    public static final String BATCH_SIZE = "syncnet.history.batch-size";
    public static final String QUEUE_KIB = "syncnet.history.queue-kib";

    /** Reads and checks every setting; {@code lookup} returns null for an unset one (the default applies). */
    public static HistoryConfig fromSettings(Function<String, String> lookup) {
        return new HistoryConfig(
                Settings.flag(lookup, ENABLED, true),
                Settings.wholeNumber(lookup, BATCH_SIZE, 500, 1, 10_000),
                // at least 1 MiB: a few of the largest events (16 KiB) must fit
                Settings.wholeNumber(lookup, QUEUE_KIB, 32 * 1024, 1024, 1024 * 1024));
    }

    public long queueBytes() {
        return queueKib * 1024L;
    }
}
