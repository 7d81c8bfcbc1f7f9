package org.syncnet.cluster;

import java.util.List;
import java.util.Map;
import org.syncnet.cluster.log.LogPosition;

/**
 * A snapshot of one server's view of the cluster, as the REST view and the health checks show it: who leads, the
 * members, this server's log position, whether it is caught up (see {@link ClusterNode#isCaughtUp}), and how often a
 * peer needed entries its log no longer keeps.
 */
public record ClusterView(String self, String leader, long epoch, boolean hasQuorum, Role role,
                          List<MemberView> members, Map<String, Long> dropped, LogPosition log, boolean caughtUp,
                          long unservableCatchUps) {

    /** {@code lastHeardMillisAgo} is null for a peer never heard since this server started. */
    public record MemberView(String id, int ringPosition, boolean alive, PeerState state, Long lastHeardMillisAgo) {
    }
}
