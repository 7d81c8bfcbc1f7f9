package org.syncnet.cluster.log;

import org.syncnet.cluster.log.entry.LogEntry;

/**
 * Where a driver keeps a server's log entries across restarts: it writes what the log hands it after each step
 * ({@link LogWrites}) before anything sent in the same step can show them (Raft's rule: what a server acknowledged,
 * or a leader sent, survives its restart). A rewrite of an uncommitted suffix appends again from an earlier seq; the
 * later entry wins. A restarted server loads the last of them back into its store ({@link LogResume}), so it can
 * still serve peers that lag behind and a leader's recovery, as before the restart.
 */
@FunctionalInterface
public interface DurableLog {
    /** Keeps nothing: a restart starts after the resume point with an empty store. */
    DurableLog NONE = e -> { };

    /** The log starts after (seq, epoch): the next entry appended follows it, whatever was kept before. */
    default void resumesAfter(long seq, long epoch) {
    }

    void appended(LogEntry entry);
}
