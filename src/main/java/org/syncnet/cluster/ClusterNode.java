package org.syncnet.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.syncnet.cluster.FailureDetector.PeerTransition;
import org.syncnet.cluster.log.InMemoryLogStore;
import org.syncnet.cluster.log.LogCut;
import org.syncnet.cluster.log.LogResume;
import org.syncnet.cluster.log.ReplicatedLog;
import org.syncnet.cluster.log.Submissions;
import org.syncnet.cluster.log.entry.LogEntry;
import org.syncnet.cluster.log.entry.LogPosition;
import org.syncnet.cluster.wire.Envelope;

/**
 * One server's cluster protocol as a deterministic state machine: failure detection, fenced leader election
 * with epochs, quorum leases and graceful leave, and the replicated, ordered log of client events
 * ({@link #submit}; the log's own rules are in {@link ReplicatedLog}). It never reads a clock or a socket: the driver
 * passes the time into {@link #tick}, {@link #step} and {@link #leave}, and after each step (or burst of steps)
 * carries out the one {@link Ready} that {@link #ready} returns. Not thread-safe: the driver serialises calls.
 *
 * <p>This class wires the parts together and answers for them; each part holds one concept: {@link Router} (routes
 * every message), {@link Term} (role, epoch, leader, with the candidacy's {@link Promises} and the leader's
 * {@link LeaderLease}), {@link Election} (the election as the peers' messages move it), {@link Candidacy} (standing,
 * leading, handing over), {@link Announcer} (heartbeats), {@link LogExchange} (the log's messages and the events
 * submitted here), {@link Standing} (who is ready, trusted, fit to lead), {@link PeerNews}, {@link FailureDetector},
 * {@link LeadershipReport} (leader-change events), {@link Effects} (what the steps emit), and in
 * {@code org.syncnet.cluster.log} the log itself ({@link ReplicatedLog}) and the events submitted here
 * ({@link Submissions}).
 *
 * <p>The rules, in the spirit of Viewstamped Replication with a deterministic leader:
 * <ul>
 * <li>The live, ready server with the highest ring position should lead. Epoch {@code e} is owned by the member
 * at ring index {@code e mod n}, so no two servers ever lead the same epoch.</li>
 * <li>A candidate sends PREPARE for the next epoch it owns; a server promises (and from then on rejects every
 * lower epoch) only when it has no live leader: its leader failed (silent for the failure timeout), left,
 * restarted or released it. With a quorum of promises, carrying their log positions, the candidate leads.</li>
 * <li>A server stands only when, by its peers' latest heartbeats, a quorum could promise (they are ready and
 * follow no leader), and peers refuse a candidate back from a recent failure until it is stable again. A
 * proposed epoch binds no one: a server whose epoch is only its own proposal yields to an established leader of
 * a lower epoch instead of rejecting it as stale, so a hopeless candidacy never deposes a working leader.</li>
 * <li>The leader serves only while a quorum acknowledged one of its heartbeats within the failure timeout,
 * timed on its own clock (a lease). Promises do not count: a promiser has no leader and may promise a higher
 * epoch at once, while an acknowledging follower promises elsewhere only after that long a silence; so two
 * majority leaders never serve at once.</li>
 * <li>A higher server that returns is followed until it is stably alive and ready (proven by what was heard from
 * it, for a period damped by its recent failures); then the leader abdicates and the higher one takes over at
 * once. A graceful leave likewise releases the followers at once.</li>
 * <li>A restarted server stays quiet (no promise, no acknowledgement, no candidacy) until it has heard from every
 * peer or one failure timeout passed, so it cannot contradict what it granted before the restart.</li>
 * <li>Log: a new leader announces its epoch at once but orders nothing until it recovered the highest log its
 * quorum promised with. A restarted server has its committed entries back ({@link LogResume}) but not what it had
 * only acknowledged, so its promise says its log is not whole; with fewer than n - q + 1 whole logs promised, the
 * candidate also waits for every live peer's promise. Any server keeps the events submitted to it until it sees them
 * committed and forwards them to each new leader.</li>
 * <li>A restarted server keeps its bound epoch and its log (the driver keeps what {@link Ready} hands it); a returning
 * higher server is handed the lead only once its log holds the leader's commit point.</li>
 * </ul>
 */
