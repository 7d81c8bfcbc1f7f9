package org.syncnet.cluster;

import org.syncnet.cluster.log.ReplicatedLog;
import org.syncnet.cluster.wire.Abdicate;
import org.syncnet.cluster.wire.Heartbeat;
import org.syncnet.cluster.wire.Prepare;
import org.syncnet.cluster.wire.Promise;

/**
 * This server's own bid for the lead and its leading: after every step it weighs whether to stand (ready, no live
 * leader, the highest live ready server, a quorum could promise), stands for the next epoch it owns, leads once a
 * quorum promised, gives the lead up when its quorum or the log it recovers from is gone, and hands it to a higher
 * server that is stably back. Answers to other candidates are {@link Election}'s; the state both change is the
 * {@link Term}.
 */
final class Candidacy {
    private final ClusterConfig config;
    private final Membership ring;
    private final String self;
    private final long retryMillis;
    private final FailureDetector detector;
    private final PeerNews news;
    private final Standing standing;
    private final Term term;
    private final ReplicatedLog log;
    private final Announcer announcer;
    private final Election election;
    private long lastPrepareAt;

    Candidacy(ClusterConfig config, long retryMillis, FailureDetector detector, PeerNews news, Standing standing,
              Term term, ReplicatedLog log, Announcer announcer, Election election) {
        this.config = config;
        this.ring = config.membership();
        this.self = config.selfId();
        this.retryMillis = retryMillis;
        this.detector = detector;
        this.news = news;
        this.standing = standing;
        this.term = term;
        this.log = log;
        this.announcer = announcer;
        this.election = election;
    }

    void reevaluate(long now, String cause) {
        if (term.role == Role.LEFT) {
            return;
        }
        standing.updateQuiet(now);
        if (term.role == Role.LEADER && standing.aliveCount() < config.quorum()) {
            election.abandon("a quorum is no longer in sight", now);
        }
        String source = log.recoverySource();
        if (term.role == Role.LEADER && source != null && !detector.isAlive(source)) {
            // Only that promiser is known to hold every committed entry: elect again with fresh promises.
            election.abandon("the log it recovers from, on " + source + ", is gone", now);
        }
        if (term.role != Role.LEADER && log.isLeading()) {
            log.stopLeading();
        }
        if (term.role == Role.LEADER) {
            maybeAbdicate(now);
        }
        if (term.role == Role.CANDIDATE && term.promises.enough(log.isWhole())) {
            becomeLeader(now); // a quorum promised earlier; a live peer it waited for has failed since
        }
        if (shouldStand(now)) {
            if (term.role != Role.CANDIDATE) {
                startCandidacy(now);
            } else if (now - lastPrepareAt >= retryMillis) {
                if (term.highestEpochSeen > term.epoch) {
                    startCandidacy(now); // our epoch was overtaken: move to the next one we own
                } else {
                    sendPrepare(now);
                }
            }
        } else if (term.role == Role.CANDIDATE && !candidateStillPlausible(now)) {
            term.role = Role.FOLLOWER;
            term.promises.clear();
            term.lease.clear();
        }
        announcer.announceIfChanged(now);
        term.reportLeader(cause, now);
    }

    /**
     * Stand for election: ready, no live leader, the highest live ready server, and a quorum could promise.
     */
    private boolean shouldStand(long now) {
        return term.role != Role.LEADER && !term.hasLiveLeader() && self.equals(standing.highestAliveReady(now))
                && standing.quorumCouldPromise();
    }

    private boolean candidateStillPlausible(long now) {
        return self.equals(standing.highestAliveReady(now));
    }

    private void startCandidacy(long now) {
        term.role = Role.CANDIDATE;
        // Above every epoch heard of, and above every epoch in our own log (entries are known by (epoch, seq)).
        term.epoch = ring.nextEpochOwnedBy(self,
                Math.max(Math.max(term.epoch, term.highestEpochSeen), log.position().lastEpoch()));
        term.leader = null;
        term.leaderServing = false;
        term.promises.clear();
        term.lease.clear();
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
            if (!m.id().equals(self) && !term.promises.has(m.id())) {
                term.send(m.id(), prepare, term.epoch);
            }
        }
    }

    void onPromise(String from, long promisedEpoch, Promise promise, long now) {
        if (term.role != Role.CANDIDATE || promisedEpoch != term.epoch) {
            return;
        }
        if (promise.position().lastEpoch() >= term.epoch) {
            // A log already holds entries of this epoch (its leader restarted, forgot and reuses the number): an
            // entry is known by (epoch, seq), so this epoch must not be led again. Stand for a higher one.
            term.highestEpochSeen = Math.max(term.highestEpochSeen, promise.position().lastEpoch());
            startCandidacy(now);
            return;
        }
        term.promises.add(from, promise.position(), promise.whole());
        // A promise is not a lease: the promiser has no live leader, so it may promise a higher epoch the next
        // moment. Only an acknowledgement of this leader's heartbeat binds a follower (it then refuses every
        // prepare until this leader was silent for the failure timeout), so only acknowledgements count.
        if (term.promises.enough(log.isWhole())) {
            becomeLeader(now);
        }
    }

    /**
     * A quorum promised. The promises carry the quorum's log positions: the log fetches the entries of the highest
     * one before it orders anything in this epoch (the election is announced at once, so followers stop waiting,
     * but no entry of this epoch exists until the log is recovered).
     */
    private void becomeLeader(long now) {
        term.role = Role.LEADER;
        term.bind(term.epoch);
        term.leader = self;
        term.leaderServing = true;
        // Announce first, so followers know whom the log messages that follow come from.
        announcer.broadcastHeartbeat(now);
        log.startLeading(term.epoch, term.promises.positions(), now, term::sendInEpoch);
        term.promises.clear();
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
        term.role = Role.FOLLOWER;
        term.leader = null;
        term.leaderServing = false;
        term.releasedEpoch = term.epoch;
        term.releasedIncarnation = Long.MAX_VALUE;
        term.lease.clear();
        term.leadership.because("handing over to " + higher);
        term.broadcast(new Abdicate(higher), term.epoch);
        announcer.broadcastHeartbeat(now);
    }
}
