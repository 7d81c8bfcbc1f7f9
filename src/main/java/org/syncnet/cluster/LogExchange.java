package org.syncnet.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import org.syncnet.cluster.log.ReplicatedLog;
import org.syncnet.cluster.log.Submissions;
import org.syncnet.cluster.wire.Append;
import org.syncnet.cluster.wire.DropReason;
import org.syncnet.cluster.wire.Fetch;
import org.syncnet.cluster.wire.Forward;
import org.syncnet.cluster.wire.Heartbeat;
import org.syncnet.cluster.wire.LogAck;

/**
 * The log's side of the node: routes the log messages (forwards, appends, fetches, log acknowledgements) to the
 * {@link ReplicatedLog} as the {@link Term} allows (only its current epoch and leader count), and keeps the
 * client events submitted here ({@link Submissions}) travelling to whoever leads, directly or relayed by a peer.
 */
final class LogExchange {
    private final Membership ring;
    private final String self;
    private final FailureDetector detector;
    private final PeerNews news;
    private final Term term;
    /** The ordered log; its position is advertised in every heartbeat, promise and acknowledgement. */
    private final ReplicatedLog log;
    /** Client events submitted here and not yet seen committed. */
    private final Submissions submissions;
    private final Effects effects;
    /** Events were submitted since the last forward: they go out with the next {@link #flush}. */
    private boolean forwardDue;
    /** Forwards relayed to the leader for a peer that cannot reach it. */
    private long relayed;

    LogExchange(ClusterConfig config, FailureDetector detector, PeerNews news, Term term, ReplicatedLog log,
                Submissions submissions, Effects effects) {
        this.ring = config.membership();
        this.self = config.selfId();
        this.detector = detector;
        this.news = news;
        this.term = term;
        this.log = log;
        this.submissions = submissions;
        this.effects = effects;
    }

    /** Client events submitted here and not yet seen committed. */
    int pendingCount() {
        return submissions.size();
    }

    long relayed() {
        return relayed;
    }

    /** Keeps a client event submitted here and forwards it (see {@link ClusterNode#submit}); false if refused. */
    boolean submit(String clientId, long clientEventId, byte[] payload, long now) {
        if (!submissions.add(clientId, clientEventId, payload, log)) {
            return false;
        }
        if (term.role() == Role.LEADER) {
            forwardPending(now);
        } else {
            // Forwarded when the driver next takes the Ready: the events submitted meanwhile share datagrams.
            forwardDue = true;
        }
        return true;
    }

    /** Retransmits, catches up from a peer while the leader's appends do not come, and forwards what waits. */
    void tick(long now) {
        log.tick(now, detector::isAlive, term::sendInEpoch);
        if (term.role() == Role.FOLLOWER) {
            log.catchUp(now, announcedCommits(), term::sendInEpoch);
        }
        forwardPending(now);
    }

    /** Sends what the steps since the last call made due: the forwards waiting, and the appends. */
    void flush(long now) {
        if (forwardDue) {
            forwardDue = false;
            forwardPending(now);
        }
        log.flush(now, term::sendInEpoch);
    }

    /**
     * A leader orders what it is forwarded, once it recovered its log (until then the origin keeps retrying). A
     * follower relays, once, what a peer that cannot reach the leader itself forwards to it (see {@link #route}); the
     * leader then orders it as that peer's.
     */
    void onForward(String from, Forward f, long now) {
        String origin = f.origin() == null ? from : f.origin();
        if (!ring.contains(origin)) {
            effects.drop(DropReason.INVALID);
            return;
        }
        if (term.role() == Role.LEADER && log.isReady()) {
            log.order(origin, f);
        } else if (f.origin() == null && term.role() == Role.FOLLOWER && term.hasQuorum(now)) {
            relayed++;
            effects.send(term.followedLeader(), f.relayedFor(from), term.epoch());
        }
    }

