package org.syncnet.cluster.sim;

import java.util.PriorityQueue;

/**
 * The simulated clock and its agenda. Time only moves when the next event runs; events at the same instant run in
 * the order they were scheduled, so a run is a pure function of its seed.
 */
final class EventQueue {
    private record Event(long time, long order, Runnable action) {
    }

    private final PriorityQueue<Event> agenda = new PriorityQueue<>((a, b) -> a.time != b.time
            ? Long.compare(a.time, b.time) : Long.compare(a.order, b.order));
    private long now;
    private long scheduled;

    long now() {
        return now;
    }

    void at(long time, Runnable action) {
        if (time < now) {
            throw new IllegalArgumentException("event at " + time + " is in the past (now " + now + ")");
        }
        agenda.add(new Event(time, scheduled++, action));
    }

    void after(long delay, Runnable action) {
        at(now + delay, action);
    }

    /** Runs the next event if it is due no later than {@code until}; false when there is none. */
    boolean runNext(long until) {
        Event next = agenda.peek();
        if (next == null || next.time > until) {
            now = Math.max(now, until);
            return false;
        }
        agenda.poll();
        now = next.time;
        next.action.run();
        return true;
    }
}
