package org.syncnet.cluster.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Keeps the recent leadership changes this server saw, for the REST view (when did the leader change?), and counts
 * them all, for the metrics.
 */
@ApplicationScoped
public class LeadershipHistory {
    private static final int KEEP = 20;

    private final Deque<LeadershipChanged> recent = new ArrayDeque<>();
    private long total;

    void record(@Observes LeadershipChanged change) {
        synchronized (recent) {
            total++;
            recent.addLast(change);
            while (recent.size() > KEEP) {
                recent.removeFirst();
            }
        }
    }

    /** Leadership changes this server saw since it started. */
    public long total() {
        synchronized (recent) {
            return total;
        }
    }

    /** Oldest first. */
    public List<LeadershipChanged> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