    /**
     * Entries count only from the leader this server follows in its epoch, or, for a recovering leader, from the
     * promiser it fetches from; anything else is late or stale and is ignored (the sender retries).
     */
    void onAppend(String from, long senderEpoch, Append a, long now) {
        if (senderEpoch != term.epoch()) {
            return;
        }
        if (term.role() == Role.FOLLOWER && from.equals(term.followedLeader())) {
            term.noteLeaderCommit(a.commitSeq());
            LogAck answer = log.onFollowerAppend(term.epoch(), news.incarnationOf(from), a);
            if (!answer.matched() || !a.entries().isEmpty()) {
                // Commit news alone is not acknowledged (at a steady load it would double the log's datagrams): the
                // leader learns our commit point from our heartbeat acknowledgements and resends until then.
                effects.send(from, answer, term.epoch());
            }
            if (submissions.size() > 0) {
                // This append may show our last Forward in the log: the events waiting meanwhile go now.
                forwardDue = true;
            }
        } else if (term.role() == Role.LEADER && from.equals(log.recoverySource())) {
            log.onRecoveryAppend(from, a, now, term::sendInEpoch);
        } else if (term.role() == Role.FOLLOWER) {
            log.onCatchUpAppend(a); // a peer's answer to our catch-up fetch
            forwardDue |= submissions.size() > 0;
        }
    }

    /**
     * Only the owner of our epoch, whom we promised, may fetch everything: it recovers its log before it leads. Any
     * peer in our epoch may fetch our committed entries to catch up.
     */
    void onFetch(String from, long senderEpoch, Fetch f) {
        if (senderEpoch != term.epoch()) {
            return;
        }
        if (f.committedOnly()) {
            for (Append answer : log.onCatchUpFetch(f)) {
                effects.send(from, answer, term.epoch());
            }
            return;
        }
        if (!ring.ownerOf(term.epoch()).equals(from) || term.role() == Role.LEADER) {
            return;
        }
        for (Append answer : log.onFetch(f)) {
            effects.send(from, answer, term.epoch());
        }
    }

    /** A follower's answer to our appends, in our epoch while we lead. */
    void onLogAck(String from, long senderEpoch, LogAck a, long now) {
        if (term.role() == Role.LEADER && senderEpoch == term.epoch()) {
            log.onLogAck(from, a, now, term::sendInEpoch);
        }
    }

    /** Hands the events waiting here to the leader (see {@link Submissions#forward}). */
    private void forwardPending(long now) {
        submissions.forward(self, route(), term.role() == Role.LEADER || term.leaderServing(), term.epoch(),
                log, now, term::sendInEpoch);
    }

    /** Each peer's commit point as it last announced it (its heartbeat; for our leader, its latest append too). */
    private Map<String, Long> announcedCommits() {
        Map<String, Long> commits = new LinkedHashMap<>();
        for (Member m : ring.ring()) {
            Heartbeat hb = m.id().equals(self) ? null : news.latest(m.id());
            if (hb != null && detector.isAlive(m.id())) {
                commits.put(m.id(), hb.position().commitSeq());
            }
        }
        String leader = term.followedLeader();
        if (leader != null && !leader.equals(self)) {
            commits.merge(leader, term.leaderCommit(), Math::max);
        }
        return commits;
    }

    /**
     * How forwards reach the leader: straight, while this server hears it directly and its heartbeats say it hears
     * this one; else through a peer that follows it and hears it (a one-way cut or a bad link between this server
     * and the leader: the peer relays them). Retries go both ways.
     */
    private Submissions.Route route() {
        String to = term.currentLeader();
        if (to == null || to.equals(self)) {
            return new Submissions.Route(to, null, true);
        }
        String relay = null;
        for (Member m : ring.ring()) {
            String p = m.id();
            if (!p.equals(self) && !p.equals(to) && detector.state(p) == PeerState.ALIVE && hears(p, to)
                    && hears(p, self) && to.equals(news.latest(p).leader())) {
                relay = p;
                break;
            }
        }
        return new Submissions.Route(to, relay, detector.state(to) == PeerState.ALIVE && hears(to, self));
    }

    /** {@code peer}'s latest heartbeat says it heard {@code whom} directly, lately. */
    private boolean hears(String peer, String whom) {
        Heartbeat hb = news.latest(peer);
        int age = hb == null ? Heartbeat.NOT_HEARD : hb.heardAgo(ring.rank(whom));
        return age != Heartbeat.NOT_HEARD && age < detector.suspectAfter();
    }
}
