package org.syncnet.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hand-over from the chat's applier to the history writer: bounded by the bytes its events hold, and
 * {@link #offer} never waits, so a slow or failing database can never hold up the chat. One producer (the applier)
 * and one consumer (the writer).
 */
public final class WriteQueue {
    private final long capacityBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition enough = lock.newCondition();
    // Guarded by lock:
    private final ArrayDeque<CommittedEvent> events = new ArrayDeque<>();
    private long bytes;
    /**
     * How many queued events the waiting consumer wants (0: it does not wait). The producer signals only when they
     * are there: a batch that gathers events costs one wake-up, not one per event (a wake-up per event would be work
     * on the applier's thread for every event).
     */
    private int wanted;

    public WriteQueue(long capacityBytes) {
        if (capacityBytes < 1) {
            throw new IllegalArgumentException("capacity " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    /** Queues {@code e} if it fits; false (and nothing queued) if the queue is full. Never waits. */
    public boolean offer(CommittedEvent e) {
        int size = e.sizeEstimate();
        lock.lock();
        try {
            if (bytes + size > capacityBytes) {
                return false;
            }
            bytes += size;
            events.add(e);
            if (wanted > 0 && events.size() >= wanted) {
                wanted = 0;
                enough.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next events in order, at most {@code max}: waits up to {@code timeoutNanos} for the first, then takes
     * what is there without waiting. Empty if nothing came in time.
     */
    public List<CommittedEvent> take(int max, long timeoutNanos) throws InterruptedException {
        return take(1, max, timeoutNanos);
    }

    /**
     * The next events in order, at most {@code max}: waits up to {@code timeoutNanos} until {@code atLeast} are
     * queued, then takes what is there (fewer if the time ran out first, maybe none).
     */
    public List<CommittedEvent> take(int atLeast, int max, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            try {
                while (events.size() < atLeast && left > 0) {
                    wanted = atLeast;
                    left = enough.awaitNanos(left);
                }
            } finally {
                wanted = 0;
            }
            int n = Math.min(max, events.size());
            List<CommittedEvent> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                CommittedEvent e = events.poll();
                bytes -= e.sizeEstimate();
                batch.add(e);
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return events.size();
        } finally {
            lock.unlock();
        }
    }

    public long capacityBytes() {
        return capacityBytes;
    }
}
