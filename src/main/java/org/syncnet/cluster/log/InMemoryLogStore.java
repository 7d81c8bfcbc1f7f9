package org.syncnet.cluster.log;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.cluster.log.entry.LogEntry;

/**
 * Keeps at least the most recent {@code capacity} delivered entries (at most a quarter more), plus everything not yet
 * delivered, in memory. A follower
 * that needs an entry older than that (it was away or restarted while {@code capacity} entries were committed)
 * cannot be caught up from this store; the replicated log counts that case (see
 * {@link ReplicatedLog#unservableCatchUps()}), and that follower catches up from its peers' stored history.
 */
public final class InMemoryLogStore implements LogStore {
    /**
     * What a server holds in memory: a follower further behind is caught up from the stored history (which the
     * segments on disk and the peers' histories hold), not from here.
     */
    public static final int DEFAULT_CAPACITY = 20_000;

    private final int capacity;
    private final ArrayList<LogEntry> entries = new ArrayList<>();
    /** The sequence of entries.get(0). */
    private long first = 1;
    /**
     * The epoch of the entry at first - 1 (0 before anything was discarded or resumed after), for log matching at the
     * boundary.
     */
    private long discardedLastEpoch;

    public InMemoryLogStore(int capacity) {
        this(capacity, LogCut.START);
    }

    public InMemoryLogStore() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * A restarted server's store holding the entries it kept, {@code tail} (contiguous, all of it: more than
     * {@code capacity} go as they are delivered, see {@link LogResume#store}), the first of which follows an entry of
     * epoch {@code prevEpoch}.
     */
    public InMemoryLogStore(int capacity, long prevEpoch, List<LogEntry> tail) {
        this(capacity, LogCut.START);
        first = tail.get(0).seq();
        discardedLastEpoch = first == 1 ? 0 : prevEpoch;
        entries.addAll(tail);
    }

    /** A restarted server's store: it resumes after {@code cut}, which it delivered before the restart. */
    public InMemoryLogStore(int capacity, LogCut cut) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.first = cut.seq() + 1;
        this.discardedLastEpoch = cut.epoch();
    }

    @Override
    public void append(LogEntry entry) {
        if (entry.seq() != lastSeq() + 1) {
            throw new IllegalStateException("append " + entry + " after " + lastSeq());
        }
        entries.add(entry);
    }

    @Override
    public LogEntry get(long seq) {
        if (seq < first || seq > lastSeq()) {
            return null;
        }
        return entries.get((int) (seq - first));
    }

    @Override
    public List<LogEntry> read(long fromSeq, int max) {
        List<LogEntry> out = new ArrayList<>();
        for (long s = Math.max(fromSeq, first); s <= lastSeq() && out.size() < max; s++) {
            out.add(get(s));
        }
        return out;
    }

    @Override
    public void truncateAfter(long seq) {
        while (lastSeq() > seq && !entries.isEmpty()) {
            entries.remove(entries.size() - 1);
        }
    }

    @Override
    public long lastSeq() {
        return first + entries.size() - 1;
    }

    @Override
    public long lastEpoch() {
        return entries.isEmpty() ? discardedLastEpoch : entries.get(entries.size() - 1).epoch();
    }

    @Override
    public long epochAt(long seq) {
        if (seq == first - 1) {
            return discardedLastEpoch; // 0 for seq 0 while nothing was discarded
        }
        LogEntry e = get(seq);
        return e == null ? -1 : e.epoch();
    }

    @Override
    public long firstSeq() {
        return first;
    }

    @Override
    public void resetAfter(LogCut cut) {
        entries.clear();
        first = cut.seq() + 1;
        discardedLastEpoch = cut.epoch();
    }

    @Override
    public List<LogEntry> discardUpTo(long seq) {
        List<LogEntry> gone = new ArrayList<>();
        // Keep `capacity` entries at most; discard from the front, but never past seq. Only once a quarter more
        // piled up: removing from the front of the list moves every entry, so doing it per commit would cost the
        // whole log each time; in chunks it is amortised to a constant per entry.
        if (entries.size() <= capacity + capacity / 4) {
            return gone;
        }
        int excess = entries.size() - capacity;
        long limit = Math.min(seq, first + Math.max(0, excess) - 1);
        int n = (int) Math.max(0, limit - first + 1);
        if (n == 0) {
            return gone;
        }
        gone.addAll(entries.subList(0, n));
        discardedLastEpoch = gone.get(n - 1).epoch();
        entries.subList(0, n).clear();
        first += n;
        return gone;
    }
}
