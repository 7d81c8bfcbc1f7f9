package org.syncnet.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.syncnet.cluster.ClusterEvent.LeaderChanged;
import org.syncnet.cluster.ClusterEvent.PeerChanged;
import org.syncnet.cluster.FailureDetector.PeerTransition;
import org.syncnet.cluster.log.Delivery;
import org.syncnet.cluster.log.InMemoryLogStore;
import org.syncnet.cluster.log.LogCut;
import org.syncnet.cluster.log.LogEntry;
import org.syncnet.cluster.log.LogPosition;
import org.syncnet.cluster.log.LogResume;
import org.syncnet.cluster.log.ReplicatedLog;
import org.syncnet.cluster.log.Submissions;
import org.syncnet.cluster.wire.Abdicate;
import org.syncnet.cluster.wire.Ack;
import org.syncnet.cluster.wire.Append;
import org.syncnet.cluster.wire.DropReason;
import org.syncnet.cluster.wire.Envelope;
import org.syncnet.cluster.wire.Fetch;
import org.syncnet.cluster.wire.Forward;
import org.syncnet.cluster.wire.Heartbeat;
import org.syncnet.cluster.wire.Leave;
import org.syncnet.cluster.wire.LogAck;
import org.syncnet.cluster.wire.Message;
import org.syncnet.cluster.wire.Prepare;
import org.syncnet.cluster.wire.Promise;
import org.syncnet.cluster.wire.Reject;

