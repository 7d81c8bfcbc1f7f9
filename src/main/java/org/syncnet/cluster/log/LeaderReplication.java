package org.syncnet.cluster.log;

import static org.syncnet.cluster.log.ReplicatedLog.BATCH;
import static org.syncnet.cluster.log.ReplicatedLog.WINDOW;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.syncnet.cluster.log.ReplicatedLog.Outlet;
import org.syncnet.cluster.log.entry.ClientEventKey;
import org.syncnet.cluster.log.entry.LogEntry;
import org.syncnet.cluster.log.entry.LogPosition;
import org.syncnet.cluster.log.entry.PartKey;
import org.syncnet.cluster.wire.Append;
import org.syncnet.cluster.wire.Forward;
import org.syncnet.cluster.wire.LogAck;

/**
 * The leader's side of the log (see {@link ReplicatedLog}): recovery from the highest promised log, ordering
 * forwarded events (parts that overtook their predecessor wait for it), replicating them to every follower with
 * flow control and retries, and counting the quorum that commits them. Entries go into the {@link FollowerLog}
 * every server keeps.
 */
final class LeaderReplication {
    /** What the leader knows of one follower. */
    private static final class Progress {
        long match;
        long sentUpTo;
        long knownCommit;
        /** Never: far enough in the past for any retry interval, without overflowing {@code now - lastSentAt}. */
        long lastSentAt = Long.MIN_VALUE / 2;
        /** The commit point the last append to it carried. */
        long sentCommit;
        /**
         * Its acknowledgements stopped (paused, cut off, crashed): only one append per retry interval goes to it
         * until it answers, instead of the whole window again every interval, which flooded a paused follower with
         * datagrams and, through the shared sequence numbers, pushed the leader's datagrams to
         * everyone else out of their replay window.
         */
        boolean probing;
        long lastNakResendAt = Long.MIN_VALUE / 2;
        /** It needs entries this store no longer keeps (counted once per occurrence, not per retry). */
        boolean stranded;
        /**
         * The commit point it promised this leader with: its log surely equals ours up to there (the committed
         * prefix is the same in every log), unless a mismatch says otherwise (a sub-majority quorum, where two
         * leaders can each commit alone).
         */
        long promisedCommit;
    }

    private final String self;
    private final List<String> peers;
    private final int quorum;
    private final long retryMillis;
    private final FollowerLog log;
    private long leaderEpoch = -1;
    private final LogRecovery recovery;
    private final Map<String, Progress> progress = new HashMap<>();
    /** The log positions this leader's quorum promised with: their commit points are where replication may start. */
    private Map<String, LogPosition> promisedPositions = Map.of();
    /** Entries were ordered or acknowledged since the last {@link #flush}. */
    private boolean replicateDue;
    private long heldBack;
    /** Leader: forwarded parts that arrived before their predecessor, ordered as soon as it is. */
    private final Waiting waiting = new Waiting();

    LeaderReplication(String self, List<String> peers, int quorum, long retryMillis, FollowerLog log) {
        this.self = self;
        this.peers = List.copyOf(peers);
        this.quorum = quorum;
        this.retryMillis = retryMillis;
        this.log = log;
        this.recovery = new LogRecovery(retryMillis);
    }

    /** Leads {@code epoch} now; recovers from the highest promised log first unless this server's is the highest. */
    void startLeading(long epoch, Map<String, LogPosition> promised, long now, Outlet out) {
        leaderEpoch = epoch;
        progress.clear();
        promisedPositions = Map.copyOf(promised);
        LogPosition best = log.position();
        String from = null;
        for (Map.Entry<String, LogPosition> p : promised.entrySet()) {
            if (p.getValue().compareTo(best) > 0) {
                best = p.getValue();
                from = p.getKey();
            }
        }
        if (from == null) {
            finishRecovery(now, out);
            return;
        }
        // Our committed prefix is in every log that holds all committed entries, the source's included.
        recovery.start(from, best.lastSeq(), log.commitSeq() + 1, now, out);
    }

    void stopLeading() {
        leaderEpoch = -1;
        waiting.clear();
        recovery.stop();
        progress.clear();
        replicateDue = false;
    }

    /**
     * Sends the followers what the steps since the last flush made due: the entries ordered and the commit point
     * acknowledged meanwhile. The driver flushes once per burst of datagrams, so under load one append per follower
     * (and one commit news) covers many orders and acknowledgements instead of each sending its own.
     */
    void flush(long now, Outlet out) {
        if (replicateDue && isReady()) {
            replicate(now, out);
        }
        replicateDue = false;
    }

    boolean isLeading() {
        return leaderEpoch >= 0;
    }

    /** Leading and recovered: may order new events. */
    boolean isReady() {
        return leaderEpoch >= 0 && !recovery.isActive();
    }

