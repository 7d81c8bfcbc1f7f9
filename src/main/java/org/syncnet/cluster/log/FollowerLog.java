package org.syncnet.cluster.log;


import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.syncnet.cluster.log.ReplicatedLog.Outlet;
import org.syncnet.cluster.log.entry.ClientEventKey;
import org.syncnet.cluster.log.entry.LogEntry;
import org.syncnet.cluster.log.entry.LogPosition;
import org.syncnet.cluster.log.entry.PartKey;
import org.syncnet.cluster.wire.Append;
import org.syncnet.cluster.wire.Fetch;
import org.syncnet.cluster.wire.LogAck;

/**
 * The log every server keeps, leader or not (see {@link ReplicatedLog}): the store and its index of client events,
 * the commit point, delivery in order (large events reassembled) and what the driver must keep; as follower,
 * log matching of the leader's appends (those ahead of a gap held until it is filled) and commit; and catching up
 * from a peer's committed entries. Leading is {@link LeaderReplication}'s, which appends and commits here; answering
 * a peer's fetch is {@link FetchAnswers}'.
 */
final class FollowerLog implements LogRecovery.Log {
    private final List<String> peers;
    private final int quorum;
    final LogStore store;
    private final Consumer<LogEntry> onCommit;
    /** Where the log resumed and what it appended since the driver last took them (see {@link #takeWrites}). */
    private LogCut resumedAfter;
    private final List<LogEntry> appended = new ArrayList<>();
    private final Map<PartKey, Long> index = new HashMap<>();
    /**
     * The keys of entries the store let go, newest last, at most {@link #RETIRED_KEYS}: a retry of one of them is
     * still known (without its payload), as far back as when the store kept that many entries itself.
     */
    private final LinkedHashMap<PartKey, Long> retired = new LinkedHashMap<>();
    static final int RETIRED_KEYS = 100_000;
    private final Reassembly reassembly = new Reassembly();
    private final List<Delivery> deliveries = new ArrayList<>();
    private long commitSeq;
    private long appliedSeq;
    /** The last place no large event waited for parts at (see {@link LogCut}), and its entry's epoch. */
    private long cutSeq;
    private long cutEpoch;
    /** Follower: appends from the leader that arrived ahead of a gap (the leader sends at most WINDOW ahead). */
    private final AppendsAhead ahead = new AppendsAhead(2 * ReplicatedLog.WINDOW);
    /** Follower: fetches committed entries from a peer while the leader's appends do not arrive. */
    private final CatchUp catchUp;
    /**
     * This process's log holds everything committed that it ever acknowledged: false from the start (a restarted
     * process resumes from what it stored, which may lack entries it acknowledged, and cannot tell a first start from
     * a restart) until a leader caught it up to its commit point, or it recovered its log as leader.
     */
    private boolean whole;
    private long unservableCatchUps;

    FollowerLog(String self, List<String> peers, int quorum, LogStore store, long retryMillis,
                Consumer<LogEntry> onCommit, LogCut applied) {
        this.peers = List.copyOf(peers);
        this.quorum = quorum;
        this.store = store;
        this.onCommit = onCommit;
        this.catchUp = new CatchUp(retryMillis);
        // A restarted server's store holds what it appended before: known committed up to what the driver applied
        // (not delivered again), the rest as the leader will say. The kept entries are in the index, so a late retry
        // of one of them is not ordered twice.
        this.commitSeq = Math.max(store.firstSeq() - 1, Math.min(applied.seq(), store.lastSeq()));
        this.appliedSeq = commitSeq;
        this.cutSeq = appliedSeq;
        this.cutEpoch = Math.max(0, store.epochAt(appliedSeq));
        resumedAfter = new LogCut(store.lastSeq(), Math.max(0, store.epochAt(store.lastSeq())));
        for (LogEntry e : store.read(store.firstSeq(), Integer.MAX_VALUE)) {
            if (!e.isBarrier()) {
                index.put(e.partKey(), e.seq());
            }
        }
    }
    @Override
    public long epochAt(long seq) {
        return store.epochAt(seq);
    }

    @Override
    public long firstSeq() {
        return store.firstSeq();
    }

    @Override
    public long lastSeq() {
        return store.lastSeq();
    }

    /** A leader recovered this log: it holds everything committed. */
    void becameWhole() {
        whole = true;
    }

    /** How often a peer needed entries this store no longer keeps (would need a snapshot, not built yet). */
    long unservableCatchUps() {
        return unservableCatchUps;
    }

    /** A peer needs entries this store no longer keeps. */
    void unservable() {
        unservableCatchUps++;
    }

