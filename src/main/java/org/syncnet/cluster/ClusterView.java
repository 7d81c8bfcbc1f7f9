package org.syncnet.cluster;

import java.util.List;
import java.util.Map;

/** A snapshot of one server's view of the cluster, as the REST view and the health checks show it. */
public record ClusterView(String self, String leader, long epoch, boolean hasQuorum, Role role,
                          List<MemberView> members, Map<String, Long> dropped) {

    /** {@code lastHeardMillisAgo} is null for a peer never heard since this server started. */
    public record MemberView(String id, int ringPosition, boolean alive, PeerState state, Long lastHeardMillisAgo) {
    }
}
