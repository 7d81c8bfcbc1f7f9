package org.syncnet.cluster;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.syncnet.cluster.wire.Heartbeat;

/**
 * Who is fit to take part in an election, as far as this server can tell: whether it is itself past its start-up
 * quiet period and sees a quorum, which peers are alive, ready and trusted (by the failure detector and their latest
 * heartbeats), and so which server should lead. It judges; {@link ClusterNode} decides and acts.
 */
final class Standing {
    private final Membership ring;
    private final String self;
    private final int quorum;
    private final long failureTimeoutMillis;
    private final FailureDetector detector;
    private final PeerNews news;
    private final long startedAt;
    private final Set<String> heardSinceStart = new HashSet<>();
    /**
     * A restarted server stays quiet (no promise, no acknowledgement, no candidacy) until it has heard from every
     * peer or one failure timeout passed, so it cannot contradict what it granted before the restart.
     */
    private boolean quiet;
    /** The server the last leader handed over to: trusted to lead although perhaps not yet stable in our eyes. */
    private String handedTo;

    Standing(ClusterConfig config, FailureDetector detector, PeerNews news, long now) {
        this.ring = config.membership();
        this.self = config.selfId();
        this.quorum = config.quorum();
        this.failureTimeoutMillis = config.failureTimeoutMillis();
        this.detector = detector;
        this.news = news;
        this.startedAt = now;
        this.quiet = ring.size() > 1;
    }

    /** A datagram from {@code peer} was accepted. */
    void heard(String peer, long now) {
        if (heardSinceStart.add(peer)) {
            updateQuiet(now);
        }
    }

    void updateQuiet(long now) {
        if (quiet && (heardSinceStart.size() == ring.size() - 1 || now - startedAt >= failureTimeoutMillis)) {
            quiet = false;
        }
    }

    boolean isQuiet() {
        return quiet;
    }

    /** The last leader named its successor (null: a new leader is followed, the handover is over). */
    void handedTo(String successor) {
        handedTo = successor;
    }

    /** Ready to take part: past the start-up quiet period and seeing a quorum alive. */
    boolean selfReady() {
        return !quiet && aliveCount() >= quorum;
    }

    /**
     * The highest-ranked member that is alive, ready and trusted to lead (this one included), or null if none is.
     */
    String highestAliveReady(long now) {
        List<Member> members = ring.ring();
        for (int i = members.size() - 1; i >= 0; i--) {
            String id = members.get(i).id();
            if (id.equals(self) ? selfReady() : detector.isAlive(id) && isReady(id) && trusted(id, now)) {
                return id;
            }
        }
        return null;
    }

    /** Not back from a recent failure, or stable since, or named by the last leader as its successor. */
    boolean trusted(String peer, long now) {
        return peer.equals(handedTo) || detector.isTrusted(peer, now);
    }

    /**
     * Whether enough servers would promise, judged from their latest heartbeats (a pre-vote on gossip): itself,
     * plus every live peer that says it is ready and follows no leader. A peer that follows a live leader refuses
     * a prepare, so standing without such a quorum wins nothing; worse, the new epoch it carries makes this server
     * reject the leader's heartbeats as stale, which deposes a leader that everyone else still follows. That is
     * how a server returning from a partition or a pause, before it has heard the current leader, would take the
     * lead without ever being stable. Followers announce at once when they lose their leader, so a successor
     * waits for no more than that news.
     */
    boolean quorumCouldPromise() {
        int could = 1;
        for (Member m : ring.ring()) {
            String id = m.id();
            if (!id.equals(self) && detector.isAlive(id)) {
                Heartbeat hb = news.latest(id);
                if (hb != null && hb.ready() && hb.leader() == null) {
                    could++;
                }
            }
        }
        return could >= quorum;
    }

    /** This server and every peer the failure detector holds alive. */
    int aliveCount() {
        int alive = 1;
        for (Member m : ring.ring()) {
            if (!m.id().equals(self) && detector.isAlive(m.id())) {
                alive++;
            }
        }
        return alive;
    }

    private boolean isReady(String peer) {
        Heartbeat hb = news.latest(peer);
        return hb != null && hb.ready();
    }
}