    /** The promiser this leader recovers from, or null. */
    String recoverySource() {
        return recovery.source();
    }

    /**
     * Orders the parts forwarded by {@code origin}, except those already in the log (retries); one whose predecessor
     * is not in the log yet (overtaken, or lost on the way or with an old leader: the origin sends it again) waits
     * for it.
     */
    void order(String origin, Forward f) {
        for (Forward.Item i : f.items()) {
            Forward.After a = i.after();
            order(origin, new PartKey(new ClientEventKey(i.clientId(), i.clientEventId()), i.part()),
                    a == null ? null : new PartKey(new ClientEventKey(i.clientId(), a.clientEventId()), a.part()),
                    i.parts(), i.payload());
        }
    }

    /**
     * Orders one part of a client event after {@code after} (the part of the same client that must come first, or
     * null), and the parts that waited for it; false if it is already in the log (a retry) or now waits for its
     * predecessor.
     */
    boolean order(String origin, PartKey key, PartKey after, int parts, byte[] payload) {
        if (!isReady() || log.holds(key)) {
            return false;
        }
        if (after != null && !log.holds(after)) {
            heldBack++;
            waiting.hold(after, new Waiting.Part(origin, key, parts, payload));
            return false;
        }
        for (Waiting.Part p = new Waiting.Part(origin, key, parts, payload); p != null; p = waiting.release(p.key())) {
            ClientEventKey event = p.key().event();
            log.append(new LogEntry(leaderEpoch, log.store.lastSeq() + 1, p.origin(), event.clientId(),
                    event.clientEventId(), p.key().part(), p.parts(), p.payload()));
        }
        advanceCommit();
        replicateDue = true;
        return true;
    }

    /** A fetch answer from the promiser this leader recovers from. */
    void onRecoveryAppend(String from, Append a, long now, Outlet out) {
        if (recovery.onAppend(from, a, now, out, log)) {
            finishRecovery(now, out);
        }
    }

    /**
     * A follower's answer: an acknowledgement moves its match point and maybe the commit point (what that lets the
     * leader send goes on the next {@link #flush}); a gap or a mismatch rewinds it and resends at once.
     */
    void onLogAck(String from, LogAck ack, long now, Outlet out) {
        Progress p = progress.get(from);
        if (!isReady() || p == null) {
            return;
        }
        p.knownCommit = Math.max(p.knownCommit, ack.commitSeq());
        p.probing = false;
        if (ack.matched()) {
            p.match = Math.max(p.match, Math.min(ack.seq(), log.store.lastSeq()));
            p.sentUpTo = Math.max(p.sentUpTo, p.match);
            advanceCommit();
            replicateDue = true;
        } else {
            // A gap or a mismatch: resend from the position the follower shares with us, unless we did so lately.
            // The follower holds what arrived after a gap (AppendsAhead), so one resend fills the hole. Every
            // append that overtakes another draws a gap NAK: rewinding on each (even without resending) made every
            // later acknowledgement resend the whole window again, and the flood of datagrams outran the
            // receivers' replay window (simulation seed 7889: a flood of appends to one follower).
            p.promisedCommit = Math.min(p.promisedCommit, ack.seq());
            long shared = Math.max(Math.min(ack.seq(), log.store.lastSeq()), p.match);
            if (shared < p.sentUpTo && now - p.lastNakResendAt >= retryMillis / 2) {
                p.lastNakResendAt = now;
                p.sentUpTo = shared;
                sendTo(from, p, now, out);
            }
        }
    }

    /**
     * The follower's commit point, as its heartbeat acknowledgement reports it: followers do not acknowledge commit
     * news alone, so this is how the leader stops resending it.
     */
    void followerCommitted(String peer, long commit) {
        Progress p = progress.get(peer);
        if (p != null && isReady()) {
            p.knownCommit = Math.max(p.knownCommit, Math.min(commit, log.commitSeq()));
        }
    }

    /** The follower restarted: it holds nothing we sent before. */
    void forgetFollower(String peer) {
        Progress p = progress.get(peer);
        if (p != null) {
            p.match = 0;
            p.knownCommit = 0;
            p.sentUpTo = log.store.lastSeq();
        }
    }

    /** Retransmits what was not acknowledged within the retry interval, to the peers {@code alive} accepts. */
    void tick(long now, Predicate<String> alive, Outlet out) {
        if (recovery.isActive()) {
            recovery.tick(now, out);
            return;
        }
        if (!isReady()) {
            return;
        }
        for (String peer : peers) {
            Progress p = progress.get(peer);
            if (alive.test(peer) && (p.match < log.store.lastSeq() || p.knownCommit < log.commitSeq())
                    && now - p.lastSentAt >= retryMillis) {
                p.sentUpTo = resendFrom(p);
                // Only unacknowledged entries make it a probe: commit news alone is never acknowledged.
                p.probing = p.match < log.store.lastSeq();
                sendTo(peer, p, now, out);
            }
        }
    }

