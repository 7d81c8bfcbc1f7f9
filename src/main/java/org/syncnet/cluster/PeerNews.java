package org.syncnet.cluster;

import java.util.HashMap;
import java.util.Map;
import org.syncnet.cluster.wire.Envelope;
import org.syncnet.cluster.wire.Heartbeat;

/**
 * What this server learned about each peer from its datagrams: which process of the peer is current (its
 * incarnation), whether that process said goodbye, and the newest heartbeat it sent. It answers the questions
 * that let the election ignore old news: is this a restart, was this overtaken by a Leave, is this heartbeat older
 * than one already seen.
 */
final class PeerNews {
    /** Per peer, the incarnation last heard from: a higher one means the peer restarted. */
    private final Map<String, Long> incarnation = new HashMap<>();
    /** Per peer that left gracefully, the incarnation that said goodbye. */
    private final Map<String, Long> leftIncarnation = new HashMap<>();
    /** Per peer, the envelope of its newest heartbeat: heartbeats are ordered by it, never by their stamps. */
    private final Map<String, Envelope> newestEnvelope = new HashMap<>();
    private final Map<String, Heartbeat> newest = new HashMap<>();

    /** Records the sender's process; true if it is a newer one than before, i.e. the peer restarted. */
    boolean restarted(Envelope env) {
        Long known = incarnation.put(env.sender(), env.incarnation());
        boolean restarted = known != null && env.incarnation() > known;
        if (restarted) {
            forgetHeartbeats(env.sender());
        }
        return restarted;
    }

    /** Sent by a process that has since said goodbye, and overtaken by its Leave on the way. */
    boolean sentBeforeLeave(Envelope env) {
        Long gone = leftIncarnation.get(env.sender());
        return gone != null && env.incarnation() <= gone;
    }

    void left(Envelope env) {
        leftIncarnation.put(env.sender(), env.incarnation());
        forgetHeartbeats(env.sender());
    }

    /**
     * Records a heartbeat; false if a newer one of the same process was already seen (reordered). Ordered by the
     * sequence number, not by the stamp: two heartbeats sent in the same millisecond (the candidate's, then the
     * new leader's) share a stamp, and taking the older one for news would release a leader that never stepped
     * down.
     */
    boolean heartbeat(Envelope env, Heartbeat hb) {
        Envelope previous = newestEnvelope.get(env.sender());
        if (previous != null && previous.incarnation() == env.incarnation() && previous.sequence() > env.sequence()) {
            return false;
        }
        newestEnvelope.put(env.sender(), env);
        newest.put(env.sender(), hb);
        return true;
    }

    /** The peer's newest heartbeat from its current process, or null. */
    Heartbeat latest(String peer) {
        return newest.get(peer);
    }

    /** The peer's current incarnation, or {@code Long.MAX_VALUE} if never heard (matches any). */
    long incarnationOf(String peer) {
        return incarnation.getOrDefault(peer, Long.MAX_VALUE);
    }

    private void forgetHeartbeats(String peer) {
        newest.remove(peer);
        newestEnvelope.remove(peer);
    }
}