    /**
     * Goes on after {@code cut}, which the driver has from a peer's stored history (committed, and applied by the
     * driver from that history): for a follower that needs entries no peer's log keeps any more. Only when this log
     * holds nothing after {@code cut} (so nothing it acknowledged is lost); the leader then sends what follows.
     * False if it does not apply.
     */
    boolean fastForward(LogCut cut) {
        if (cut.seq() <= store.lastSeq()) {
            return false;
        }
        store.resetAfter(cut);
        index.clear();
        retired.clear();
        reassembly.clear();
        ahead.clear();
        commitSeq = cut.seq();
        appliedSeq = cut.seq();
        cutSeq = cut.seq();
        cutEpoch = cut.epoch();
        resumedAfter = cut;
        return true;
    }

    boolean isWhole() {
        return whole;
    }

    LogPosition position() {
        return new LogPosition(store.lastEpoch(), store.lastSeq(), commitSeq);
    }

    long commitSeq() {
        return commitSeq;
    }

    /** The entry for this client event (a single-part one) is in the log, committed or not, as far as we know. */
    boolean holds(ClientEventKey key) {
        return holds(new PartKey(key, 0));
    }

    /** The entry for this part is in the log, committed or not, as far as we know. */
    boolean holds(PartKey key) {
        return index.containsKey(key) || retired.containsKey(key);
    }

    boolean isCommitted(PartKey key) {
        Long seq = index.get(key);
        if (seq == null) {
            seq = retired.get(key);
        }
        return seq != null && seq <= commitSeq;
    }

    /** Large events whose parts did not all arrive and were given up (see {@link Reassembly}). */
    long abandonedEvents() {
        return reassembly.abandoned();
    }

    /**
     * What this log appended (and where it resumes) since the last call: the driver writes it to its durable log
     * before it sends anything of the same step (Raft's rule: what a server acknowledged, or a leader sent, survives
     * its restart).
     */
    LogWrites takeWrites() {
        if (resumedAfter == null && appended.isEmpty()) {
            return LogWrites.NONE;
        }
        LogWrites out = new LogWrites(resumedAfter, List.copyOf(appended));
        resumedAfter = null;
        appended.clear();
        return out;
    }

    List<Delivery> drainDeliveries() {
        List<Delivery> out = List.copyOf(deliveries);
        deliveries.clear();
        return out;
    }

    /**
     * Entries from our leader, of {@code epoch}, sent by its process {@code leaderIncarnation}: log matching, then
     * commit as far as this append proved our log equal. An append past a gap is held until the gap is filled, and
     * answered with the gap (the leader resends from there); once it is filled, the held ones are applied too and
     * one acknowledgement covers them all.
     */
    LogAck onFollowerAppend(long epoch, long leaderIncarnation, Append a) {
        ahead.stream(epoch, leaderIncarnation);
        if (a.prevSeq() > store.lastSeq()) {
            ahead.hold(a);
            return new LogAck(false, store.lastSeq(), commitSeq); // gap
        }
        LogAck ack = applyAppend(epoch, a);
        while (ack.matched()) {
            Append next = ahead.next(store.lastSeq());
            if (next == null) {
                break;
            }
            LogAck more = applyAppend(epoch, next);
            if (!more.matched()) {
                ahead.clear(); // only after state loss: the leader resends from the answer to 'a'
                break;
            }
            ack = more.seq() >= ack.seq() ? more : ack;
        }
        return new LogAck(ack.matched(), ack.seq(), commitSeq);
    }

    private LogAck applyAppend(long epoch, Append a) {
        long have = store.epochAt(a.prevSeq());
        if (have >= 0 && have != a.prevEpoch()) {
            // Mismatch: our committed prefix is shared with every later leader. (After state loss or with a
            // sub-majority quorum even that may differ: then each answer steps back one more place.)
            return new LogAck(false, Math.min(commitSeq, a.prevSeq() - 1), commitSeq);
        }
        for (LogEntry e : a.entries()) {
            put(e);
        }
        long verified = a.prevSeq() + a.entries().size();
        commitTo(selfCommits(epoch, verified) ? verified : Math.min(a.commitSeq(), verified));
        if (verified >= a.commitSeq()) {
            whole = true;
        }
        return new LogAck(true, verified, commitSeq);
    }

    /**
     * Whether this follower may commit up to {@code seq}, which its log shares with the leader of {@code epoch},
     * without the leader's word: where the leader and one follower make a quorum (three servers), an entry of the
     * leader's own epoch that the follower holds is held by a quorum, which is what commits it (Raft 5.4.2; as the
     * leader counts, so does the follower). Then no commit news need follow every acknowledgement, and followers
     * deliver a round trip sooner.
     */
    private boolean selfCommits(long epoch, long seq) {
        return quorum <= 2 && seq > 0 && store.epochAt(seq) == epoch;
    }

