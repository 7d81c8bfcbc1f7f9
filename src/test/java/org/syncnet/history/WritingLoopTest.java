package org.syncnet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WritingLoopTest {
    private final MemoryStore store = new MemoryStore();
    private final WriteQueue queue = new WriteQueue(10_000_000);
    private final List<Long> pauses = new ArrayList<>();
    /** A clock that moves 1 ms each time it is read. */
    private long now;
    private final WritingLoop loop = new WritingLoop("s1", queue, new HistoryWriter("s1", store), 4, pauses::add,
            () -> now += 1_000_000, TimeUnit.SECONDS.toNanos(5), 0);

    private void queue(long from, long to) {
        Samples.plains(from, to).forEach(e -> assertTrue(queue.offer(e)));
    }

    @Test
    void whatIsQueuedIsWrittenInBatchesOfTheBatchSize() throws InterruptedException {
        queue(1, 10);
        assertEquals(4, loop.runOnce(0));
        assertEquals(4, loop.runOnce(0));
        assertEquals(2, loop.runOnce(0));
        assertEquals(0, loop.runOnce(0), "nothing queued");
        assertEquals(List.of(Samples.plains(1, 4), Samples.plains(5, 8), Samples.plains(9, 10)), store.appends);
        assertEquals(3, loop.batches());
        assertEquals(3_000_000, loop.writeNanos(), "the clock read around each write");
        assertEquals(0, loop.failures());
        assertNull(loop.lastFailure());
    }

    /** The database fails: the same batch is tried again after pauses that double, then it goes on. */
    @Test
    void aFailingBatchIsTriedAgainWithGrowingPausesUntilTheDatabaseTakesIt() throws InterruptedException {
        queue(1, 6);
        store.failNext(10);
        assertEquals(4, loop.runOnce(0));
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 10_000L, 10_000L, 10_000L), pauses);
        assertEquals(10, loop.failures());
        assertEquals("RuntimeException: disk full", loop.lastFailure(), "the database's own words");
        assertFalse(loop.isFailing());
        assertEquals(List.of(Samples.plains(1, 4)), store.appends, "written once, in the end");
        loop.runOnce(0);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), new ArrayList<>(store.events.keySet()));

        store.failNext(1);
        queue(7, 7);
        loop.runOnce(0);
        assertEquals(100L, pauses.get(pauses.size() - 1), "a new stretch of failures starts with a short pause");
    }

    /** Events queued when a batch starts, or arriving within the linger time after its first, join that batch. */
    @Test
    void aBatchGathersWhatArrivesDuringTheLinger() throws InterruptedException {
        WritingLoop lingering = new WritingLoop("s1", queue, new HistoryWriter("s1", store), 100, pauses::add,
                System::nanoTime, 0, TimeUnit.MILLISECONDS.toNanos(20));
        queue(1, 3);
        lingering.runOnce(0);
        assertEquals(List.of(Samples.plains(1, 3)), store.appends, "one transaction, in order");
    }

    /** A batch that fills up goes at once: the linger only waits for events that may still come. */
    @Test
    void aFullBatchDoesNotWaitForTheLingerToEnd() throws Exception {
        WritingLoop lingering = new WritingLoop("s1", queue, new HistoryWriter("s1", store), 4, pauses::add,
                System::nanoTime, 0, TimeUnit.HOURS.toNanos(1));
        queue(1, 1);
        Thread producer = new Thread(() -> queue(2, 5));
        producer.start();
        lingering.runOnce(0);
        producer.join();
        assertEquals(List.of(Samples.plains(1, 4)), store.appends, "the first four, in one transaction");
        assertEquals(1, queue.size(), "the fifth waits for the next batch");
    }

    @Test
    void pausesDoubleFromATenthOfASecondToTenSeconds() {
        assertEquals(100, WritingLoop.pauseMillis(1));
        assertEquals(200, WritingLoop.pauseMillis(2));
        assertEquals(6400, WritingLoop.pauseMillis(7));
        assertEquals(10_000, WritingLoop.pauseMillis(8));
        assertEquals(10_000, WritingLoop.pauseMillis(1_000_000));
    }

    /** Stopped: run() writes what is still queued and returns. */
    @Test
    void runWritesWhatIsLeftWhenStopped() throws InterruptedException {
        queue(1, 9);
        loop.stop();
        loop.run();
        assertTrue(loop.awaitEnd(0));
        assertEquals(9, store.events.size());
        assertEquals(0, queue.size());
    }

    /** Stopping while the database fails: no endless retries; the loop gives up and ends. */
    @Test
    void aFailingDatabaseDoesNotHoldUpTheStop() throws InterruptedException {
        queue(1, 9);
        store.failNext(Integer.MAX_VALUE);
        loop.stop();
        loop.run();
        assertTrue(loop.awaitEnd(0));
        assertTrue(store.events.isEmpty());
        assertTrue(pauses.isEmpty(), "no pause when stopping");
    }

    @Test
    void theDrainEndsAtItsDeadline() throws InterruptedException {
        long[] clock = {0};
        WritingLoop slow = new WritingLoop("s1", queue, new HistoryWriter("s1", store), 1, pauses::add,
                () -> clock[0] += TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(5), 0);
        queue(1, 100);
        slow.stop();
        slow.run();
        assertTrue(store.events.size() < 10, "stopped after about five seconds: " + store.events.size());
        assertTrue(queue.size() > 90);
    }

    @Test
    void theRootCauseSpeaks() {
        assertEquals("IllegalStateException: table locked", WritingLoop.rootMessage(
                new RuntimeException("tx", new IllegalStateException("  table locked\n"))));
        assertEquals("NullPointerException", WritingLoop.rootMessage(new NullPointerException()));
    }
}
