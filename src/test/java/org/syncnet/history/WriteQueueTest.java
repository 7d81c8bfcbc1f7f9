package org.syncnet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WriteQueueTest {
    private static final int SIZE = Samples.plain(1).sizeEstimate();

    @Test
    void batchesComeInOrderAndAtMostTheirSize() throws InterruptedException {
        WriteQueue q = new WriteQueue(1_000_000);
        Samples.plains(1, 25).forEach(e -> assertTrue(q.offer(e)));
        assertEquals(25, q.size());
        assertEquals(25L * SIZE, q.bytes());

        List<CommittedEvent> taken = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        while (q.size() > 0) {
            List<CommittedEvent> batch = q.take(10, 0);
            sizes.add(batch.size());
            taken.addAll(batch);
        }
        assertEquals(List.of(10, 10, 5), sizes);
        assertEquals(Samples.plains(1, 25), taken);
        assertEquals(0, q.bytes(), "taking frees the bytes");
    }

    @Test
    void aFullQueueRefusesAtOnceAndTakesAgainOnceThereIsRoom() throws InterruptedException {
        WriteQueue q = new WriteQueue(3L * SIZE);
        assertTrue(q.offer(Samples.plain(1)));
        assertTrue(q.offer(Samples.plain(2)));
        assertTrue(q.offer(Samples.plain(3)));
        assertFalse(q.offer(Samples.plain(4)), "full: refused, not waited for");
        assertEquals(3, q.size());
        assertEquals(List.of(Samples.plain(1)), q.take(1, 0));
        assertTrue(q.offer(Samples.plain(4)));
        assertEquals(Samples.plains(2, 4), q.take(10, 0));
    }

    @Test
    void theBoundIsInBytesNotEvents() {
        WriteQueue q = new WriteQueue(2L * SIZE);
        assertTrue(q.offer(Samples.plain(1)));
        assertFalse(q.offer(Samples.message(2, "#a", "x".repeat(4000))), "a large event does not fit the room left");
        assertTrue(q.offer(Samples.plain(3)), "a small one still does");
        assertEquals(2L * SIZE, q.bytes());
    }

    @Test
    void takeWaitsForTheFirstEventOnlyUntilItsTimeout() throws InterruptedException {
        WriteQueue q = new WriteQueue(1_000_000);
        long start = System.nanoTime();
        assertTrue(q.take(10, TimeUnit.MILLISECONDS.toNanos(50)).isEmpty());
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(40), "it waited");
    }

    @Test
    void aWaitingTakeGetsAnEventOfferedMeanwhile() throws Exception {
        WriteQueue q = new WriteQueue(1_000_000);
        Thread producer = new Thread(() -> q.offer(Samples.plain(9)));
        producer.start();
        assertEquals(List.of(Samples.plain(9)), q.take(10, TimeUnit.SECONDS.toNanos(10)));
        producer.join();
    }

    @Test
    void aTakeForSeveralEventsGetsWhatCameWhenItsTimeRunsOut() throws InterruptedException {
        WriteQueue q = new WriteQueue(1_000_000);
        q.offer(Samples.plain(1));
        q.offer(Samples.plain(2));
        assertEquals(Samples.plains(1, 2), q.take(5, 10, TimeUnit.MILLISECONDS.toNanos(20)));
        assertEquals(0, q.bytes());
    }

    @Test
    void aTakeForSeveralEventsReturnsOnceTheyAreThere() throws Exception {
        WriteQueue q = new WriteQueue(1_000_000);
        q.offer(Samples.plain(1));
        Thread producer = new Thread(() -> Samples.plains(2, 3).forEach(q::offer));
        producer.start();
        assertEquals(Samples.plains(1, 3), q.take(3, 10, TimeUnit.HOURS.toNanos(1)));
        producer.join();
    }
}
