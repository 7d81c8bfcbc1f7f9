package org.syncnet.history;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Writes batches of committed events, in log order, into the {@link EventStore}, each seq at most once.
 * <p>
 * What is stored already is not written again: before its first batch the writer reads the highest stored seq, and
 * events at or below it are skipped (a server given the log again from an earlier point, after a restart, re-delivers
 * events it stored before). That holds only if the stored events are this log's, so the first of this run's events
 * that finds a stored event at its seq is compared with it. Committed entries never change, so if they differ the
 * database holds another log (the cluster started anew and, as long as logs are not loaded back on start, numbers
 * from 1 again): the stored events from this run's first seq on are removed and this log's written instead — all of
 * them are delivered in this run, from that seq on. Until that comparison could be made (the stored log has holes
 * where this run starts), this run's events are held, at most {@value #MAX_HELD}; an event above the stored highest,
 * or that many held, settle it as this log (nothing says otherwise).
 * <p>
 * One thread (the writing loop) calls {@link #write}; the counters may be read from any thread. A failing store
 * throws out of {@link #write} and leaves the writer as it was, so the same batch can simply be written again.
 */
public final class HistoryWriter {
    private static final Logger LOG = Logger.getLogger("org.syncnet.history");
    static final int MAX_HELD = 10_000;

    private final String self;
    private final EventStore store;
    /** The highest stored seq; -1 until the store was read. */
    private volatile long highest = -1;
    /** Whether it is settled that the stored events are this log's (or were replaced by it). */
    private boolean settled;
    /** This run's first events, held until they show whose log is stored; the first {@code looked} were looked up. */
    private List<CommittedEvent> held = List.of();
    private int looked;
    /** What the comparison found: the seq compared, its place among the events, the stored event there. */
    private long verdictSeq;
    private int verdictIndex;
    private CommittedEvent verdictStored;
    private volatile long persisted;
    private volatile long skipped;
    private volatile long replaced;

    public HistoryWriter(String self, EventStore store) {
        this.self = self;
        this.store = store;
    }

    /** Writes the events of {@code batch} (ascending seqs) that are not stored yet, in one transaction. */
    public void write(List<CommittedEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long top = highest >= 0 ? highest : store.highestSeq();
        List<CommittedEvent> events = batch;
        if (!held.isEmpty()) {
            events = new ArrayList<>(held);
            events.addAll(batch);
        }
        long removed = 0;
        if (!settled) {
            Verdict verdict = compare(events, top);
            if (verdict == Verdict.UNKNOWN && events.size() < MAX_HELD) {
                held = List.copyOf(events);
                highest = top;
                return;
            }
            if (verdict == Verdict.OTHER_LOG) {
                long from = events.get(0).seq();
                removed = store.deleteFrom(from);
                long kept = store.highestSeq();
                LOG.warning(self + ": history holds another log's events (this log's seq " + verdictSeq + " is "
                        + events.get(verdictIndex) + ", the stored one " + verdictStored + "; the log was not loaded"
                        + " back on start): the " + removed + " stored events from seq " + from + " to " + top
                        + " are replaced by this log's" + (kept == 0 ? "" : "; those up to seq " + kept + " are kept"));
                top = kept;
            } else if (events.get(0).seq() <= top) {
                LOG.info(self + ": history holds this log up to seq " + top + " already; events up to it are not"
                        + " written again");
            }
        }
        List<CommittedEvent> fresh = new ArrayList<>(events.size());
        long last = top;
        for (CommittedEvent e : events) {
            if (e.seq() > last) {
                fresh.add(e);
                last = e.seq();
            }
        }
        if (!fresh.isEmpty()) {
            store.append(fresh);
        }
        // only now, when every store call succeeded
        settled = true;
        held = List.of();
        highest = last;
        persisted += fresh.size();
        skipped += events.size() - fresh.size();
        replaced += removed;
    }

    private enum Verdict { THIS_LOG, OTHER_LOG, UNKNOWN }

    /** Whose log is stored, told by the first of {@code events} at or below {@code top} that finds a stored event. */
    private Verdict compare(List<CommittedEvent> events, long top) {
        for (int i = looked; i < events.size(); i++) {
            CommittedEvent e = events.get(i);
            if (e.seq() > top) {
                return Verdict.THIS_LOG;  // no stored event at this run's seqs contradicts it
            }
            CommittedEvent stored = store.eventAt(e.seq());
            if (stored != null) {
                verdictSeq = e.seq();
                verdictIndex = i;
                verdictStored = stored;
                return e.sameEntryAs(stored) ? Verdict.THIS_LOG : Verdict.OTHER_LOG;
            }
            looked = i + 1;
        }
        return Verdict.UNKNOWN;
    }

    /** The highest seq stored (by this run or before), or -1 while the store has not been read yet. */
    public long highestPersistedSeq() {
        return highest;
    }

    /** Events this run stored. */
    public long persisted() {
        return persisted;
    }

    /** Events this run was given but found stored already (and so did not write). */
    public long skipped() {
        return skipped;
    }

    /** Stored events of another log this run removed. */
    public long replaced() {
        return replaced;
    }
}