public final class ClusterNode {
    /** How far a follower's commit point may trail its leader's and still count as caught up (a load's worth). */
    static final long CAUGHT_UP_LAG = 1_000;
    private final Membership ring;
    private final String self;
    private final long incarnation;
    private final FailureDetector detector;
    private final PeerNews news = new PeerNews();
    /** Who is fit to stand and to lead, as this server sees it (its own quiet period included). */
    private final Standing standing;
    private final Effects effects = new Effects();
    private final Term term;
    /** The ordered log; its position is advertised in every heartbeat, promise and acknowledgement. */
    private final ReplicatedLog log;
    private final LogExchange exchange;
    private final Announcer announcer;
    private final Candidacy candidacy;
    private final Election election;
    private final Router router;

    /**
     * @param incarnation grows with every start of this server (the driver uses the wall clock), so peers can
     *                    tell a restart from a replay
     * @param now         the driver's monotonic time in milliseconds
     */
    public ClusterNode(ClusterConfig config, long incarnation, long now) {
        this(config, incarnation, now, LogResume.FRESH, 0);
    }

    /**
     * @param resume     what this server kept before a restart: the committed entries its durable log holds and
     *                   where its chat state ends ({@link LogResume#FRESH} on a first start)
     * @param boundEpoch the epoch this server bound itself to before a restart, as the driver kept it from
     *                   {@link Ready#epoch} (0 on a first start)
     */
    public ClusterNode(ClusterConfig config, long incarnation, long now, LogResume resume, long boundEpoch) {
        this.ring = config.membership();
        this.self = config.selfId();
        this.incarnation = incarnation;
        long retryMillis = tickMillis(config);
        List<String> peers = new ArrayList<>();
        for (Member m : ring.ring()) {
            if (!m.id().equals(self)) {
                peers.add(m.id());
            }
        }
        this.detector = new FailureDetector(peers, config.heartbeatMillis(), config.failureTimeoutMillis(), now);
        this.standing = new Standing(config, detector, news, now);
        this.term = new Term(config, detector, effects, boundEpoch);
        // Several ticks, and at least a quarter heartbeat: a round trip must fit, or every datagram goes twice.
        long logRetryMillis = Math.max(4 * retryMillis, config.heartbeatMillis() / 4);
        Submissions submissions = new Submissions(logRetryMillis);
        this.log = new ReplicatedLog(self, peers, config.quorum(), resume.store(InMemoryLogStore.DEFAULT_CAPACITY),
                logRetryMillis, submissions::committed, resume.applied());
        this.exchange = new LogExchange(config, detector, news, term, log, submissions, effects);
        this.announcer = new Announcer(config, detector, standing, term, log);
        Election election = new Election(config, detector, news, standing, term, log, announcer);
        this.candidacy = new Candidacy(config, retryMillis, detector, news, standing, term, log, announcer, election);
        this.router = new Router(config, detector, news, standing, term, election, candidacy, exchange);
        this.election = election;
        candidacy.reevaluate(now, "start");
    }

    /** How often the driver should call {@link #tick}: fine enough that detection is timely, cheap enough. */
    public static long tickMillis(ClusterConfig config) {
        return Math.max(5, Math.min(100, config.heartbeatMillis() / 20));
    }

    public void tick(long now) {
        if (term.role == Role.LEFT) {
            return;
        }
        for (PeerTransition t : detector.tick(now)) {
            term.report(t);
        }
        candidacy.reevaluate(now, "tick");
        exchange.tick(now);
        announcer.heartbeatIfDue(now);
    }

    /**
     * Steps the protocol with one received message, decoded, authenticated and replay-filtered by the driver's inbox
     * (the transport package's DatagramInbox); one it finds invalid is reported in {@link Ready#dropped}
     * and changes nothing.
     */
    public void step(Envelope env, long now) {
        if (term.role == Role.LEFT) {
            return;
        }
        router.step(env, now);
    }

    /** Graceful leave: tell every peer, stop serving, and accept nothing more. */
    public void leave(long now) {
        election.leave(now);
    }

    /** The largest client event payload (16 KiB): see {@link Submissions#MAX_EVENT_BYTES}. */
    public static final int MAX_EVENT_BYTES = Submissions.MAX_EVENT_BYTES;

    /**
     * A client event submitted to this server. It is kept until this server sees it committed, and forwarded to
     * whoever leads (again after a leader change) meanwhile; a retry with the same (clientId, clientEventId), here or
     * on another server, is ordered at most once. A payload larger than one datagram can carry travels as up to
     * {@link LogEntry#MAX_PARTS} parts of {@link LogEntry#MAX_PAYLOAD} bytes, each ordered and retried on its own;
     * the event is delivered once, whole, when its last part is committed.
     *
     * @return false if the event was refused because too many events wait for a leader (push back on the client)
     * @throws IllegalArgumentException if the client id is empty or over 64 bytes of UTF-8, or the payload is over
     *                                  {@link #MAX_EVENT_BYTES}
     */
    public boolean submit(String clientId, long clientEventId, byte[] payload, long now) {
        if (term.role == Role.LEFT) {
            Submissions.validate(clientId, payload);
            return false;
        }
        return exchange.submit(clientId, clientEventId, payload, now);
    }