    /**
     * Where a retry starts: after what the follower acknowledged, or after the commit point it promised with if that
     * is further. Not from the start of the log: a new leader knows no follower's acknowledgements yet (resending the
     * whole log took a round trip per 64 entries), and a restarted one keeps only the entries after its resume point.
     */
    private long resendFrom(Progress p) {
        long from = Math.max(p.match, Math.min(p.promisedCommit, log.store.lastSeq()));
        // Not kept here (this leader restarted and resumed after it): start where the store does; a follower that
        // lacks even that answers with a gap and is counted as stranded.
        return log.store.epochAt(from) < 0 ? log.store.firstSeq() - 1 : from;
    }

    private void finishRecovery(long now, Outlet out) {
        log.becameWhole();
        long before = log.store.lastSeq();
        log.append(LogEntry.barrier(leaderEpoch, before + 1, self));
        for (String peer : peers) {
            Progress p = new Progress();
            p.sentUpTo = before; // optimistic, as Raft's nextIndex: a follower behind answers with a gap
            LogPosition promised = promisedPositions.get(peer);
            p.promisedCommit = promised == null ? 0 : promised.commitSeq();
            progress.put(peer, p);
        }
        advanceCommit();
        replicate(now, out);
    }

    /**
     * Sends every follower what it has not been sent, and news of the commit point. Ack-clocked batching: while an
     * append is in flight, new entries wait for its acknowledgement (or until a batch's worth piled up), so under
     * load each datagram carries as many entries as fit instead of one each.
     */
    private void replicate(long now, Outlet out) {
        for (String peer : peers) {
            Progress p = progress.get(peer);
            if (p.probing) {
                continue;
            }
            while (p.sentUpTo < log.store.lastSeq() && p.sentUpTo - p.match < WINDOW
                    && (p.sentUpTo == p.match || log.store.lastSeq() - p.sentUpTo >= BATCH)) {
                long before = p.sentUpTo;
                sendTo(peer, p, now, out);
                if (p.sentUpTo == before) {
                    break;
                }
            }
            if (p.sentCommit < log.commitSeq() && p.sentUpTo >= log.store.lastSeq() && !sentIsCommitted(p)) {
                sendTo(peer, p, now, out); // commit news only
            }
        }
    }

    private void sendTo(String peer, Progress p, long now, Outlet out) {
        long prevSeq = p.sentUpTo;
        long prevEpoch = log.store.epochAt(prevSeq);
        p.lastSentAt = now;
        if (prevEpoch < 0) {
            if (!p.stranded) {
                p.stranded = true;
                log.unservable(); // the follower needs entries this store no longer keeps
            }
            return;
        }
        p.stranded = false;
        List<LogEntry> batch = FetchAnswers.batch(log.store, prevSeq + 1);
        out.send(peer, new Append(prevEpoch, prevSeq, log.commitSeq(), batch));
        p.sentCommit = log.commitSeq();
        p.sentUpTo = prevSeq + batch.size();
    }

    private void advanceCommit() {
        List<Long> matches = new ArrayList<>();
        matches.add(log.store.lastSeq());
        for (String peer : peers) {
            Progress p = progress.get(peer);
            matches.add(p == null ? 0 : p.match);
        }
        matches.sort((a, b) -> Long.compare(b, a));
        long n = matches.get(quorum - 1);
        // Only an entry of our own epoch is committed by counting (Raft 5.4.2); it commits all before it.
        if (n > log.commitSeq() && log.store.epochAt(n) == leaderEpoch) {
            log.commitTo(n);
        }
    }

    /** The follower commits what it was sent without the leader's word (see {@link #selfCommits}). */
    private boolean sentIsCommitted(Progress p) {
        return quorum <= 2 && p.sentUpTo >= log.commitSeq() && log.store.epochAt(p.sentUpTo) == leaderEpoch;
    }

    /** Parts this leader could not order at once because their client's previous part was not in the log yet. */
    long heldBack() {
        return heldBack;
    }

    /**
     * While leading (and recovered): for every follower, how many of this leader's entries it has not acknowledged
     * yet; empty otherwise. A follower this leader has not heard from yet lags by the whole log.
     */
    Map<String, Long> lag() {
        if (!isReady()) {
            return Map.of();
        }
        Map<String, Long> lag = new TreeMap<>();
        long last = log.store.lastSeq();
        for (String peer : peers) {
            Progress p = progress.get(peer);
            lag.put(peer, Math.max(0, last - (p == null ? 0 : p.match)));
        }
        return lag;
    }
}
