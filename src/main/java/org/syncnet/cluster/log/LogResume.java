package org.syncnet.cluster.log;

import java.util.List;
import java.util.Objects;
import org.syncnet.cluster.log.entry.LogEntry;

/**
 * What a restarted server's log resumes from: {@code applied}, the cut after the events its chat state holds (the
 * stored history), and {@code tail}, the last entries its {@link DurableLog} kept, the first of them following an
 * entry of epoch {@code tailPrevEpoch}. The log holds the tail, committed up to {@code applied}; the leader says how
 * far the rest is.
 */
public record LogResume(LogCut applied, long tailPrevEpoch, List<LogEntry> tail) {
    /** A first start: nothing stored. */
    public static final LogResume FRESH = new LogResume(LogCut.START, 0, List.of());

    public LogResume {
        Objects.requireNonNull(applied, "applied");
        tail = List.copyOf(tail);
        for (int i = 1; i < tail.size(); i++) {
            if (tail.get(i).seq() != tail.get(0).seq() + i) {
                throw new IllegalArgumentException("the kept log entries are not contiguous at " + tail.get(i));
            }
        }
    }

    /**
     * The store the log resumes with: the kept tail, or (none kept, or it ends before the applied cut) empty. Of the
     * tail it holds the last {@code capacity} entries, and all after the applied cut however many (the history lost
     * them: they are delivered again, then discarded like any other).
     */
    public InMemoryLogStore store(int capacity) {
        if (tail.isEmpty() || tail.get(tail.size() - 1).seq() < applied.seq()) {
            return new InMemoryLogStore(capacity, applied);
        }
        int afterApplied = (int) Math.max(0, Math.min(tail.size(), applied.seq() + 1 - tail.get(0).seq()));
        int from = Math.max(0, Math.min(tail.size() - capacity, afterApplied));
        long prevEpoch = from == 0 ? tailPrevEpoch : tail.get(from - 1).epoch();
        return new InMemoryLogStore(capacity, prevEpoch, tail.subList(from, tail.size()));
    }
}
