package org.syncnet.cluster;

import org.syncnet.cluster.log.ReplicatedLog;
import org.syncnet.cluster.wire.Abdicate;
import org.syncnet.cluster.wire.Ack;
import org.syncnet.cluster.wire.DropReason;
import org.syncnet.cluster.wire.Heartbeat;
import org.syncnet.cluster.wire.Leave;
import org.syncnet.cluster.wire.Prepare;
import org.syncnet.cluster.wire.Promise;
import org.syncnet.cluster.wire.Reject;

/**
 * The election as the peers' messages move it: following the owner of a higher epoch, acknowledging its heartbeats
 * (what its lease counts), promising or refusing a candidate, stepping down on a stale-epoch refusal, releasing a
 * leader that handed over, restarted or left, and leaving. Standing for election and leading are {@link Candidacy}'s;
 * the state both change is the {@link Term}.
 */
final class Election {
    private final Membership ring;
    private final String self;
    private final FailureDetector detector;
    private final PeerNews news;
    private final Standing standing;
    private final Term term;
    private final ReplicatedLog log;
    private final Announcer announcer;

    Election(ClusterConfig config, FailureDetector detector, PeerNews news, Standing standing, Term term,
             ReplicatedLog log, Announcer announcer) {
        this.ring = config.membership();
        this.self = config.selfId();
        this.detector = detector;
        this.news = news;
        this.standing = standing;
        this.term = term;
        this.log = log;
        this.announcer = announcer;
    }

    /** A heartbeat newer than any seen from {@code from} (see {@link PeerNews#heartbeat}), sent in its epoch. */
    void onHeartbeat(String from, long senderEpoch, long incarnation, Heartbeat hb) {
        if (hb.leading()) {
            onLeaderHeartbeat(from, senderEpoch, incarnation, hb);
            return;
        }
        if (from.equals(term.leader) && senderEpoch >= term.epoch) {
            term.release("leader " + from + " stepped down", news.incarnationOf(from));
        }
        if (term.role == Role.LEADER && senderEpoch > term.epoch && hb.leader() != null
                && hb.leader().equals(ring.ownerOf(senderEpoch))) {
            term.stepDown(senderEpoch, from + " follows " + hb.leader() + " in epoch " + senderEpoch);
        }
    }

    private void onLeaderHeartbeat(String from, long senderEpoch, long incarnation, Heartbeat hb) {
        if (!ring.ownerOf(senderEpoch).equals(from)) {
            term.drop(DropReason.INVALID);
            return;
        }
        if (senderEpoch < term.boundEpoch || (senderEpoch < term.epoch && term.role == Role.LEADER)) {
            term.send(from, new Reject(Reject.Reason.STALE_EPOCH, term.currentLeader()), term.epoch);
            return;
        }
        if (senderEpoch <= term.releasedEpoch && incarnation <= term.releasedIncarnation) {
            return; // a late heartbeat from a leader that already stepped down
        }
        if (senderEpoch < term.epoch) {
            // Our epoch is only our own proposal, promised to no one by us: yield to the established leader
            // rather than reject it as stale, which would depose a leader the others follow for a candidacy they
            // refuse (a server back from a failure stands before it has heard the leader, and is not trusted).
            term.leadership.because("yields to " + from + " in epoch " + senderEpoch);
            term.promises.clear();
            term.lease.clear();
            term.role = Role.FOLLOWER;
            term.leader = null;
        }
        if (senderEpoch != term.epoch || !from.equals(term.leader)) {
            if (term.role != Role.FOLLOWER) {
                term.role = Role.FOLLOWER;
                term.promises.clear();
                term.lease.clear();
            }
            term.epoch = senderEpoch;
            term.bind(senderEpoch);
            term.leader = from;
            standing.handedTo(null);
            term.leaderStamp = hb.stamp();
            term.leaderCommit = hb.position().commitSeq();
        } else {
            term.leaderStamp = Math.max(term.leaderStamp, hb.stamp());
            term.leaderCommit = Math.max(term.leaderCommit, hb.position().commitSeq());
        }
        term.leaderServing = hb.serving();
        if (!standing.isQuiet()) {
            term.send(from, new Ack(term.leaderStamp, log.position()), term.epoch);
        }
    }

