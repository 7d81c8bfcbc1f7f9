package org.syncnet.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * A leader's quorum lease. Each follower's acknowledgement echoes the stamp of the leader heartbeat it answers,
 * a time on the leader's own clock; the leader holds the lease while a quorum (itself included) acknowledged a
 * heartbeat sent within the last failure timeout. A follower promises elsewhere only after its leader was silent
 * for that long, so the lease runs out before any rival can collect a quorum: no clock comparison between
 * servers is needed, only equal clock rates.
 */
final class LeaderLease {
    private final long durationMillis;
    private final int quorum;
    /** Per follower, the newest of the leader's own stamps it acknowledged in the current epoch. */
    private final Map<String, Long> acknowledged = new HashMap<>();

    LeaderLease(long durationMillis, int quorum) {
        this.durationMillis = durationMillis;
        this.quorum = quorum;
    }

    void acknowledged(String follower, long stamp) {
        acknowledged.merge(follower, stamp, Math::max);
    }

    /** The follower is gone (left or restarted): its acknowledgements no longer bind it. */
    void forget(String follower) {
        acknowledged.remove(follower);
    }

    /** A new epoch, or no longer leading: nothing acknowledged before counts. */
    void clear() {
        acknowledged.clear();
    }

    boolean isHeld(long now) {
        long since = now - durationMillis;
        int holders = 1;
        for (long stamp : acknowledged.values()) {
            if (stamp > since) {
                holders++;
            }
        }
        return holders >= quorum;
    }
}
