package org.syncnet.cluster.log;

import java.util.List;
import java.util.Map;

/**
 * A follower that stopped receiving its leader's appends (a one-way cut from the leader, a lossy link) while its
 * peers, by their heartbeats, commit on: once per retry interval it checks whether its commit point reached what the
 * peers announced by the previous check, and if not, fetches the committed entries from a peer that announced more,
 * trying another one each time. While answers bring entries it asks again every interval, so its clients keep
 * receiving the chat, a retry interval behind, until the leader's appends arrive again; it asks the peer that
 * answered last, or the next one ahead of it when that one did not answer. The leader's own appends
 * keep a follower ahead of what was announced a check earlier, so a healthy follower never fetches.
 */
final class CatchUp {
    private final long retryMillis;
    private long checkedAt = Long.MIN_VALUE / 2;
    /** The highest commit point the peers announced by the last check. */
    private long target;
    /** The last answer brought entries: more may follow. */
    private boolean gaining;
    private String lastSource;
    private long fetches;

    CatchUp(long retryMillis) {
        this.retryMillis = retryMillis;
    }

    /**
     * The peer to fetch committed entries from now, or null.
     *
     * @param announced each peer's commit point, as its latest heartbeat (or the leader's latest append) gave it
     * @param peers     the peers in ring order, to take turns
     */
    String due(long now, long commitSeq, Map<String, Long> announced, List<String> peers) {
        if (now - checkedAt < retryMillis) {
            return null;
        }
        checkedAt = now;
        long before = target;
        boolean wasGaining = gaining;
        gaining = false;
        for (long commit : announced.values()) {
            target = Math.max(target, commit);
        }
        if (commitSeq >= before && !wasGaining) {
            return null;
        }
        if (wasGaining && announced.containsKey(lastSource)) {
            fetches++;
            return lastSource; // it answered: ask it again
        }
        // Take turns among the peers that are ahead, starting after the one asked last (it may be cut off from us).
        int start = lastSource == null ? 0 : peers.indexOf(lastSource) + 1;
        for (int i = 0; i < peers.size(); i++) {
            String peer = peers.get((start + i) % peers.size());
            if (announced.getOrDefault(peer, -1L) > commitSeq) {
                lastSource = peer;
                fetches++;
                return peer;
            }
        }
        return null;
    }

    /** An answer added committed entries. */
    void gained() {
        gaining = true;
    }

    long fetches() {
        return fetches;
    }
}
