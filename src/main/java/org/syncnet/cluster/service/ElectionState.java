package org.syncnet.cluster.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import org.syncnet.cluster.ClusterEvent;
import org.syncnet.cluster.ClusterView;

/**
 * The election state as the rest of the application sees it: the newest view of the cluster, and a
 * {@link LeadershipChanged} CDI event for every leadership change. Observers run on the cluster thread, in
 * order; they must be quick and must not call back into {@link ClusterService}.
 */
@ApplicationScoped
public class ElectionState {
    @Inject
    Event<LeadershipChanged> leadershipChanged;

    private volatile ClusterView view;

    void publish(ClusterView current, List<ClusterEvent> events) {
        view = current;
        for (ClusterEvent e : events) {
            if (e instanceof ClusterEvent.LeaderChanged c) {
                leadershipChanged.fire(new LeadershipChanged(current.self(), c.leader(), c.epoch(), c.hasQuorum(),
                        c.reason(), System.currentTimeMillis()));
            }
        }
    }

    /** Null until the cluster service has started. */
    public ClusterView view() {
        return view;
    }

    /** Readiness: a leader is known and holds a quorum. */
    public boolean leaderWithQuorum() {
        ClusterView v = view;
        return v != null && v.leader() != null && v.hasQuorum();
    }
}
