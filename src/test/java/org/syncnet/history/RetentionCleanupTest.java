package org.syncnet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RetentionCleanupTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long NOW = 1_800_000_000_000L;
    private static final long HOUR = 3_600_000L;

    private final MemoryRetentionStore store = new MemoryRetentionStore();
    private final List<Long> rests = new ArrayList<>();
    private long nanos;

    {
        store.clock = took -> nanos += took;
    }

    private RetentionCleanup cleanup(long maxAgeMillis, int maxMessages) {
        return new RetentionCleanup(new RetentionConfig(maxAgeMillis, maxMessages, 60_000), store, new DeletePacing(),
                rests::add, () -> nanos);
    }

    private RetentionRun run(RetentionCleanup cleanup) throws InterruptedException {
        return cleanup.run(NOW, () -> false);
    }

    /** Seqs from..to: every third a plain event, the others messages in {@code room}, a minute apart from time. */
    private List<Long> fill(long from, long to, String room, long time) {
        List<Long> messages = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            if (s % 3 == 0) {
                store.add(Samples.plain(s));
            } else {
                store.add(MemoryRetentionStore.message(s, room, time + (s - from) * 60_000));
                messages.add(s);
            }
        }
        return messages;
    }

    private static List<Long> last(List<Long> seqs, int n) {
        return seqs.subList(seqs.size() - n, seqs.size());
    }

    @Test
    void keepingEverythingReadsNothing() throws InterruptedException {
        fill(1, 30, "#a", 0);
        RetentionRun r = run(cleanup(0, 0));
        assertEquals(0, r.removed());
        assertEquals(0, store.reads);
        assertEquals(30, store.events.size());
    }

    @Test
    void eachRoomKeepsItsNewestMessagesAndEveryOtherEventStays() throws InterruptedException {
        List<Long> a = fill(1, 3_600, "#a", NOW);  // 2400 messages, 1200 plain events
        List<Long> b = fill(3_601, 3_606, "#b", NOW);  // 4 messages
        List<Long> plain = store.plainSeqs();
        RetentionRun r = run(cleanup(0, 1_000));

        assertEquals(last(a, 1_000), store.messageSeqs("#a"));
        assertEquals(b, store.messageSeqs("#b"), "under the limit: untouched");
        assertEquals(plain, store.plainSeqs(), "no event but messages removed");
        assertEquals(List.of("#a≤" + a.get(999) + "=1000", "#a≤" + a.get(1399) + "=400"), store.deletes,
                "the oldest first, at most 1000 a transaction");
        assertEquals(new RetentionRun(1, 0, 1_400, 1_004, 2, 2 * MS, MS, false, null), r);
        assertEquals(List.of(1L, 1L), rests, "a rest after each delete, as long as it took");
        assertEquals("removed 1400 messages beyond the newest 1000 of a room from 1 room in 2 transactions of 1 ms"
                + " at most; 1004 messages stay", r.describe(new RetentionConfig(0, 1_000, 60_000)));
    }

    @Test
    void messagesOlderThanTheMaxAgeGoOldestFirstUntilTheFirstNewerOne() throws InterruptedException {
        // #a: one message a minute, the first 3 hours before NOW; #b: all within the last hour
        List<Long> a = fill(1, 300, "#a", NOW - 3 * HOUR);  // 200 messages over 299 minutes
        List<Long> b = fill(301, 330, "#b", NOW - HOUR + 60_000);
        List<Long> plain = store.plainSeqs();
        RetentionRun r = run(cleanup(2 * HOUR, 0));

        // seq s of #a was posted (s - 1) minutes after NOW - 3h: older than NOW - 2h below seq 61
        List<Long> young = a.stream().filter(s -> s >= 61).toList();
        assertEquals(young, store.messageSeqs("#a"));
        assertEquals(b, store.messageSeqs("#b"));
        assertEquals(plain, store.plainSeqs());
        assertEquals(List.of("#a≤59=40"), store.deletes, "seq 61 was posted exactly at the cutoff: it stays");
        assertEquals(40, r.byAge());
        assertEquals(1, r.rooms());
        assertEquals(young.size() + b.size(), r.storedMessages());
        assertEquals("removed 40 messages older than 2h from 1 room in 1 transaction of 1 ms at most; 180 messages"
                + " stay", r.describe(new RetentionConfig(2 * HOUR, 0, 60_000)));
    }

    @Test
    void aLongAgedRunGoesInTransactionsOfAtMostTheBatch() throws InterruptedException {
        List<Long> a = fill(1, 3_300, "#a", NOW - 5_000 * 60_000L);  // 2200 messages, all older than a day
        store.add(MemoryRetentionStore.message(3_301, "#a", NOW));
        RetentionRun r = run(cleanup(24 * HOUR, 0));
        assertEquals(List.of("#a≤" + a.get(999) + "=1000", "#a≤" + a.get(1999) + "=1000", "#a≤" + a.get(2199) + "=200"),
                store.deletes);
        assertEquals(List.of(3_301L), store.messageSeqs("#a"));
        assertEquals(2_200, r.byAge());
        assertEquals(1_100, store.plainSeqs().size());
    }

    @Test
    void bothLimitsTogetherTheCountFirst() throws InterruptedException {
        // 20 messages: seq s posted 31 - s minutes ago, so those up to seq 20 are older than 10 minutes
        List<Long> a = fill(1, 30, "#a", NOW - 30 * 60_000L);
        RetentionRun r = run(cleanup(10 * 60_000L, 15));
        assertEquals(List.of("#a≤" + a.get(4) + "=5", "#a≤20=9"), store.deletes, "the 5 oldest, then the old rest");
        assertEquals(last(a, 6), store.messageSeqs("#a"));
        assertEquals(new RetentionRun(1, 9, 5, 6, 2, 2 * MS, MS, false, null), r);
        assertEquals("removed 14 messages from 1 room (9 older than 10m, 5 beyond the newest 15 of a room) in 2"
                + " transactions of 1 ms at most; 6 messages stay", r.describe(new RetentionConfig(10 * 60_000L, 15,
                60_000)));
    }

    @Test
    void theLastStoredEventStaysWhateverItsAge() throws InterruptedException {
        fill(1, 5, "#a", NOW - 100 * HOUR);  // messages at 1, 2, 4, 5; 5 is the highest seq
        run(cleanup(HOUR, 0));
        assertEquals(List.of(5L), store.messageSeqs("#a"));
        assertEquals(List.of(3L), store.plainSeqs());
    }

    @Test
    void slowDeletesMakeSmallerTransactions() throws InterruptedException {
        List<Long> a = fill(1, 3_000, "#a", NOW);  // 2000 messages
        store.deleteNanos = 80 * MS;
        RetentionRun r = run(cleanup(0, 200));
        assertEquals(List.of(1000, 500, 250, 50), store.deletes.stream()
                .map(d -> Integer.parseInt(d.substring(d.indexOf('=') + 1))).toList());
        assertEquals(last(a, 200), store.messageSeqs("#a"));
        assertEquals(List.of(80L, 80L, 80L, 80L), rests);
        assertEquals(80 * MS, r.longestDeleteNanos());
        assertEquals(320 * MS, r.deleteNanos());
    }

    @Test
    void aFailingDatabaseEndsTheRunWithWhatWasRemovedUntilThen() throws InterruptedException {
        List<Long> a = fill(1, 3_000, "#a", NOW);
        store.failingDelete = 2;
        RetentionRun r = run(cleanup(0, 100));
        assertEquals(1_000, r.byCount());
        assertEquals(1, r.rooms());
        assertEquals("RuntimeException: disk full", WritingLoop.rootMessage(r.failure()));
        assertFalse(r.stopped());
        assertEquals(a.subList(1_000, a.size()), store.messageSeqs("#a"));
    }

    @Test
    void aStopEndsTheRunBetweenTwoDeletes() throws InterruptedException {
        fill(1, 3_000, "#a", NOW);
        fill(3_001, 3_030, "#b", NOW);
        RetentionCleanup cleanup = cleanup(0, 10);
        RetentionRun r = cleanup.run(NOW, () -> !store.deletes.isEmpty());
        assertTrue(r.stopped());
        assertEquals(1, store.deletes.size());
        assertEquals(1_000, r.byCount());
        assertEquals(20, store.messageSeqs("#b").size(), "#b is not reached");
        assertNull(r.failure());
    }

    @Test
    void messagesWhoseTimeCannotBeReadNeverMakeItLoop() throws InterruptedException {
        LongStream.rangeClosed(1, 2_500).forEach(s -> {
            CommittedEvent p = Samples.plain(s);
            store.add(new CommittedEvent(s, 1, p.originServer(), p.clientId(), s, p.payload(), "#a", "#a", "bob"));
        });
        store.add(Samples.plain(2_501));
        RetentionRun r = run(cleanup(HOUR, 0));
        assertEquals(0, r.removed());
        assertTrue(store.deletes.isEmpty());
        assertEquals(2_500, r.storedMessages());
    }

    @Test
    void aRunOverRoomsCountsTheRoomsItRemovedFrom() throws InterruptedException {
        fill(1, 30, "#a", NOW);
        fill(31, 60, "#b", NOW);
        fill(61, 63, "#c", NOW);
        RetentionRun r = run(cleanup(0, 5));
        assertEquals(2, r.rooms());
        assertEquals(30, r.byCount());
        assertEquals(12, r.storedMessages());
        assertEquals(5, store.messageSeqs("#a").size());
        assertEquals(2, store.messageSeqs("#c").size());
    }
}
