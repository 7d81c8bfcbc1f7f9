package org.syncnet.cluster.log;

import java.util.Map;
import java.util.TreeMap;
import org.syncnet.cluster.wire.Append;

/**
 * Appends that arrived ahead of a gap, kept until the gap is filled (NAKACK's receive window). Datagrams overtake
 * each other: without this, every append that arrived before its predecessor was thrown away and sent again, a
 * pipelined window was applied only as far as it happened to arrive in order, and each retransmission drew more
 * gap reports and more retransmissions, until the leader's datagrams came so fast that the receivers' replay
 * window dropped them (LogSimTest seed 7889). Bounded in entries; what does not fit is dropped and sent again.
 */
final class AppendsAhead {
    private final int maxEntries;
    private final TreeMap<Long, Append> byPrevSeq = new TreeMap<>();
    private int entries;
    /** The stream the held appends belong to (leader epoch and process): another one discards them. */
    private long epoch = -1;
    private long incarnation = -1;

    AppendsAhead(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Appends of another epoch or leader process are not comparable: forget what was held for the old one. */
    void stream(long epoch, long incarnation) {
        if (epoch != this.epoch || incarnation != this.incarnation) {
            clear();
            this.epoch = epoch;
            this.incarnation = incarnation;
        }
    }

    /** Keeps an append that starts after the end of the log, if there is room; of two alike, the longer. */
    void hold(Append a) {
        Append before = byPrevSeq.get(a.prevSeq());
        if (before != null && before.entries().size() >= a.entries().size()) {
            return;
        }
        int size = a.entries().size() - (before == null ? 0 : before.entries().size());
        if (entries + size > maxEntries) {
            return;
        }
        byPrevSeq.put(a.prevSeq(), a);
        entries += size;
    }

    /**
     * The next held append that starts within the log ({@code prevSeq <= lastSeq}), removed, or null. Those that
     * end within the log carry nothing new and are dropped on the way.
     */
    Append next(long lastSeq) {
        while (!byPrevSeq.isEmpty()) {
            Map.Entry<Long, Append> first = byPrevSeq.firstEntry();
            if (first.getKey() > lastSeq) {
                return null;
            }
            byPrevSeq.pollFirstEntry();
            Append a = first.getValue();
            entries -= a.entries().size();
            if (a.prevSeq() + a.entries().size() > lastSeq) {
                return a;
            }
        }
        return null;
    }

    /** Removes and returns the held append that starts exactly after {@code seq}, or null. */
    Append takeAfter(long seq) {
        Append a = byPrevSeq.remove(seq);
        if (a != null) {
            entries -= a.entries().size();
        }
        return a;
    }

    boolean isEmpty() {
        return byPrevSeq.isEmpty();
    }

    void clear() {
        byPrevSeq.clear();
        entries = 0;
    }
}
