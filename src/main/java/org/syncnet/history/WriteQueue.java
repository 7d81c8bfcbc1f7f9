package org.syncnet.history;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-over from the chat's applier to the history writer: bounded by the bytes its events hold, and
 * {@link #offer} never waits, so a slow or failing database can never hold up the chat. One producer (the applier)
 * and one consumer (the writer).
 */
public final class WriteQueue {
    private final long capacityBytes;
    private final LinkedBlockingQueue<CommittedEvent> events = new LinkedBlockingQueue<>();
    private final AtomicLong bytes = new AtomicLong();

    public WriteQueue(long capacityBytes) {
        if (capacityBytes < 1) {
            throw new IllegalArgumentException("capacity " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    /** Queues {@code e} if it fits; false (and nothing queued) if the queue is full. Never waits. */
    public boolean offer(CommittedEvent e) {
        int size = e.sizeEstimate();
        // One producer: nobody else adds between the check and the add; the consumer only makes room.
        if (bytes.get() + size > capacityBytes) {
            return false;
        }
        bytes.addAndGet(size);
        events.add(e);
        return true;
    }

    /**
     * The next events in order, at most {@code max}: waits up to {@code timeoutNanos} for the first, then takes
     * what is there without waiting. Empty if nothing came in time.
     */
    public List<CommittedEvent> take(int max, long timeoutNanos) throws InterruptedException {
        CommittedEvent first = events.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        if (first == null) {
            return List.of();
        }
        List<CommittedEvent> batch = new ArrayList<>(Math.min(max, events.size() + 1));
        batch.add(first);
        events.drainTo(batch, max - 1);
        long taken = 0;
        for (CommittedEvent e : batch) {
            taken += e.sizeEstimate();
        }
        bytes.addAndGet(-taken);
        return batch;
    }

    public long bytes() {
        return bytes.get();
    }

    public int size() {
        return events.size();
    }

    public long capacityBytes() {
        return capacityBytes;
    }
}
