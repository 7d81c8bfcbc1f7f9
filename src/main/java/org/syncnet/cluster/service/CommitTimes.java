package org.syncnet.cluster.service;

import java.util.List;
import java.util.function.LongConsumer;
import org.syncnet.cluster.log.Delivery;
import org.syncnet.cluster.log.entry.LogEntry;

/**
 * The commit latency of the entries this server orders as leader: the driver stamps each entry it appends while
 * leading and, when the entry comes out committed, hands the time between to {@link #report}. Without allocation
 * (it runs for every entry): a ring of the last {@link #SLOTS} stamps, by seq and epoch; an entry whose slot a later
 * one took meanwhile, or that another leader's entry replaced, goes unmeasured. One thread at a time (the driver
 * holds the node's monitor).
 */
final class CommitTimes {
    static final int SLOTS = 4096;

    private final long[] seqs = new long[SLOTS];
    private final long[] epochs = new long[SLOTS];
    private final long[] stamps = new long[SLOTS];
    /** Where measured latencies go, in nanoseconds; nowhere until the metrics attach. */
    private volatile LongConsumer report = nanos -> { };

    void reportTo(LongConsumer report) {
        this.report = report;
    }

    /** Entries this server appended as leader at {@code nowNanos}. */
    void appended(List<LogEntry> entries, long nowNanos) {
        for (LogEntry e : entries) {
            int i = slot(e.seq());
            seqs[i] = e.seq();
            epochs[i] = e.epoch();
            stamps[i] = nowNanos;
        }
    }

    /** Entries committed here at {@code nowNanos}: those stamped are measured, once. */
    void committed(List<Delivery> deliveries, long nowNanos) {
        LongConsumer to = report;
        for (Delivery d : deliveries) {
            int i = slot(d.seq());
            if (seqs[i] == d.seq() && epochs[i] == d.epoch()) {
                seqs[i] = 0;
                to.accept(nowNanos - stamps[i]);
            }
        }
    }

    private static int slot(long seq) {
        return (int) (seq & (SLOTS - 1));
    }
}
