package org.syncnet.cluster.log;

import java.util.List;
import org.syncnet.cluster.log.entry.LogEntry;

/**
 * What the log hands its driver to keep across restarts after a step: where it resumes, if it jumped (at the start,
 * or past entries fetched from a peer's history), and then every entry it appended since — ordered as leader,
 * replicated as follower, recovered — barriers included. The driver writes them, in this order, before anything sent
 * in the same step can show them. A rewrite of an uncommitted suffix appends again from an earlier seq; the later
 * entry wins.
 *
 * @param resumesAfter where the log starts now (the next entry follows it), or null if it did not jump
 */
public record LogWrites(LogCut resumesAfter, List<LogEntry> entries) {
    public static final LogWrites NONE = new LogWrites(null, List.of());

    public LogWrites {
        entries = List.copyOf(entries);
    }

    public boolean isEmpty() {
        return resumesAfter == null && entries.isEmpty();
    }

    /** Hands these writes, in order, to {@code durable}. */
    public void writeTo(DurableLog durable) {
        if (resumesAfter != null) {
            durable.resumesAfter(resumesAfter.seq(), resumesAfter.epoch());
        }
        for (LogEntry e : entries) {
            durable.appended(e);
        }
    }
}