    void onAck(String from, long senderEpoch, Ack ack) {
        if (term.role == Role.LEADER && senderEpoch == term.epoch) {
            term.lease.acknowledged(from, ack.echoStamp());
            log.followerCommitted(from, ack.position().commitSeq());
        }
    }

    void onPrepare(String from, long proposed, Prepare prepare, long now) {
        if (!ring.ownerOf(proposed).equals(from)) {
            term.drop(DropReason.INVALID);
            return;
        }
        if (standing.isQuiet()) {
            term.send(from, new Reject(Reject.Reason.NOT_READY, null), term.epoch);
            return;
        }
        if (proposed < term.boundEpoch) {
            term.send(from, new Reject(Reject.Reason.STALE_EPOCH, term.currentLeader()), term.epoch);
            return;
        }
        // Between the bound epoch and our own proposal a prepare is weighed, not refused as stale: a stale-epoch
        // refusal makes the receiver step down, and our proposal, promised to no one, must not depose anybody.
        if (proposed > term.boundEpoch) {
            String higher = standing.highestAliveReady(now);
            if (term.hasLiveLeader() || (higher != null && ring.rank(higher) > ring.rank(from))
                    || !standing.trusted(from, now)) {
                String named = term.hasLiveLeader() ? term.currentLeader() : higher;
                term.send(from, new Reject(Reject.Reason.HAS_LEADER, named), term.epoch);
                return;
            }
            if (term.role == Role.LEADER || term.role == Role.CANDIDATE) {
                term.promises.clear();
                term.lease.clear();
            }
            term.role = Role.FOLLOWER;
            term.epoch = proposed;
            term.bind(proposed);
            term.leader = null;
            term.leaderServing = false;
        }
        // proposed == boundEpoch now: promised or followed before, and only 'from' owns it, so repeating the
        // promise is harmless.
        term.send(from, new Promise(prepare.stamp(), log.position(), log.isWhole()), proposed);
    }

    void onReject(String from, long theirEpoch, Reject reject, long now) {
        // Only a leader or candidate has something to step down from. A follower gets a reject only as a late
        // answer to what it sent as leader or candidate; acting on it would drop the leader it acknowledges and
        // free it to promise a rival while that leader's lease still counts it.
        if (term.role != Role.LEADER && term.role != Role.CANDIDATE) {
            return;
        }
        if (reject.reason() == Reject.Reason.STALE_EPOCH && theirEpoch > term.epoch) {
            term.stepDown(theirEpoch, from + " is in epoch " + theirEpoch);
        }
    }

    void onAbdicate(String from, long theirEpoch, Abdicate abdicate, long now) {
        if (from.equals(term.leader) && theirEpoch == term.epoch) {
            term.release("leader " + from + " handed over", news.incarnationOf(from));
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
    void onRestart(String from, long oldIncarnation, long now) {
        term.report(detector.restarted(from, now));
        term.lease.forget(from);
        term.promises.forget(from);
        log.forgetFollower(from);
        if (term.role == Role.LEADER && from.equals(log.recoverySource())) {
            abandon("the log it recovers from, on " + from + ", restarted", now);
        }
        if (from.equals(term.leader)) {
            term.release("leader " + from + " restarted", oldIncarnation);
        }
    }

    void onLeave(String from, long now) {
        term.report(detector.left(from, now));
        term.lease.forget(from);
        if (from.equals(term.leader)) {
            term.release("leader " + from + " left", news.incarnationOf(from));
        }
    }

    /** Stop leading this epoch for good and say so at once. */
    void abandon(String why, long now) {
        term.stepDown(term.epoch, why);
        term.releasedEpoch = term.epoch;
        term.releasedIncarnation = Long.MAX_VALUE;
        log.stopLeading();
        announcer.broadcastHeartbeat(now);
    }

    /** Graceful leave: tell every peer, stop serving, and accept nothing more. */
    void leave(long now) {
        if (term.role == Role.LEFT) {
            return;
        }
        term.broadcast(Leave.INSTANCE, term.epoch);
        term.role = Role.LEFT;
        term.leader = null;
        term.reportLeader("left the cluster", now);
    }
}
