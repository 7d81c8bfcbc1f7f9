package org.syncnet.cluster;

import java.util.List;
import java.util.Map;
import org.syncnet.cluster.log.entry.LogPosition;

/**
 * A snapshot of one server's view of the cluster, as the REST view and the health checks show it: who leads, the
 * members, this server's log position, whether it is caught up (see {@link ClusterNode#isCaughtUp}), and what its log
 * had to work around; while it leads, how many entries each follower has not acknowledged yet
 * ({@code replicationLag}, by follower id; empty otherwise).
 */
public record ClusterView(String self, String leader, long epoch, boolean hasQuorum, Role role,
                          List<MemberView> members, Map<String, Long> dropped, LogPosition log, boolean caughtUp,
                          LogCounters counters, Map<String, Long> replicationLag) {

    /**
     * Since this server started: how often a peer needed entries its log no longer keeps, how often it fetched
     * committed entries from a peer because its leader's appends did not arrive, how many forwards it relayed to the
     * leader for a peer that could not reach it, and how many forwarded parts it (as leader) held back until the part
     * of their client before them arrived.
     */
    public record LogCounters(long unservableCatchUps, long catchUpFetches, long relayedForwards, long heldBack) {
    }

    /** {@code lastHeardMillisAgo} is null for a peer never heard since this server started. */
    public record MemberView(String id, int ringPosition, boolean alive, PeerState state, Long lastHeardMillisAgo) {
    }
}
