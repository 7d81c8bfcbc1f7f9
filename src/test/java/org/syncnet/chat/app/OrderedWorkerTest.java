package org.syncnet.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderedWorkerTest {
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<String> log = new ArrayList<>();  // written by the worker thread only, read after a latch

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void tasksRunInOrderAndTheirBatchIsFlushedOnce() throws InterruptedException {
        CountDownLatch flushed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OrderedWorker worker = new OrderedWorker("test", () -> {
            log.add("flush");
            flushed.countDown();
        }, TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(50));
        worker.start(executor);
        worker.submit(() -> await(release));  // holds the worker while the batch queues up
        for (int i = 1; i <= 100; i++) {
            int n = i;
            worker.submit(() -> log.add("task" + n));
        }
        release.countDown();
        assertTrue(flushed.await(10, TimeUnit.SECONDS));
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            expected.add("task" + i);
        }
        expected.add("flush");
        CountDownLatch seen = new CountDownLatch(1);
        worker.submit(seen::countDown);
        assertTrue(seen.await(10, TimeUnit.SECONDS));
        assertEquals(expected, log.subList(0, 101), "in order, one flush for the batch");
        worker.stop();
    }

    @Test
    void aLoneTaskIsFlushedAfterTheLingerAndAFailingTaskDoesNotStopTheWorker() throws InterruptedException {
        CountDownLatch flushed = new CountDownLatch(1);
        long linger = TimeUnit.MILLISECONDS.toNanos(20);
        OrderedWorker worker = new OrderedWorker("test", flushed::countDown, linger, linger);
        worker.start(executor);
        long start = System.nanoTime();
        worker.submit(() -> {
            throw new IllegalStateException("a failing task");
        });
        CountDownLatch second = new CountDownLatch(1);
        worker.submit(second::countDown);
        assertTrue(second.await(10, TimeUnit.SECONDS), "the worker goes on after a failure");
        assertTrue(flushed.await(10, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start >= linger, "not flushed before the linger");
        worker.stop();
    }

    /** Without a linger, a task's output leaves as soon as no task waits, however long a batch may gather. */
    @Test
    void withoutALingerALoneTaskIsFlushedAtOnce() throws InterruptedException {
        CountDownLatch flushed = new CountDownLatch(1);
        OrderedWorker worker = new OrderedWorker("test", flushed::countDown, 0, TimeUnit.HOURS.toNanos(1));
        worker.start(executor);
        worker.submit(() -> log.add("task"));
        assertTrue(flushed.await(10, TimeUnit.SECONDS), "flushed once the queue was empty, not an hour later");
        worker.stop();
    }

    /** A batch's output is due its longest gather after its first task, even if tasks keep waiting (3 ms each here). */
    @Test
    void aBusyWorkerStillFlushesOnceTheLingerIsOver() throws InterruptedException {
        CountDownLatch twoFlushes = new CountDownLatch(2);
        OrderedWorker worker = new OrderedWorker("test", () -> {
            log.add("flush");
            twoFlushes.countDown();
        }, 0, TimeUnit.MILLISECONDS.toNanos(1));
        for (String name : List.of("a", "b", "c")) {
            worker.submit(() -> {
                log.add(name);
                sleepMillis(3);  // work that outlasts the linger
            });
        }
        worker.start(executor);
        assertTrue(twoFlushes.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("a", "b", "flush", "c", "flush"), log,
                "b ends past a's longest gather: flushed before c, not once the queue is empty");
        worker.stop();
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
