package org.syncnet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RetentionLoopTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long WALL = 1_800_000_000_000L;
    private static final RetentionConfig CONFIG = new RetentionConfig(0, 5, 60_000);

    private final MemoryRetentionStore store = new MemoryRetentionStore();
    private final List<Long> waits = new ArrayList<>();
    /** The monotonic clock: moves by what the deletes take and by what the loop waits. */
    private long nanos = 7 * MS;
    private RetentionLoop loop;

    {
        store.clock = took -> nanos += took;
        RetentionCleanup cleanup = new RetentionCleanup(CONFIG, store, new DeletePacing(), this::waited, () -> nanos);
        loop = new RetentionLoop("s1", CONFIG, cleanup, this::waited, () -> nanos, () -> WALL + nanos / MS);
    }

    private void waited(long millis) {
        waits.add(millis);
        nanos += millis * MS;
    }

    private void messages(long from, long to, String room) {
        for (long s = from; s <= to; s++) {
            store.add(MemoryRetentionStore.message(s, room, WALL));
        }
    }

    @Test
    void beforeTheFirstCleanupTheStatusSaysSo() {
        RetentionStatus s = loop.status();
        assertTrue(s.active());
        assertEquals(CONFIG, s.config());
        assertEquals(0, s.runs());
        assertEquals(-1, s.lastRunAtMillis());
        assertEquals(-1, s.storedMessages(), "not counted yet");
        assertEquals(60_000, loop.millisUntilDue(), "an interval after the start");
        RetentionStatus inactive = RetentionStatus.inactive(RetentionConfig.keepEverything());
        assertFalse(inactive.active());
        assertEquals(0, inactive.removed());
    }

    @Test
    void cleanupsAddUpInTheCounters() throws InterruptedException {
        messages(1, 12, "#a");
        messages(13, 14, "#b");
        RetentionRun first = loop.runOnce();
        assertEquals(7, first.removed());
        messages(15, 20, "#b");
        loop.runOnce();

        RetentionStatus s = loop.status();
        assertEquals(2, s.runs());
        assertEquals(10, s.removed());
        assertEquals(10, s.byCount());
        assertEquals(0, s.byAge());
        assertEquals(3, s.lastRunRemoved());
        assertEquals(10, s.storedMessages());
        assertEquals(2, s.deletes());
        assertEquals(2 * MS, s.deleteNanos());
        assertEquals(MS, s.longestDeleteNanos());
        assertEquals(2, s.lastRunMillis(), "the delete and the rest after it");
        assertEquals(WALL + nanos / MS, s.lastRunAtMillis(), "when it ended, on the wall clock");
        assertEquals(60_000, loop.millisUntilDue(), "the next an interval after the end");
        assertEquals(0, s.failures());
        assertNull(s.lastFailure());
    }

    @Test
    void aFailingCleanupIsCountedAndTheNextOneGoesOn() throws InterruptedException {
        messages(1, 12, "#a");
        store.failingDelete = 1;
        RetentionRun failed = loop.runOnce();
        assertEquals("RuntimeException: disk full", WritingLoop.rootMessage(failed.failure()));
        RetentionStatus s = loop.status();
        assertEquals(1, s.failures());
        assertTrue(s.failing());
        assertEquals("RuntimeException: disk full", s.lastFailure());
        assertEquals(-1, s.storedMessages(), "a failed cleanup counts nothing");
        assertEquals(12, store.messageSeqs("#a").size());

        loop.runOnce();
        s = loop.status();
        assertFalse(s.failing());
        assertEquals(1, s.failures());
        assertEquals(7, s.removed());
        assertEquals(5, s.storedMessages());
        assertEquals(2, s.runs());
    }

    /** The thread's body: waits for the schedule, cleans up when due, and ends when stopped while it waits. */
    @Test
    void theLoopCleansUpWhenDueUntilStopped() throws InterruptedException {
        messages(1, 12, "#a");
        List<Long> seen = new ArrayList<>();
        RetentionCleanup cleanup = new RetentionCleanup(CONFIG, store, new DeletePacing(), this::waited, () -> nanos);
        RetentionLoop[] stoppable = new RetentionLoop[1];
        stoppable[0] = new RetentionLoop("s1", CONFIG, cleanup, millis -> {
            seen.add(millis);
            nanos += millis * MS;
            if (seen.size() == 2) {
                stoppable[0].stop();  // the server stops during the second wait
            }
        }, () -> nanos, () -> WALL);
        stoppable[0].run();
        assertTrue(stoppable[0].awaitEnd(0), "run() returned");
        assertEquals(List.of(60_000L, 60_000L), seen, "an interval, the cleanup, an interval");
        assertEquals(1, stoppable[0].status().runs());
        assertEquals(5, store.messageSeqs("#a").size());
    }
}
