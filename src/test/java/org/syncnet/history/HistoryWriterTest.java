package org.syncnet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryWriterTest {
    private final MemoryStore store = new MemoryStore();
    private final HistoryWriter writer = new HistoryWriter("s1", store);

    private List<Long> stored() {
        return new ArrayList<>(store.events.keySet());
    }

    @Test
    void batchesAreStoredInOneAppendEach() {
        assertEquals(-1, writer.highestPersistedSeq(), "unknown before the store was read");
        writer.write(Samples.plains(1, 3));
        writer.write(List.of(Samples.message(5, "#a", "x"), Samples.plain(9)));
        assertEquals(List.of(1L, 2L, 3L, 5L, 9L), stored());
        assertEquals(2, store.appends.size(), "one transaction per batch");
        assertEquals(5, writer.persisted());
        assertEquals(9, writer.highestPersistedSeq());
        assertEquals(Samples.message(5, "#a", "x"), store.events.get(5L), "room, nick and bytes kept");
    }

    /** A server given its log again from an earlier point after a restart: what is stored is not written again. */
    @Test
    void eventsOfThisLogStoredBeforeAreSkipped() {
        Samples.plains(1, 10).forEach(e -> store.events.put(e.seq(), e));
        writer.write(Samples.plains(4, 8));
        writer.write(Samples.plains(9, 12));
        writer.write(Samples.plains(13, 13));
        assertEquals(Samples.plains(1, 13), new ArrayList<>(store.events.values()));
        assertEquals(List.of(Samples.plains(11, 12), Samples.plains(13, 13)), store.appends);
        assertEquals(3, writer.persisted());
        assertEquals(7, writer.skipped());
        assertEquals(0, writer.replaced());
    }

    /**
     * The cluster started anew and numbers from 1 again (its log was not loaded back): the stored events from the
     * first seq of this run on are another log's and give way; those below it are kept.
     */
    @Test
    void anotherLogsStoredEventsAreReplacedFromTheFirstSeqOfThisRun() {
        Samples.plains(1, 10).forEach(e -> store.events.put(e.seq(), e));
        List<CommittedEvent> newLog = new ArrayList<>();
        for (long s = 3; s <= 6; s++) {
            newLog.add(Samples.plain(s, 2));  // same seqs, another epoch: another log
        }
        writer.write(newLog);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), stored());
        assertEquals(2, store.events.get(4L).epoch(), "this log's event");
        assertEquals(1, store.events.get(2L).epoch(), "below this run's first event: kept");
        assertEquals(8, writer.replaced());
        assertEquals(4, writer.persisted());
        writer.write(List.of(Samples.plain(7, 2)));
        assertEquals(2, store.events.get(7L).epoch());
    }

    /** Only the first event of a run is checked: once it matched, the rest of the overlap is this log's. */
    @Test
    void theCheckIsMadeOnceARun() {
        Samples.plains(1, 10).forEach(e -> store.events.put(e.seq(), e));
        writer.write(Samples.plains(2, 2));
        int calls = store.calls;
        writer.write(Samples.plains(3, 11));
        assertEquals(calls + 1, store.calls, "one append, no more reads");
        assertEquals(List.of(Samples.plains(11, 11)), store.appends);
    }

    /** Where this run starts the stored log has a hole: the events are held until one finds a stored event. */
    @Test
    void aHoleWhereTheRunStartsIsSettledByTheFirstStoredEventThatFollows() {
        store.events.put(1L, Samples.plain(1));
        store.events.put(5L, Samples.plain(5));
        writer.write(Samples.plains(3, 4));
        assertEquals(0, store.appends.size(), "held: nothing tells yet whose log is stored");
        writer.write(Samples.plains(5, 6));
        assertEquals(List.of(1L, 5L, 6L), stored(), "this log: 3 and 4 are skipped like all at or below 5");
        assertEquals(0, writer.replaced());
        assertEquals(3, writer.skipped());
    }

    @Test
    void aHoleFollowedByAnotherLogsEventReplacesFromTheRunsFirstSeq() {
        Samples.plains(1, 10).forEach(e -> store.events.put(e.seq(), e));
        store.events.remove(3L);
        store.events.remove(4L);
        writer.write(List.of(Samples.plain(3, 2)));
        writer.write(List.of(Samples.plain(4, 2), Samples.plain(5, 2)));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), stored());
        assertEquals(2, store.events.get(3L).epoch());
        assertEquals(6, writer.replaced(), "5 to 10");
    }

    /** Events only in holes of the stored log, up to past its end: nothing contradicts it being this log. */
    @Test
    void heldEventsReachingPastTheStoredEndAreThisLog() {
        store.events.put(1L, Samples.plain(1));
        store.events.put(4L, Samples.plain(4));
        writer.write(Samples.plains(2, 3));
        writer.write(Samples.plains(5, 5));
        assertEquals(List.of(1L, 4L, 5L), stored());
        assertEquals(0, writer.replaced());
    }

    @Test
    void noMoreThanTenThousandEventsAreHeld() {
        store.events.put(1L, Samples.plain(1));
        store.events.put(50_000L, Samples.plain(50_000));
        writer.write(Samples.plains(2, 9_000));
        assertEquals(0, store.appends.size());
        writer.write(Samples.plains(9_001, 10_001));
        assertEquals(50_000, writer.highestPersistedSeq(), "settled as this log: all at or below 50000 skipped");
        assertEquals(10_000, writer.skipped());
        writer.write(Samples.plains(50_000, 50_001));
        assertEquals(List.of(1L, 50_000L, 50_001L), stored());
    }

    /** A failed write leaves everything as it was; writing the same batch again stores each seq once. */
    @Test
    void aFailedBatchCanBeWrittenAgain() {
        writer.write(Samples.plains(1, 2));
        for (int tries = 1; tries <= 3; tries++) {
            store.failNext(1);
            assertThrows(RuntimeException.class, () -> writer.write(Samples.plains(3, 5)));
        }
        assertEquals(2, writer.persisted());
        assertEquals(2, writer.highestPersistedSeq());
        writer.write(Samples.plains(3, 5));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), stored());
        assertEquals(5, writer.persisted());
    }

    @Test
    void aFailureWhileReplacingAnotherLogIsRetriedToTheSameEnd() {
        List<CommittedEvent> newLog = List.of(Samples.plain(1, 2), Samples.plain(2, 2));
        // highestSeq, eventAt and deleteFrom succeed; the second highestSeq fails
        MemoryStore failingLate = new MemoryStore() {
            int n;

            @Override
            public long highestSeq() {
                if (++n == 2) {
                    throw new IllegalStateException("connection lost");
                }
                return super.highestSeq();
            }
        };
        Samples.plains(1, 10).forEach(e -> failingLate.events.put(e.seq(), e));
        HistoryWriter w = new HistoryWriter("s1", failingLate);
        assertThrows(IllegalStateException.class, () -> w.write(newLog));
        w.write(newLog);
        assertEquals(List.of(1L, 2L), new ArrayList<>(failingLate.events.keySet()));
        assertEquals(2, failingLate.events.get(1L).epoch());
    }

    @Test
    void eventsOutOfOrderOrTwiceInABatchAreWrittenOnce() {
        writer.write(List.of(Samples.plain(1), Samples.plain(3), Samples.plain(2), Samples.plain(3)));
        assertEquals(List.of(1L, 3L), stored());
        assertEquals(2, writer.skipped());
    }
}