    /**
     * Follower: fetches committed entries from a peer when this log has stood behind what the peers announce for a
     * retry interval (see {@link CatchUp}).
     *
     * @param announced each peer's commit point as it last announced it
     */
    void catchUp(long now, Map<String, Long> announced, Outlet out) {
        String source = catchUp.due(now, commitSeq, announced, peers);
        if (source != null) {
            out.send(source, new Fetch(commitSeq + 1, true));
        }
    }

    /** How often this follower fetched committed entries from a peer because its leader's appends did not come. */
    long catchUpFetches() {
        return catchUp.fetches();
    }

    /**
     * A peer's answer to our catch-up fetch: committed entries (up to its commit point), applied as the leader's
     * would be (log matching replaces an uncommitted entry of another epoch) and committed at once. Not
     * acknowledged: the peer is not our leader. An answer that does not join our log is dropped; the next fetch asks
     * again.
     */
    void onCatchUpAppend(Append a) {
        if (a.prevSeq() > store.lastSeq()) {
            return;
        }
        long have = store.epochAt(a.prevSeq());
        if (have >= 0 && have != a.prevEpoch()) {
            return;
        }
        long before = commitSeq;
        long verified = a.prevSeq();
        for (LogEntry e : a.entries()) {
            if (e.seq() > a.commitSeq()) {
                break; // a catch-up answer holds committed entries only (a late append of an old leader may not)
            }
            verified = e.seq();
            put(e);
        }
        commitTo(Math.min(verified, a.commitSeq()));
        if (commitSeq > before) {
            catchUp.gained();
        }
    }

    /**
     * Puts an entry the log matched up to its place: nothing to do if an entry of its epoch is there (the same one,
     * by log matching) or if it was committed and discarded here; an entry of another epoch there, and all after it,
     * is replaced.
     */
    private void put(LogEntry e) {
        if (e.seq() < store.firstSeq()) {
            return;
        }
        LogEntry existing = store.get(e.seq());
        if (existing != null && existing.epoch() == e.epoch()) {
            return;
        }
        if (existing != null) {
            truncateAfter(e.seq() - 1);
        }
        append(e);
    }

    @Override
    public void append(LogEntry e) {
        store.append(e);
        appended.add(e);
        if (!e.isBarrier()) {
            index.put(e.partKey(), e.seq());
        }
    }

    /**
     * Removes an uncommitted suffix. A committed entry is never replaced while a majority quorum keeps its state; it
     * can be only after state was lost (a majority of the servers that held it restarted: the in-memory store
     * forgets) or with a quorum below a majority (two leaders may each commit alone). Then the leader's log is the
     * one the cluster goes on with: this server adopts it; what it already delivered stays
     * delivered, and it delivers on from the next place it has not delivered.
     */
    @Override
    public void truncateAfter(long seq) {
        if (seq < commitSeq) {
            commitSeq = seq;
            retired.values().removeIf(retiredSeq -> retiredSeq > seq);
        }
        for (LogEntry e : store.read(seq + 1, Integer.MAX_VALUE)) {
            if (!e.isBarrier()) {
                index.remove(e.partKey(), e.seq());
            }
        }
        store.truncateAfter(seq);
    }

    @Override
    public void commitTo(long seq) {
        if (seq <= commitSeq) {
            return;
        }
        commitSeq = seq;
        deliverCommitted();
    }

    /** Hands out what is committed and not yet applied, and lets the store forget what it need not keep. */
    private void deliverCommitted() {
        for (LogEntry e : store.read(appliedSeq + 1, (int) Math.min(Integer.MAX_VALUE, commitSeq - appliedSeq))) {
            appliedSeq = e.seq();
            Delivery d = e.isBarrier() ? null : reassembly.committed(e);
            if (reassembly.isEmpty()) {
                cutSeq = e.seq();
                cutEpoch = e.epoch();
            }
            if (d != null) {
                deliveries.add(cutSeq == d.seq() ? d : new Delivery(d.epoch(), d.seq(), d.originServer(),
                        d.clientId(), d.clientEventId(), d.payload(), new LogCut(cutSeq, cutEpoch)));
            }
            if (!e.isBarrier()) {
                onCommit.accept(e);
            }
        }
        for (LogEntry gone : store.discardUpTo(Math.min(appliedSeq, commitSeq))) {
            if (!gone.isBarrier() && index.remove(gone.partKey(), gone.seq())) {
                retired.put(gone.partKey(), gone.seq());
            }
        }
        if (retired.size() > RETIRED_KEYS) {
            Iterator<PartKey> oldest = retired.keySet().iterator();
            for (int n = retired.size() - RETIRED_KEYS; n > 0; n--) {
                oldest.next();
                oldest.remove();
            }
        }
    }
}