    /** Where this server's log stands. */
    public LogPosition logPosition() {
        return log.position();
    }

    /** Leading with a recovered log: orders new events (a new leader first recovers the highest promised log). */
    public boolean isLogReady() {
        return term.role == Role.LEADER && log.isReady();
    }

    /** Client events submitted here and not yet seen committed. */
    public int pendingCount() {
        return exchange.pendingCount();
    }

    /** How often a follower needed log entries older than this server keeps (a snapshot would be needed). */
    public long unservableCatchUps() {
        return log.unservableCatchUps();
    }

    /**
     * What the steps since the last call left for the driver to do, after the forwards and appends they made due
     * (batched: the driver may step a burst of datagrams and submissions, then take one Ready). The driver carries it
     * out in the order {@link Ready} gives: keep, then send, then report and apply. Committed client events come in
     * log order, each once: the same sequence on every server.
     */
    public Ready ready(long now) {
        exchange.flush(now);
        return new Ready(term.takeEpochToKeep(), log.takeWrites(), effects.takeMessages(), effects.takeEvents(),
                log.drainDeliveries(), effects.takeDropped());
    }

    /** @param drops the driver's counts of dropped datagrams by reason (see {@link Ready#dropped}) */
    public ClusterView view(long now, Map<String, Long> drops) {
        List<ClusterView.MemberView> members = new ArrayList<>();
        for (Member m : ring.ring()) {
            if (m.id().equals(self)) {
                members.add(new ClusterView.MemberView(self, m.ringPosition(), term.role != Role.LEFT,
                        term.role == Role.LEFT ? PeerState.LEFT : PeerState.ALIVE, 0L));
            } else {
                Long heard = detector.lastHeard(m.id());
                members.add(new ClusterView.MemberView(m.id(), m.ringPosition(), detector.isAlive(m.id()),
                        detector.state(m.id()), heard == null ? null : now - heard));
            }
        }
        return new ClusterView(self, term.currentLeader(), term.epoch, term.hasQuorum(now), term.role, members, drops,
                log.position(), isCaughtUp(), new ClusterView.LogCounters(log.unservableCatchUps(),
                log.catchUpFetches(), exchange.relayed(), log.heldBack()), log.replicationLag());
    }

    public String self() {
        return self;
    }

    /** This server's own incarnation (grows with every start). */
    public long incarnation() {
        return incarnation;
    }

    /**
     * The incarnation last heard from {@code peer}, or 0 if nothing was heard from it since this server started.
     * A higher value than before means the peer restarted (and lost whatever it held only in memory).
     */
    public long incarnationOf(String peer) {
        long known = news.incarnationOf(peer);
        return known == Long.MAX_VALUE ? 0L : known;
    }

    public Role role() {
        return term.role;
    }

    public long epoch() {
        return term.epoch;
    }

    /** The leader this server follows (itself when leading), or null. */
    public String currentLeader() {
        return term.currentLeader();
    }

    /** Leader: holds a quorum lease, so it may order events. */
    public boolean isServing(long now) {
        return term.isServing(now);
    }

    /** Leader: serving. Follower: it follows a live leader that says it serves. */
    public boolean hasQuorum(long now) {
        return term.hasQuorum(now);
    }

    /**
     * Whether this server's log holds everything committed (a leader caught it up to its commit point and it trails
     * that point by at most {@value #CAUGHT_UP_LAG} entries — a server back from a long partition is whole but far
     * behind — or it leads and recovers the log), or no leader is in sight to catch up from (the whole cluster
     * starts). Until then it serves
     * no clients and does not stand for leadership: its clients would see an old state, and its stale log would make
     * it recover before it could lead.
     */
    public boolean isCaughtUp() {
        if (term.role == Role.LEADER) {
            return true;
        }
        if (term.leader == null) {
            // Nobody to catch up from: as caught up as anyone once past the quiet period (whoever is elected
            // recovers the highest log of its quorum first). Gating candidacy on more here left a restarted highest
            // server waiting for a leader that could only be itself (simulation seed 500597).
            return !standing.isQuiet();
        }
        return log.isWhole() && term.leaderCommit - log.commitSeq() <= CAUGHT_UP_LAG;
    }

    /** See {@link ReplicatedLog#fastForward}. */
    public boolean fastForward(LogCut cut) {
        return log.fastForward(cut);
    }

    public boolean isQuiet() {
        return standing.isQuiet();
    }
}
