package org.syncnet.cluster.log;

/**
 * Where a server keeps its committed log entries across restarts: the log hands over every entry it commits,
 * barriers included, in log order. A restarted server loads the last of them back into its store
 * ({@link LogResume}), so it can still serve peers that lag behind and a leader's recovery, as before the restart.
 */
@FunctionalInterface
public interface DurableLog {
    /** Keeps nothing: a restart starts after the resume point with an empty store. */
    DurableLog NONE = e -> { };

    /** The log starts after (seq, epoch): the next entry committed follows it, whatever was kept before. */
    default void resumesAfter(long seq, long epoch) {
    }

    void committed(LogEntry entry);
}
