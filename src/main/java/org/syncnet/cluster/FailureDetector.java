package org.syncnet.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Heartbeat failure detection with flap damping. Any datagram from a peer is a sign of life, and so is a peer's
 * word that it heard the peer directly (every heartbeat says when its sender last heard each member): a one-way cut
 * or a lossy link between two servers does not make them fail each other while a third hears both, as in SWIM's
 * indirect probes. Such word keeps a peer alive but never brings one back that failed or left. A peer silent here
 * for half-way between the heartbeat interval and the failure timeout is {@link PeerState#INDIRECT} if others heard
 * it since, else suspected, and failed once nobody heard it for the failure timeout.
 * A peer that came back (or became ready again, or was merely suspected) counts as stable only after a period
 * that doubles with each failure it had recently, so a server that comes and goes cannot make leadership follow
 * it back and forth.
 */
final class FailureDetector {
    private static final int MAX_DAMPING_SHIFT = 3;
    private static final int FLAP_WINDOW_TIMEOUTS = 20;

    private static final class Peer {
        PeerState state = PeerState.UNKNOWN;
        long lastHeard;
        /** The latest time a peer said it heard this one directly (Long.MIN_VALUE: never). */
        long heardByOthers = Long.MIN_VALUE;
        /** Since when it has been alive and reported itself ready, without interruption. */
        long stableSince;
        boolean everHeard;
        boolean ready;
        final Deque<Long> failures = new ArrayDeque<>();
    }

    private final long suspectAfter;
    private final long failureTimeout;
    private final Map<String, Peer> peers = new LinkedHashMap<>();

    FailureDetector(Collection<String> peerIds, long heartbeatMillis, long failureTimeoutMillis, long now) {
        this.failureTimeout = failureTimeoutMillis;
        this.suspectAfter = (heartbeatMillis + failureTimeoutMillis) / 2;
        for (String id : peerIds) {
            Peer p = new Peer();
            p.lastHeard = now; // an unknown peer fails one timeout after this server starts
            peers.put(id, p);
        }
    }

    /** Records a sign of life; returns the transition if the peer was not counted alive or was suspected. */
    PeerTransition heard(String id, long now) {
        Peer p = peers.get(id);
        long silent = now - p.lastHeard;
        p.lastHeard = Math.max(p.lastHeard, now);
        p.everHeard = true;
        if (p.state == PeerState.ALIVE) {
            return null;
        }
        PeerState from = p.state;
        if (!from.alive()) {
            p.stableSince = now;
            p.ready = false;
        } else if (from == PeerState.SUSPECT) {
            // Not a failure, but a gap: stability must be proven again, or a server that drops out for a little
            // less than the failure timeout, again and again, would count as stable all along.
            p.stableSince = now;
        }
        // INDIRECT -> ALIVE is no gap: others heard it all along.
        p.state = PeerState.ALIVE;
        return new PeerTransition(id, from, PeerState.ALIVE, silent);
    }

    PeerTransition left(String id, long now) {
        Peer p = peers.get(id);
        if (p.state == PeerState.LEFT) {
            return null;
        }
        PeerState from = p.state;
        p.state = PeerState.LEFT;
        recordFailure(p, now);
        return new PeerTransition(id, from, PeerState.LEFT, now - p.lastHeard);
    }

    /**
     * The peer restarted: a datagram came from a new incarnation, so its previous process died, however briefly,
     * and everything it granted died with it. That is a failure (for flap damping too), even when the restart was
     * quicker than the failure timeout; the caller then records the new process as heard.
     */
    PeerTransition restarted(String id, long now) {
        Peer p = peers.get(id);
        PeerState from = p.state;
        p.ready = false;
        if (!from.alive()) {
            return null; // already known to be gone (failed or left): nothing new to report
        }
        recordFailure(p, now);
        p.state = PeerState.FAILED;
        return new PeerTransition(id, from, PeerState.FAILED, now - p.lastHeard);
    }

    /**
     * A peer said it heard {@code id} directly at {@code heardAt} (on this server's clock: when its word arrived,
     * less the age it gave). Keeps a live peer alive; a failed, departed or never heard one stays so.
     */
    PeerTransition heardThrough(String id, long heardAt, long now) {
        Peer p = peers.get(id);
        if (!p.state.alive() || heardAt > now) {
            return null;
        }
        p.heardByOthers = Math.max(p.heardByOthers, heardAt);
        return classify(id, p, now);
    }

    List<PeerTransition> tick(long now) {
        List<PeerTransition> changes = new ArrayList<>();
        for (Map.Entry<String, Peer> e : peers.entrySet()) {
            Peer p = e.getValue();
            PeerTransition change = p.state == PeerState.UNKNOWN && now - p.lastHeard >= failureTimeout
                    ? move(e.getKey(), p, PeerState.FAILED, now)
                    : p.state.alive() ? classify(e.getKey(), p, now) : null;
            if (change != null) {
                changes.add(change);
            }
        }
        return changes;
    }

    /** A live peer's state by how long ago it was heard here and by others. */
    private PeerTransition classify(String id, Peer p, long now) {
        long direct = now - p.lastHeard;
        long anyone = now - Math.max(p.lastHeard, p.heardByOthers);
        PeerState next = p.state;
        if (anyone >= failureTimeout) {
            next = PeerState.FAILED;
            recordFailure(p, now);
        } else if (direct >= suspectAfter) {
            // Others heard it after we did: it lives, we just do not hear it (and their word, a heartbeat apart,
            // must not make it flap between the two).
            next = p.heardByOthers > p.lastHeard ? PeerState.INDIRECT : PeerState.SUSPECT;
        }
        return move(id, p, next, now);
    }

    private PeerTransition move(String id, Peer p, PeerState next, long now) {
        if (next == p.state) {
            return null;
        }
        PeerTransition t = new PeerTransition(id, p.state, next, now - p.lastHeard);
        p.state = next;
        return t;
    }

    private void recordFailure(Peer p, long now) {
        p.failures.addLast(now);
        while (p.failures.size() > MAX_DAMPING_SHIFT + 1) {
            p.failures.removeFirst();
        }
    }

    /**
     * A live peer that says it is not ready (starting up, or unable to see a quorum) is not stable; losing
     * readiness counts as a failure for flap damping, since it also cost the peer its part in the cluster.
     */
    void readiness(String id, boolean ready, long now) {
        Peer p = peers.get(id);
        if (!ready) {
            if (p.ready) {
                recordFailure(p, now);
            }
            p.stableSince = now;
        }
        p.ready = ready;
    }

    /** Silence after which a peer is no longer counted as heard directly. */
    long suspectAfter() {
        return suspectAfter;
    }

    PeerState state(String id) {
        return peers.get(id).state;
    }

    boolean isAlive(String id) {
        return peers.get(id).state.alive();
    }

    /** Null if never heard since this server started. */
    Long lastHeard(String id) {
        Peer p = peers.get(id);
        return p.everHeard ? p.lastHeard : null;
    }

    /**
     * Alive and ready for at least its damped stability period, as proven by what was heard from it: the period is
     * measured up to the last time it was heard, not up to now. A peer that died a moment ago still counts as alive
     * until the failure timeout, which is as long as the shortest stability period; measured up to now, a server
     * that came back and died again just before its period ended would be handed the lead dead.
     */
    boolean isStable(String id, long now) {
        Peer p = peers.get(id);
        return p.state.alive() && p.ready && p.lastHeard - p.stableSince >= stablePeriod(p, now);
    }

    /**
     * May be elected: it did not fail recently, or it has been stable since. Flap damping applies to elections as
     * well as to hand-overs: a server back from a recent failure may not win the lead just because nobody held it
     * at the moment it came back.
     */
    boolean isTrusted(String id, long now) {
        Peer p = peers.get(id);
        return recentFailures(p, now) == 0 || isStable(id, now);
    }

    private int recentFailures(Peer p, long now) {
        long window = FLAP_WINDOW_TIMEOUTS * failureTimeout;
        return (int) p.failures.stream().filter(t -> now - t < window).count();
    }

    private long stablePeriod(Peer p, long now) {
        int recent = recentFailures(p, now);
        return failureTimeout << Math.min(Math.max(recent - 1, 0), MAX_DAMPING_SHIFT);
    }

    record PeerTransition(String peer, PeerState from, PeerState to, long silentMillis) {
    }
}
