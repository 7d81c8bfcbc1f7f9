package org.syncnet.cluster.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Keeps the recent leadership changes this server saw, for the REST view (when did the leader change?). */
@ApplicationScoped
public class LeadershipHistory {
    private static final int KEEP = 20;

    private final Deque<LeadershipChanged> recent = new ArrayDeque<>();

    void record(@Observes LeadershipChanged change) {
        synchronized (recent) {
            recent.addLast(change);
            while (recent.size() > KEEP) {
                recent.removeFirst();
            }
        }
    }

    /** Oldest first. */
    public List<LeadershipChanged> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
