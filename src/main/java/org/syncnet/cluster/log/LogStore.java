package org.syncnet.cluster.log;

import java.util.List;
import org.syncnet.cluster.log.entry.LogEntry;

/**
 * Where a server keeps its log. Sequences are contiguous from {@link #firstSeq()} to {@link #lastSeq()}; entries
 * below {@code firstSeq} were discarded to bound memory (only delivered, committed ones may be). A later issue makes
 * an implementation durable; the replication logic only needs these operations.
 */
public interface LogStore {
    /** Appends at {@code lastSeq() + 1}. */
    void append(LogEntry entry);

    /** The entry at {@code seq}, or null if it is not kept (beyond the end, or discarded). */
    LogEntry get(long seq);

    /** Up to {@code max} entries from {@code fromSeq} on, all of them kept. */
    List<LogEntry> read(long fromSeq, int max);

    /** Removes every entry after {@code seq} (an uncommitted suffix the leader's log does not have). */
    void truncateAfter(long seq);

    /** 0 if the log is empty. */
    long lastSeq();

    /** The epoch of the last entry, or 0. */
    long lastEpoch();

    /**
     * The epoch of the entry at {@code seq}, or -1 if it is not kept; also known for {@code firstSeq() - 1} (0 for
     * seq 0), the place the kept entries follow, so an append right after a discarded prefix can still be matched.
     */
    long epochAt(long seq);

    /** The oldest sequence still kept (lastSeq + 1 when empty). */
    long firstSeq();

    /**
     * May discard entries up to {@code seq}, which the caller guarantees were committed and delivered. Returns the
     * discarded entries, so indexes over the log can forget them too.
     */
    List<LogEntry> discardUpTo(long seq);

    /**
     * Forgets every entry and goes on after {@code cut}, which the caller guarantees is committed and applied (it
     * caught up from a peer's stored history). Only for a log that holds nothing after {@code cut}.
     */
    void resetAfter(LogCut cut);
}