/**
 * One server's cluster protocol as a deterministic state machine: failure detection, fenced leader election
 * with epochs, quorum leases and graceful leave, and the replicated, ordered log of client events
 * ({@link #submit}; the log's own rules are in {@link ReplicatedLog}). It never reads a clock or a socket: the driver
 * passes the time into {@link #tick}, {@link #step} and {@link #leave}, and after each step (or burst of steps)
 * carries out the one {@link Ready} that {@link #ready} returns. Not thread-safe: the driver serialises calls.
 *
 * <p>This class holds the election's state and decisions and routes every message; its helpers each hold one
 * concept: {@link Standing} (who is ready, trusted, fit to lead), {@link Promises} (a candidacy's promises),
 * {@link LeaderLease}, {@link PeerNews}, {@link FailureDetector}, {@link LeadershipReport} (leader-change events),
 * and in {@code org.syncnet.cluster.log} the log itself
 * ({@link ReplicatedLog}) and the events submitted here ({@link Submissions}).
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
    private final ClusterConfig config;
    private final Membership ring;
    private final String self;
    private final FailureDetector detector;
    private final long incarnation;
    /** Who is fit to stand and to lead, as this server sees it (its own quiet period included). */
    private final Standing standing;
    private final long retryMillis;


    private Role role = Role.FOLLOWER;
    /** The epoch this server is in: promised, followed, led, or proposed as a candidate. */
    private long epoch;
    /**
     * The highest epoch this server promised, followed or led: it rejects anything older. {@link #epoch} may be
     * above it only by its own proposal (or by hearsay in a reject), which binds it to nothing.
     */
    private long boundEpoch;
    /** {@link #boundEpoch} rose since the last {@link #ready}: the driver must keep it before sending. */
    private long epochToKeep = Ready.NO_EPOCH;
    private long highestEpochSeen;
    /** The confirmed leader of {@link #epoch}, or null while there is none. */
    private String leader;
    private boolean leaderServing;
    private long leaderStamp;
    /** The highest commit point the current leader announced (heartbeats, appends). */
    private long leaderCommit;
    /** The leader of this epoch stepped down: its late heartbeats must not bring it back. */
    private long releasedEpoch = -1;
    /**
     * The incarnation of the released leader. A restarted server that lost its epoch record may lead the same epoch
     * number again (its peers, if restarted too, remember no higher one); that new leadership is not a late
     * heartbeat of the released one and must be followed, or this server never follows it.
     */
    private long releasedIncarnation = Long.MAX_VALUE;

    private final Promises promises;
    private long lastPrepareAt;
    private final LeaderLease lease;
    private final PeerNews news = new PeerNews();
    private boolean announcedReady;
    private boolean announcedServing;
    private Role announcedRole;
    private String announcedLeader;
    private long lastHeartbeatAt = Long.MIN_VALUE;
    /** The ordered log; its position is advertised in every heartbeat, promise and acknowledgement. */
    private final ReplicatedLog log;
    /** Client events submitted here and not yet seen committed. */
    private final Submissions submissions;
    /** Events were submitted since the last forward: they go out with the next {@link #drainOutbox}. */
    private boolean forwardDue;
    /** How often an unanswered log message (append, fetch, forward) is sent again. */
    private final long logRetryMillis;
    /** Forwards relayed to the leader for a peer that cannot reach it. */
    private long relayed;

    /** What the steps since the last {@link #ready} emitted: messages, events, and messages found invalid. */
    private final List<Outgoing> outgoing = new ArrayList<>();
    private final List<ClusterEvent> events = new ArrayList<>();
    private final List<DropReason> dropped = new ArrayList<>();
    private final LeadershipReport leadership;

    /**
     * @param incarnation grows with every start of this server (the driver uses the wall clock), so peers can
     *                    tell a restart from a replay
     * @param now         the driver's monotonic time in milliseconds
     */
    public ClusterNode(ClusterConfig config, long incarnation, long now) {
        this(config, incarnation, now, LogResume.FRESH, 0);
    }

    /**
     * @param resume  what this server kept before a restart: the committed entries its durable log holds and where
     *                its chat state ends ({@link LogResume#FRESH} on a first start)
     * @param boundEpoch the epoch this server bound itself to before a restart, as the driver kept it from
     *                   {@link Ready#epoch} (0 on a first start)
     */
    public ClusterNode(ClusterConfig config, long incarnation, long now, LogResume resume, long boundEpoch) {
        this.config = config;
        this.boundEpoch = boundEpoch;
        this.epoch = boundEpoch;
        this.highestEpochSeen = boundEpoch;
        this.ring = config.membership();
        this.self = config.selfId();
        this.leadership = new LeadershipReport(self);
        this.incarnation = incarnation;
        this.retryMillis = tickMillis(config);
        this.lease = new LeaderLease(config.failureTimeoutMillis(), config.quorum());
        List<String> peers = new ArrayList<>();
        for (Member m : ring.ring()) {
            if (!m.id().equals(self)) {
                peers.add(m.id());
            }
        }
        this.detector = new FailureDetector(peers, config.heartbeatMillis(), config.failureTimeoutMillis(), now);
        this.standing = new Standing(config, detector, news, now);
        this.promises = new Promises(config, detector);
        // Several ticks, and at least a quarter heartbeat: a round trip must fit, or every datagram goes twice.
        this.logRetryMillis = Math.max(4 * retryMillis, config.heartbeatMillis() / 4);
        this.submissions = new Submissions(logRetryMillis);
        this.log = new ReplicatedLog(self, peers, config.quorum(), resume.store(InMemoryLogStore.DEFAULT_CAPACITY),
                logRetryMillis, submissions::committed, resume.applied());
        reevaluate(now, "start");
    }

    /** How often the driver should call {@link #tick}: fine enough that detection is timely, cheap enough. */
    public static long tickMillis(ClusterConfig config) {
        return Math.max(5, Math.min(100, config.heartbeatMillis() / 20));
    }

    public void tick(long now) {
        if (role == Role.LEFT) {
            return;
        }
        for (PeerTransition t : detector.tick(now)) {
            report(t);
        }
        reevaluate(now, "tick");
        log.tick(now, detector::isAlive, this::sendInEpoch);
        if (role == Role.FOLLOWER) {
            log.catchUp(now, announcedCommits(), this::sendInEpoch);
        }
        forwardPending(now);
        if (lastHeartbeatAt == Long.MIN_VALUE || now - lastHeartbeatAt >= config.heartbeatMillis()) {
            broadcastHeartbeat(now);
        }
    }

    /**
     * Steps the protocol with one received message, decoded, authenticated and replay-filtered by the driver's inbox
     * ({@code org.syncnet.cluster.transport.DatagramInbox}); one it finds invalid is reported in {@link Ready#dropped}
     * and changes nothing.
     */
    public void step(Envelope env, long now) {
        if (role == Role.LEFT) {
            return;
        }
        String from = env.sender();
        Message msg = env.message();
        long knownIncarnation = news.incarnationOf(from);
        if (news.restarted(env)) {
            onRestart(from, knownIncarnation, now);
        }
        if (news.sentBeforeLeave(env)) {
            // Overtaken by its Leave: it must not make the departed server look alive again.
            drop(DropReason.REPLAYED);
            return;
        }
        if (msg instanceof Leave) {
            news.left(env);
            onLeave(from, now);
        } else {
            report(detector.heard(from, now));
        }
        standing.heard(from, now);
        highestEpochSeen = Math.max(highestEpochSeen, env.epoch());
        if (msg instanceof Heartbeat hb) {
            onHeartbeat(from, env, hb, now);
        } else if (msg instanceof Ack ack) {
            onAck(from, env.epoch(), ack);
        } else if (msg instanceof Prepare p) {
            onPrepare(from, env.epoch(), p, now);
        } else if (msg instanceof Promise p) {
            onPromise(from, env.epoch(), p, now);
        } else if (msg instanceof Reject r) {
            onReject(from, env.epoch(), r, now);
        } else if (msg instanceof Abdicate a) {
            onAbdicate(from, env.epoch(), a, now);
        } else if (msg instanceof Forward f) {
            onForward(from, f, now);
        } else if (msg instanceof Append a) {
            onAppend(from, env.epoch(), a, now);
        } else if (msg instanceof LogAck a) {
            if (role == Role.LEADER && env.epoch() == epoch) {
                log.onLogAck(from, a, now, this::sendInEpoch);
            }
        } else if (msg instanceof Fetch f) {
            onFetch(from, env.epoch(), f);
        }
        reevaluate(now, "message");
    }

    /** Graceful leave: tell every peer, stop serving, and accept nothing more. */
    public void leave(long now) {
        if (role == Role.LEFT) {
            return;
        }
        broadcast(Leave.INSTANCE, epoch);
        role = Role.LEFT;
        leader = null;
        reportLeader("left the cluster", now);
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
        if (role == Role.LEFT) {
            Submissions.validate(clientId, payload);
            return false;
        }
        if (!submissions.add(clientId, clientEventId, payload, log)) {
            return false;
        }
        if (role == Role.LEADER) {
            forwardPending(now);
        } else {
            // Forwarded when the driver next drains the outbox: the events submitted meanwhile share datagrams.
            forwardDue = true;
        }
        return true;
    }

    /** Where this server's log stands. */
    public LogPosition logPosition() {
        return log.position();
    }

    /** Leading with a recovered log: orders new events (a new leader first recovers the highest promised log). */
    public boolean isLogReady() {
        return role == Role.LEADER && log.isReady();
    }

    /** Client events submitted here and not yet seen committed. */
    public int pendingCount() {
        return submissions.size();
    }

    /** How often this server replaced committed log entries: only after state loss or with a sub-majority quorum. */
    public long logDivergences() {
        return log.divergences();
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
        if (forwardDue) {
            forwardDue = false;
            forwardPending(now);
        }
        log.flush(now, this::sendInEpoch);
        long epochOut = epochToKeep;
        epochToKeep = Ready.NO_EPOCH;
        List<ClusterEvent> eventsOut = List.copyOf(events);
        events.clear();
        Ready out = new Ready(epochOut, log.takeWrites(), outgoing, eventsOut, log.drainDeliveries(), dropped);
        outgoing.clear();
        dropped.clear();
        return out;
    }

    /** @param drops the driver's counts of dropped datagrams by reason (see {@link Ready#dropped}) */
    public ClusterView view(long now, Map<String, Long> drops) {
        List<ClusterView.MemberView> members = new ArrayList<>();
        for (Member m : ring.ring()) {
            if (m.id().equals(self)) {
                members.add(new ClusterView.MemberView(self, m.ringPosition(), role != Role.LEFT,
                        role == Role.LEFT ? PeerState.LEFT : PeerState.ALIVE, 0L));
            } else {
                Long heard = detector.lastHeard(m.id());
                members.add(new ClusterView.MemberView(m.id(), m.ringPosition(), detector.isAlive(m.id()),
                        detector.state(m.id()), heard == null ? null : now - heard));
            }
        }
        return new ClusterView(self, currentLeader(), epoch, hasQuorum(now), role, members, drops, log.position(),
                isCaughtUp(), new ClusterView.LogCounters(log.unservableCatchUps(), log.catchUpFetches(), relayed,
                log.heldBack()));
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
        return role;
    }

    public long epoch() {
        return epoch;
    }

    /** The leader this server follows (itself when leading), or null. */
    public String currentLeader() {
        if (role == Role.LEADER) {
            return self;
        }
        return leader != null && detector.isAlive(leader) ? leader : null;
    }

    /** Leader: holds a quorum lease, so it may order events. */
    public boolean isServing(long now) {
        return role == Role.LEADER && lease.isHeld(now);
    }

    /** Leader: serving. Follower: it follows a live leader that says it serves. */
    public boolean hasQuorum(long now) {
        if (role == Role.LEADER) {
            return isServing(now);
        }
        return currentLeader() != null && leaderServing;
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
        if (role == Role.LEADER) {
            return true;
        }
        if (leader == null) {
            // Nobody to catch up from: as caught up as anyone once past the quiet period (whoever is elected
            // recovers the highest log of its quorum first). Gating candidacy on more here left a restarted highest
            // server waiting for a leader that could only be itself (simulation seed 500597).
            return !standing.isQuiet();
        }
        return log.isWhole() && leaderCommit - log.commitSeq() <= CAUGHT_UP_LAG;
    }

    /** See {@link ReplicatedLog#fastForward}. */
    public boolean fastForward(LogCut cut) {
        return log.fastForward(cut);
    }

    public boolean isQuiet() {
        return standing.isQuiet();
    }

    // ---- message handlers -------------------------------------------------------------------------------

    private void onHeartbeat(String from, Envelope env, Heartbeat hb, long now) {
        if (!news.heartbeat(env, hb)) {
            return; // reordered: a newer heartbeat of this sender was already seen
        }
        long senderEpoch = env.epoch();
        detector.readiness(from, hb.ready(), now);
        for (Member m : ring.ring()) {
            int age = hb.heardAgo(ring.rank(m.id()));
            if (age != Heartbeat.NOT_HEARD && !m.id().equals(self) && !m.id().equals(from)) {
                report(detector.heardThrough(m.id(), now - age, now));
            }
        }
        if (hb.leading()) {
            onLeaderHeartbeat(from, senderEpoch, env.incarnation(), hb);
            return;
        }
        if (from.equals(leader) && senderEpoch >= epoch) {
            release("leader " + from + " stepped down", news.incarnationOf(from));
        }
        if (role == Role.LEADER && senderEpoch > epoch && hb.leader() != null
                && hb.leader().equals(ring.ownerOf(senderEpoch))) {
            stepDown(senderEpoch, from + " follows " + hb.leader() + " in epoch " + senderEpoch);
        }
    }

    private void onLeaderHeartbeat(String from, long senderEpoch, long incarnation, Heartbeat hb) {
        if (!ring.ownerOf(senderEpoch).equals(from)) {
            drop(DropReason.INVALID);
            return;
        }
        if (senderEpoch < boundEpoch || (senderEpoch < epoch && role == Role.LEADER)) {
            send(from, new Reject(Reject.Reason.STALE_EPOCH, currentLeader()), epoch);
            return;
        }
        if (senderEpoch <= releasedEpoch && incarnation <= releasedIncarnation) {
            return; // a late heartbeat from a leader that already stepped down
        }
        if (senderEpoch < epoch) {
            // Our epoch is only our own proposal, promised to no one by us: yield to the established leader
            // rather than reject it as stale, which would depose a leader the others follow for a candidacy they
            // refuse (a server back from a failure stands before it has heard the leader, and is not trusted).
            leadership.because("yields to " + from + " in epoch " + senderEpoch);
            promises.clear();
            lease.clear();
            role = Role.FOLLOWER;
            leader = null;
        }
        if (senderEpoch != epoch || !from.equals(leader)) {
            if (role != Role.FOLLOWER) {
                role = Role.FOLLOWER;
                promises.clear();
                lease.clear();
            }
            epoch = senderEpoch;
            bind(senderEpoch);
            leader = from;
            standing.handedTo(null);
            leaderStamp = hb.stamp();
            leaderCommit = hb.position().commitSeq();
        } else {
            leaderStamp = Math.max(leaderStamp, hb.stamp());
            leaderCommit = Math.max(leaderCommit, hb.position().commitSeq());
        }
        leaderServing = hb.serving();
        if (!standing.isQuiet()) {
            send(from, new Ack(leaderStamp, log.position()), epoch);
        }
    }

    /**
     * A leader orders what it is forwarded, once it recovered its log (until then the origin keeps retrying). A
     * follower relays, once, what a peer that cannot reach the leader itself forwards to it (see {@link #route}); the
     * leader then orders it as that peer's.
     */
    private void onForward(String from, Forward f, long now) {
        String origin = f.origin() == null ? from : f.origin();
        if (!ring.contains(origin)) {
            drop(DropReason.INVALID);
            return;
        }
        if (role == Role.LEADER && log.isReady()) {
            log.order(origin, f);
        } else if (f.origin() == null && role == Role.FOLLOWER && hasQuorum(now)) {
            relayed++;
            send(leader, f.relayedFor(from), epoch);
        }
    }

    /**
     * Entries count only from the leader this server follows in its epoch, or, for a recovering leader, from the
     * promiser it fetches from; anything else is late or stale and is ignored (the sender retries).
     */
    private void onAppend(String from, long senderEpoch, Append a, long now) {
        if (senderEpoch != epoch) {
            return;
        }
        if (role == Role.FOLLOWER && from.equals(leader)) {
            leaderCommit = Math.max(leaderCommit, a.commitSeq());
            LogAck answer = log.onFollowerAppend(epoch, news.incarnationOf(from), a);
            if (!answer.matched() || !a.entries().isEmpty()) {
                // Commit news alone is not acknowledged (it was half of all log datagrams at a steady load): the
                // leader learns our commit point from our heartbeat acknowledgements and resends until then.
                send(from, answer, epoch);
            }
            if (submissions.size() > 0) {
                // This append may show our last Forward in the log: the events waiting meanwhile go now.
                forwardDue = true;
            }
        } else if (role == Role.LEADER && from.equals(log.recoverySource())) {
            log.onRecoveryAppend(from, a, now, this::sendInEpoch);
        } else if (role == Role.FOLLOWER) {
            log.onCatchUpAppend(a); // a peer's answer to our catch-up fetch
            forwardDue |= submissions.size() > 0;
        }
    }

    /**
     * Only the owner of our epoch, whom we promised, may fetch everything: it recovers its log before it leads. Any
     * peer in our epoch may fetch our committed entries to catch up.
     */
    private void onFetch(String from, long senderEpoch, Fetch f) {
        if (senderEpoch != epoch) {
            return;
        }
        if (f.committedOnly()) {
            for (Append answer : log.onCatchUpFetch(f)) {
                send(from, answer, epoch);
            }
            return;
        }
        if (!ring.ownerOf(epoch).equals(from) || role == Role.LEADER) {
            return;
        }
        for (Append answer : log.onFetch(f)) {
            send(from, answer, epoch);
        }
    }

    private void onAck(String from, long senderEpoch, Ack ack) {
        if (role == Role.LEADER && senderEpoch == epoch) {
            lease.acknowledged(from, ack.echoStamp());
            log.followerCommitted(from, ack.position().commitSeq());
        }
    }

    private void onPrepare(String from, long proposed, Prepare prepare, long now) {
        if (!ring.ownerOf(proposed).equals(from)) {
            drop(DropReason.INVALID);
            return;
        }
        if (standing.isQuiet()) {
            send(from, new Reject(Reject.Reason.NOT_READY, null), epoch);
            return;
        }
        if (proposed < boundEpoch) {
            send(from, new Reject(Reject.Reason.STALE_EPOCH, currentLeader()), epoch);
            return;
        }
        // Between the bound epoch and our own proposal a prepare is weighed, not refused as stale: a stale-epoch
        // refusal makes the receiver step down, and our proposal, promised to no one, must not depose anybody.
        if (proposed > boundEpoch) {
            String higher = standing.highestAliveReady(now);
            if (hasLiveLeader() || (higher != null && ring.rank(higher) > ring.rank(from)) || !standing.trusted(from, now)) {
                send(from, new Reject(Reject.Reason.HAS_LEADER, hasLiveLeader() ? currentLeader() : higher), epoch);
                return;
            }
            if (role == Role.LEADER || role == Role.CANDIDATE) {
                promises.clear();
                lease.clear();
            }
            role = Role.FOLLOWER;
            epoch = proposed;
            bind(proposed);
            leader = null;
            leaderServing = false;
        }
        // proposed == boundEpoch now: promised or followed before, and only 'from' owns it, so repeating the
        // promise is harmless.
        send(from, new Promise(prepare.stamp(), log.position(), log.isWhole()), proposed);
    }

    private void onPromise(String from, long promisedEpoch, Promise promise, long now) {
        if (role != Role.CANDIDATE || promisedEpoch != epoch) {
            return;
        }
        if (promise.position().lastEpoch() >= epoch) {
            // A log already holds entries of this epoch (its leader restarted, forgot and reuses the number): an
            // entry is known by (epoch, seq), so this epoch must not be led again. Stand for a higher one.
            highestEpochSeen = Math.max(highestEpochSeen, promise.position().lastEpoch());
            startCandidacy(now);
            return;
        }
        promises.add(from, promise.position(), promise.whole());
        // A promise is not a lease: the promiser has no live leader, so it may promise a higher epoch the next
        // moment. Only an acknowledgement of this leader's heartbeat binds a follower (it then refuses every
        // prepare until this leader was silent for the failure timeout), so only acknowledgements count.
        if (promises.enough(log.isWhole())) {
            becomeLeader(now);
        }
    }

    private void onReject(String from, long theirEpoch, Reject reject, long now) {
        // Only a leader or candidate has something to step down from. A follower gets a reject only as a late
        // answer to what it sent as leader or candidate; acting on it would drop the leader it acknowledges and
        // free it to promise a rival while that leader's lease still counts it.
        if (role != Role.LEADER && role != Role.CANDIDATE) {
            return;
        }
        if (reject.reason() == Reject.Reason.STALE_EPOCH && theirEpoch > epoch) {
            stepDown(theirEpoch, from + " is in epoch " + theirEpoch);
        }
    }

    private void onAbdicate(String from, long theirEpoch, Abdicate abdicate, long now) {
        if (from.equals(leader) && theirEpoch == epoch) {
            release("leader " + from + " handed over", news.incarnationOf(from));
            // The leader judged the successor stable; our own detector may have recorded more of its failures
            // and would refuse it for longer, leaving the cluster without a leader meanwhile.
            standing.handedTo(abdicate.successor());
        }
    }

    /**
     * A peer came back as a new process before its silence reached the failure timeout. The old process is gone:
     * if it led, its followers must release it (the new process follows nobody and never sends a leading
     * heartbeat in that epoch, so nothing else would), and what it said about itself no longer holds.
     */
    private void onRestart(String from, long oldIncarnation, long now) {
        report(detector.restarted(from, now));
        lease.forget(from);
        promises.forget(from);
        log.forgetFollower(from);
        if (role == Role.LEADER && from.equals(log.recoverySource())) {
            abandon("the log it recovers from, on " + from + ", restarted", now);
        }
        if (from.equals(leader)) {
            release("leader " + from + " restarted", oldIncarnation);
        }
    }

    private void onLeave(String from, long now) {
        report(detector.left(from, now));
        lease.forget(from);
        if (from.equals(leader)) {
            release("leader " + from + " left", news.incarnationOf(from));
        }
    }

    // ---- decisions --------------------------------------------------------------------------------------

    private void reevaluate(long now, String cause) {
        if (role == Role.LEFT) {
            return;
        }
        standing.updateQuiet(now);
        if (role == Role.LEADER && standing.aliveCount() < config.quorum()) {
            abandon("a quorum is no longer in sight", now);
        }
        String source = log.recoverySource();
        if (role == Role.LEADER && source != null && !detector.isAlive(source)) {
            // Only that promiser is known to hold every committed entry: elect again with fresh promises.
            abandon("the log it recovers from, on " + source + ", is gone", now);
        }
        if (role != Role.LEADER && log.isLeading()) {
            log.stopLeading();
        }
        if (role == Role.LEADER) {
            maybeAbdicate(now);
        }
        if (role == Role.CANDIDATE && promises.enough(log.isWhole())) {
            becomeLeader(now); // a quorum promised earlier; a live peer it waited for has failed since
        }
        if (shouldStand(now)) {
            if (role != Role.CANDIDATE) {
                startCandidacy(now);
            } else if (now - lastPrepareAt >= retryMillis) {
                if (highestEpochSeen > epoch) {
                    startCandidacy(now); // our epoch was overtaken: move to the next one we own
                } else {
                    sendPrepare(now);
                }
            }
        } else if (role == Role.CANDIDATE && !candidateStillPlausible(now)) {
            role = Role.FOLLOWER;
            promises.clear();
            lease.clear();
        }
        if (standing.selfReady() != announcedReady || role != announcedRole || isServing(now) != announcedServing
                || !Objects.equals(currentLeader(), announcedLeader)) {
            // Peers decide who stands by who is ready and who still follows a leader: tell them at once rather
            // than a heartbeat interval later, or a lower server that has not yet heard this one is ready stands
            // for election in vain and pushes the epochs up, and a successor waits for news it could have had.
            // Followers count as having a quorum only once their leader says it serves: tell that at once too.
            broadcastHeartbeat(now);
        }
        reportLeader(cause, now);
    }

    /**
     * Stand for election: ready, no live leader, the highest live ready server, and a quorum could promise.
     */
    private boolean shouldStand(long now) {
        return role != Role.LEADER && !hasLiveLeader() && self.equals(standing.highestAliveReady(now))
                && standing.quorumCouldPromise();
    }

    private boolean candidateStillPlausible(long now) {
        return self.equals(standing.highestAliveReady(now));
    }

    private boolean hasLiveLeader() {
        if (role == Role.LEADER) {
            return true;
        }
        return leader != null && detector.isAlive(leader);
    }

    private void startCandidacy(long now) {
        role = Role.CANDIDATE;
        // Above every epoch heard of, and above every epoch in our own log (entries are known by (epoch, seq)).
        epoch = ring.nextEpochOwnedBy(self, Math.max(Math.max(epoch, highestEpochSeen), log.position().lastEpoch()));
        leader = null;
        leaderServing = false;
        promises.clear();
        lease.clear();
        if (config.quorum() <= 1) {
            becomeLeader(now);
            return;
        }
        sendPrepare(now);
    }

    private void sendPrepare(long now) {
        lastPrepareAt = now;
        Prepare prepare = new Prepare(now, log.position());
        for (Member m : ring.ring()) {
            if (!m.id().equals(self) && !promises.has(m.id())) {
                send(m.id(), prepare, epoch);
            }
        }
    }

    /**
     * A quorum promised. The promises carry the quorum's log positions: the log fetches the entries of the highest
     * one before it orders anything in this epoch (the election is announced at once, so followers stop waiting,
     * but no entry of this epoch exists until the log is recovered).
     */
    private void becomeLeader(long now) {
        role = Role.LEADER;
        bind(epoch);
        leader = self;
        leaderServing = true;
        // Announce first, so followers know whom the log messages that follow come from.
        broadcastHeartbeat(now);
        log.startLeading(epoch, promises.positions(), now, this::sendInEpoch);
        promises.clear();
    }

    /** Hand leadership to the highest live, ready server above this one once it is stably alive. */
    private void maybeAbdicate(long now) {
        String higher = standing.highestAliveReady(now);
        if (higher == null || ring.rank(higher) <= ring.rank(self) || !detector.isStable(higher, now)) {
            return;
        }
        Heartbeat hb = news.latest(higher);
        if (!log.isReady() || hb.position().lastSeq() < log.commitSeq()) {
            // Let it catch up first: it must hold what is committed (it recovers the rest from its quorum).
            return;
        }
        role = Role.FOLLOWER;
        leader = null;
        leaderServing = false;
        releasedEpoch = epoch;
        releasedIncarnation = Long.MAX_VALUE;
        lease.clear();
        leadership.because("handing over to " + higher);
        broadcast(new Abdicate(higher), epoch);
        broadcastHeartbeat(now);
    }

    /** From now on this server rejects every epoch below {@code e}, also after a restart. */
    private void bind(long e) {
        if (e > boundEpoch) {
            epochToKeep = e;
        }
        boundEpoch = e;
    }

    /** Stop leading this epoch for good and say so at once. */
    private void abandon(String why, long now) {
        stepDown(epoch, why);
        releasedEpoch = epoch;
        releasedIncarnation = Long.MAX_VALUE;
        log.stopLeading();
        broadcastHeartbeat(now);
    }

    private void stepDown(long newerEpoch, String why) {
        leadership.because(why);
        role = Role.FOLLOWER;
        epoch = Math.max(epoch, newerEpoch);
        leader = null;
        leaderServing = false;
        promises.clear();
        lease.clear();
    }

    /** Our leader stopped leading; {@code leaderIncarnation} is the process of it that did. */
    private void release(String why, long leaderIncarnation) {
        leadership.because(why);
        releasedEpoch = Math.max(releasedEpoch, epoch);
        releasedIncarnation = leaderIncarnation;
        leader = null;
        leaderServing = false;
    }

    // ---- output -----------------------------------------------------------------------------------------

    private void broadcastHeartbeat(long now) {
        lastHeartbeatAt = now;
        boolean leading = role == Role.LEADER;
        announcedReady = standing.selfReady();
        announcedServing = isServing(now);
        announcedRole = role;
        announcedLeader = currentLeader();
        broadcast(new Heartbeat(leading, announcedServing, announcedReady, currentLeader(), log.position(), now,
                heardAgo(now)), epoch);
    }

    /** Per member in ring order, how long ago this server heard it directly: what its heartbeat vouches for. */
    private int[] heardAgo(long now) {
        int[] ages = new int[Math.min(ring.size(), Heartbeat.MAX_MEMBERS)];
        for (int i = 0; i < ages.length; i++) {
            String id = ring.ring().get(i).id();
            Long heard = id.equals(self) || !detector.isAlive(id) ? null : detector.lastHeard(id);
            ages[i] = heard == null ? Heartbeat.NOT_HEARD : (int) Math.min(Integer.MAX_VALUE, Math.max(0, now - heard));
        }
        return ages;
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
        if (leader != null && !leader.equals(self)) {
            commits.merge(leader, leaderCommit, Math::max);
        }
        return commits;
    }

    private void broadcast(Message message, long inEpoch) {
        outgoing.add(new Outgoing(null, inEpoch, message));
    }

    private void sendInEpoch(String to, Message message) {
        send(to, message, epoch);
    }

    /** Hands the events waiting here to the leader (see {@link Submissions#forward}). */
    private void forwardPending(long now) {
        submissions.forward(self, route(), role == Role.LEADER || leaderServing, epoch, log, now, this::sendInEpoch);
    }

    /**
     * How forwards reach the leader: straight, while this server hears it directly and its heartbeats say it hears
     * this one; else through a peer that follows it and hears it (a one-way cut or a bad link between this server
     * and the leader: the peer relays them). Retries go both ways.
     */
    private Submissions.Route route() {
        String to = currentLeader();
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

    private void send(String to, Message message, long inEpoch) {
        outgoing.add(new Outgoing(to, inEpoch, message));
    }

    private void drop(DropReason reason) {
        dropped.add(reason);
    }

    private void report(PeerTransition t) {
        if (t != null) {
            events.add(new PeerChanged(t.peer(), t.from(), t.to(), t.silentMillis(), epoch));
        }
    }

    private void reportLeader(String cause, long now) {
        LeaderChanged changed = leadership.update(currentLeader(), epoch, hasQuorum(now), role, cause, detector::state);
        if (changed != null) {
            events.add(changed);
        }
    }
}
