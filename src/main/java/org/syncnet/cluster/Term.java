package org.syncnet.cluster;

import org.syncnet.cluster.ClusterEvent.LeaderChanged;
import org.syncnet.cluster.ClusterEvent.PeerChanged;
import org.syncnet.cluster.FailureDetector.PeerTransition;
import org.syncnet.cluster.wire.DropReason;
import org.syncnet.cluster.wire.Message;

/**
 * Where this server stands in the election: its role, its epoch and the epoch it is bound to, the leader it follows,
 * and the candidacy's promises and the leader's lease. {@link Election} and {@link Candidacy} change it; the log's
 * side ({@link LogExchange}) and the node's views read it. Also the one way out for what they send and report, in
 * the current epoch ({@link Effects}).
 */
final class Term {
    private final String self;
    private final FailureDetector detector;
    private final Effects effects;

    Role role = Role.FOLLOWER;
    /** The epoch this server is in: promised, followed, led, or proposed as a candidate. */
    long epoch;
    /**
     * The highest epoch this server promised, followed or led: it rejects anything older. {@link #epoch} may be
     * above it only by its own proposal (or by hearsay in a reject), which binds it to nothing.
     */
    long boundEpoch;
    /** {@link #boundEpoch} rose since the driver last took the Ready: it must keep it before sending. */
    private long epochToKeep = Ready.NO_EPOCH;
    long highestEpochSeen;
    /** The confirmed leader of {@link #epoch}, or null while there is none. */
    String leader;
    boolean leaderServing;
    long leaderStamp;
    /** The highest commit point the current leader announced (heartbeats, appends). */
    long leaderCommit;
    /** The leader of this epoch stepped down: its late heartbeats must not bring it back. */
    long releasedEpoch = -1;
    /**
     * The incarnation of the released leader. A restarted server that lost its epoch record may lead the same epoch
     * number again (its peers, if restarted too, remember no higher one); that new leadership is not a late
     * heartbeat of the released one and must be followed, or this server never follows it.
     */
    long releasedIncarnation = Long.MAX_VALUE;
    final Promises promises;
    final LeaderLease lease;
    final LeadershipReport leadership;

    Term(ClusterConfig config, FailureDetector detector, Effects effects, long boundEpoch) {
        this.self = config.selfId();
        this.detector = detector;
        this.effects = effects;
        this.boundEpoch = boundEpoch;
        this.epoch = boundEpoch;
        this.highestEpochSeen = boundEpoch;
        this.promises = new Promises(config, detector);
        this.lease = new LeaderLease(config.failureTimeoutMillis(), config.quorum());
        this.leadership = new LeadershipReport(self);
    }

    Role role() {
        return role;
    }

    long epoch() {
        return epoch;
    }

    /** The leader of this epoch as last confirmed (itself when leading), alive or not, or null. */
    String followedLeader() {
        return leader;
    }

    boolean leaderServing() {
        return leaderServing;
    }

    long leaderCommit() {
        return leaderCommit;
    }

    /** The leader announced this commit point (in an append). */
    void noteLeaderCommit(long commit) {
        leaderCommit = Math.max(leaderCommit, commit);
    }

    /** A datagram of this epoch arrived. */
    void sawEpoch(long e) {
        highestEpochSeen = Math.max(highestEpochSeen, e);
    }

    /** The bound epoch to keep across restarts if it rose since the last call, else {@link Ready#NO_EPOCH}. */
    long takeEpochToKeep() {
        long out = epochToKeep;
        epochToKeep = Ready.NO_EPOCH;
        return out;
    }

    /** The leader this server follows (itself when leading), or null. */
    String currentLeader() {
        if (role == Role.LEADER) {
            return self;
        }
        return leader != null && detector.isAlive(leader) ? leader : null;
    }

    boolean hasLiveLeader() {
        if (role == Role.LEADER) {
            return true;
        }
        return leader != null && detector.isAlive(leader);
    }

    /** Leader: holds a quorum lease, so it may order events. */
    boolean isServing(long now) {
        return role == Role.LEADER && lease.isHeld(now);
    }

    /** Leader: serving. Follower: it follows a live leader that says it serves. */
    boolean hasQuorum(long now) {
        if (role == Role.LEADER) {
            return isServing(now);
        }
        return currentLeader() != null && leaderServing;
    }

    /** From now on this server rejects every epoch below {@code e}, also after a restart. */
    void bind(long e) {
        if (e > boundEpoch) {
            epochToKeep = e;
        }
        boundEpoch = e;
    }

    void stepDown(long newerEpoch, String why) {
        leadership.because(why);
        role = Role.FOLLOWER;
        epoch = Math.max(epoch, newerEpoch);
        leader = null;
        leaderServing = false;
        promises.clear();
        lease.clear();
    }

    /** Our leader stopped leading; {@code leaderIncarnation} is the process of it that did. */
    void release(String why, long leaderIncarnation) {
        leadership.because(why);
        releasedEpoch = Math.max(releasedEpoch, epoch);
        releasedIncarnation = leaderIncarnation;
        leader = null;
        leaderServing = false;
    }

    void sendInEpoch(String to, Message message) {
        send(to, message, epoch);
    }

    void send(String to, Message message, long inEpoch) {
        effects.send(to, message, inEpoch);
    }

    void broadcast(Message message, long inEpoch) {
        effects.broadcast(message, inEpoch);
    }

    void drop(DropReason reason) {
        effects.drop(reason);
    }

    void report(PeerTransition t) {
        if (t != null) {
            effects.event(new PeerChanged(t.peer(), t.from(), t.to(), t.silentMillis(), epoch));
        }
    }

    void reportLeader(String cause, long now) {
        LeaderChanged changed = leadership.update(currentLeader(), epoch, hasQuorum(now), role, cause, detector::state);
        if (changed != null) {
            effects.event(changed);
        }
    }
}
