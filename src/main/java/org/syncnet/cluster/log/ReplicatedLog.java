package org.syncnet.cluster.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.syncnet.cluster.wire.Append;
import org.syncnet.cluster.wire.DatagramCodec;
import org.syncnet.cluster.wire.Fetch;
import org.syncnet.cluster.wire.Forward;
import org.syncnet.cluster.wire.LogAck;
import org.syncnet.cluster.wire.Message;

/**
 * The replicated, ordered log of one server (DESIGN invariants 3-5), driven by {@link org.syncnet.cluster.ClusterNode}, which decides
 * who leads and passes on only the log messages of its current epoch and leader.
 *
 * <ul>
 * <li><b>Leader.</b> Before it orders anything it recovers: of the logs its quorum promised with (their
 * {@link LogPosition}s), the highest by (last epoch, last seq) holds every committed entry (the Raft argument: an
 * entry is committed only once a quorum holds it in the leader's own epoch, and a promiser freezes its log), so the
 * leader fetches that log's entries after its own commit point, replacing its own uncommitted suffix. Then it
 * appends a barrier in its own epoch and replicates; an entry is committed once a quorum holds it and the entry at
 * that point is of the leader's epoch, which also commits everything recovered before it.</li>
 * <li><b>Replication</b> is NAKACK-style over datagrams: the leader pipelines batched {@link Append}s (each at most
 * one datagram) after the position it believes the follower holds; the follower acknowledges the position up to
 * which its log equals the leader's, or answers a gap or a mismatch with a negative acknowledgement naming a
 * position it surely shares (its last entry on a gap, its committed prefix on a mismatch), and the leader resends
 * from there at once. Lost acknowledgements are covered by a retry timer.</li>
 * <li><b>Followers</b> accept entries only from their leader, overwrite an uncommitted entry of another epoch at
 * the same place (never a committed one: that would be a safety bug and throws), and commit up to the leader's
 * commit point, but never beyond what this append proved to match; where the leader and one follower make a quorum,
 * a follower commits the leader's own-epoch entries it holds without waiting for that point.</li>
 * <li><b>Deduplication</b> is by (client id, client event id) against the entries the store still keeps: the
 * index holds one key per kept entry, so it is bounded exactly as the store is. A retry that arrives after its
 * entry left the store (more than the store's capacity of later events) would be ordered again; servers drop
 * their own pending copy as soon as they see it committed, so only a client retrying that late can cause it.</li>
 * </ul>
 */
public final class ReplicatedLog {
    /** Body bytes an Append may use: the datagram limit minus the largest header (64-byte sender) and the MAC. */
    static final int APPEND_BODY_BUDGET = DatagramCodec.MAX_DATAGRAM - (4 + 1 + 64 + 26 + 32);
    /** Entries a leader sends ahead of a follower's acknowledged position: flow control for a slow or dead peer. */
    static final int WINDOW = 128;
    /** Entries that are sent without waiting for the acknowledgement of the append in flight. */
    static final int BATCH = 16;
    /** Datagrams a promiser answers one fetch with: recovery pipelines instead of one datagram per round trip. */
    static final int FETCH_DATAGRAMS = 8;

    /** Sends a log message to a peer, in the sender's current epoch. */
    public interface Outlet {
        void send(String to, Message message);
    }

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
         * thousands of datagrams and, through the shared sequence numbers, pushed the leader's datagrams to
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
    private final LogStore store;
    private final long retryMillis;
    private final Consumer<LogEntry> onCommit;
    /** Where the log resumed and what it appended since the driver last took them (see {@link #takeWrites}). */
    private LogCut resumedAfter;
    private final List<LogEntry> appended = new ArrayList<>();
    private final Map<PartKey, Long> index = new HashMap<>();
    private final Reassembly reassembly = new Reassembly();
    private final List<Delivery> deliveries = new ArrayList<>();
    private long commitSeq;
    private long appliedSeq;
    /** The last place no large event waited for parts at (see {@link LogCut}), and its entry's epoch. */
    private long cutSeq;
    private long cutEpoch;

    private long leaderEpoch = -1;
    private final LogRecovery recovery;
    /** What recovery may change of this log. */
    private final LogRecovery.Log recovered = new LogRecovery.Log() {
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

        @Override
        public void truncateAfter(long seq) {
            ReplicatedLog.this.truncateAfter(seq);
        }

        @Override
        public void append(LogEntry e) {
            ReplicatedLog.this.append(e);
        }

        @Override
        public void commitTo(long seq) {
            ReplicatedLog.this.commitTo(seq);
        }
    };
    /** Follower: appends from the leader that arrived ahead of a gap (the leader sends at most WINDOW ahead). */
    private final AppendsAhead ahead = new AppendsAhead(2 * WINDOW);
    private final Map<String, Progress> progress = new HashMap<>();
    /** The log positions this leader's quorum promised with: their commit points are where replication may start. */
    private Map<String, LogPosition> promisedPositions = Map.of();
    /** Entries were ordered or acknowledged since the last {@link #flush}. */
    private boolean replicateDue;
    private long unservableCatchUps;
    private long heldBack;
    /** Leader: forwarded parts that arrived before their predecessor, ordered as soon as it is. */
    private final Waiting waiting = new Waiting();
    /** Follower: fetches committed entries from a peer while the leader's appends do not arrive. */
    private final CatchUp catchUp;
    /**
     * This process's log holds everything committed that it ever acknowledged: false from the start (a restarted
     * process resumes from what it stored, which may lack entries it acknowledged, and cannot tell a first start from
     * a restart) until a leader caught it up to its commit point, or it recovered its log as leader.
     */
    private boolean whole;
    private long divergences;

    public ReplicatedLog(String self, List<String> peers, int quorum, LogStore store, long retryMillis,
                         Consumer<LogEntry> onCommit) {
        this(self, peers, quorum, store, retryMillis, onCommit, LogCut.START);
    }

    /**
     * @param store   empty, or a restarted server's kept tail (see {@link LogResume})
     * @param applied the cut after what the driver applied before a restart: what follows in the store is delivered
     *                again (at most from the store's start)
     */
    public ReplicatedLog(String self, List<String> peers, int quorum, LogStore store, long retryMillis,
                         Consumer<LogEntry> onCommit, LogCut applied) {
        this.self = self;
        this.peers = List.copyOf(peers);
        this.quorum = quorum;
        this.store = store;
        this.retryMillis = retryMillis;
        this.onCommit = onCommit;
        this.recovery = new LogRecovery(retryMillis);
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

    /**
     * Goes on after {@code cut}, which the driver has from a peer's stored history (committed, and applied by the
     * driver from that history): for a follower that needs entries no peer's log keeps any more. Only when this log
     * holds nothing after {@code cut} (so nothing it acknowledged is lost) and does not lead; the leader then sends
     * what follows. False if it does not apply.
     */
    public boolean fastForward(LogCut cut) {
        if (cut.seq() <= store.lastSeq() || isLeading()) {
            return false;
        }
        store.resetAfter(cut);
        index.clear();
        reassembly.clear();
        ahead.clear();
        commitSeq = cut.seq();
        appliedSeq = cut.seq();
        cutSeq = cut.seq();
        cutEpoch = cut.epoch();
        resumedAfter = cut;
        return true;
    }

    public boolean isWhole() {
        return whole;
    }

    public LogPosition position() {
        return new LogPosition(store.lastEpoch(), store.lastSeq(), commitSeq);
    }

    public long commitSeq() {
        return commitSeq;
    }

    /** How often a follower needed entries this server no longer keeps (would need a snapshot, not built yet). */
    public long unservableCatchUps() {
        return unservableCatchUps;
    }

    /** Parts this leader could not order at once because their client's previous part was not in the log yet. */
    public long heldBack() {
        return heldBack;
    }

    /** How often this server replaced committed entries (state loss or a sub-majority quorum; see truncateAfter). */
    public long divergences() {
        return divergences;
    }

    /** The entry for this client event (a single-part one) is in the log, committed or not, as far as we know. */
    boolean holds(ClientEventKey key) {
        return holds(new PartKey(key, 0));
    }

    /** The entry for this part is in the log, committed or not, as far as we know. */
    boolean holds(PartKey key) {
        return index.containsKey(key);
    }

    boolean isCommitted(PartKey key) {
        Long seq = index.get(key);
        return seq != null && seq <= commitSeq;
    }

    /** Large events whose parts did not all arrive and were given up (see {@link Reassembly}). */
    public long abandonedEvents() {
        return reassembly.abandoned();
    }

    /**
     * What this log appended (and where it resumes) since the last call: the driver writes it to its durable log
     * before it sends anything of the same step (Raft's rule: what a server acknowledged, or a leader sent, survives
     * its restart).
     */
    public LogWrites takeWrites() {
        if (resumedAfter == null && appended.isEmpty()) {
            return LogWrites.NONE;
        }
        LogWrites out = new LogWrites(resumedAfter, List.copyOf(appended));
        resumedAfter = null;
        appended.clear();
        return out;
    }

    public List<Delivery> drainDeliveries() {
        List<Delivery> out = List.copyOf(deliveries);
        deliveries.clear();
        return out;
    }

    // ---- leader -----------------------------------------------------------------------------------------

    /** Leads {@code epoch} now; recovers from the highest promised log first unless this server's is the highest. */
    public void startLeading(long epoch, Map<String, LogPosition> promised, long now, Outlet out) {
        leaderEpoch = epoch;
        progress.clear();
        promisedPositions = Map.copyOf(promised);
        LogPosition best = position();
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
        recovery.start(from, best.lastSeq(), commitSeq + 1, now, out);
    }

    public void stopLeading() {
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
    public void flush(long now, Outlet out) {
        if (replicateDue && isReady()) {
            replicate(now, out);
        }
        replicateDue = false;
    }

    public boolean isLeading() {
        return leaderEpoch >= 0;
    }

    /** Leading and recovered: may order new events. */
    public boolean isReady() {
        return leaderEpoch >= 0 && !recovery.isActive();
    }

    /** The promiser this leader recovers from, or null. */
    public String recoverySource() {
        return recovery.source();
    }

    /**
     * Orders a client event; false if it is already in the log (a retry). Only when {@link #isReady}. The followers
     * are sent it on the next {@link #flush}.
     */
    boolean order(String origin, ClientEventKey key, byte[] payload) {
        return order(origin, new PartKey(key, 0), null, 1, payload);
    }

    /**
     * Orders the parts forwarded by {@code origin}, except those already in the log (retries); one whose predecessor
     * is not in the log yet (overtaken, or lost on the way or with an old leader: the origin sends it again) waits
     * for it.
     */
    public void order(String origin, Forward f) {
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
        if (!isReady() || index.containsKey(key)) {
            return false;
        }
        if (after != null && !index.containsKey(after)) {
            heldBack++;
            waiting.hold(after, new Waiting.Part(origin, key, parts, payload));
            return false;
        }
        for (Waiting.Part p = new Waiting.Part(origin, key, parts, payload); p != null; p = waiting.release(p.key())) {
            ClientEventKey event = p.key().event();
            append(new LogEntry(leaderEpoch, store.lastSeq() + 1, p.origin(), event.clientId(), event.clientEventId(),
                    p.key().part(), p.parts(), p.payload()));
        }
        advanceCommit();
        replicateDue = true;
        return true;
    }

    /** A fetch answer from the promiser this leader recovers from. */
    public void onRecoveryAppend(String from, Append a, long now, Outlet out) {
        if (recovery.onAppend(from, a, now, out, recovered)) {
            finishRecovery(now, out);
        }
    }

    /**
     * A follower's answer: an acknowledgement moves its match point and maybe the commit point (what that lets the
     * leader send goes on the next {@link #flush}); a gap or a mismatch rewinds it and resends at once.
     */
    public void onLogAck(String from, LogAck ack, long now, Outlet out) {
        Progress p = progress.get(from);
        if (!isReady() || p == null) {
            return;
        }
        p.knownCommit = Math.max(p.knownCommit, ack.commitSeq());
        p.probing = false;
        if (ack.matched()) {
            p.match = Math.max(p.match, Math.min(ack.seq(), store.lastSeq()));
            p.sentUpTo = Math.max(p.sentUpTo, p.match);
            advanceCommit();
            replicateDue = true;
        } else {
            // A gap or a mismatch: resend from the position the follower shares with us, unless we did so lately.
            // The follower holds what arrived after a gap (AppendsAhead), so one resend fills the hole. Every
            // append that overtakes another draws a gap NAK: rewinding on each (even without resending) made every
            // later acknowledgement resend the whole window again, and the flood of datagrams outran the
            // receivers' replay window (seed 7889: thousands of appends per 50 ms to one follower).
            p.promisedCommit = Math.min(p.promisedCommit, ack.seq());
            long shared = Math.max(Math.min(ack.seq(), store.lastSeq()), p.match);
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
    public void followerCommitted(String peer, long commit) {
        Progress p = progress.get(peer);
        if (p != null && isReady()) {
            p.knownCommit = Math.max(p.knownCommit, Math.min(commit, commitSeq));
        }
    }

    /** The follower restarted: it holds nothing we sent before. */
    public void forgetFollower(String peer) {
        Progress p = progress.get(peer);
        if (p != null) {
            p.match = 0;
            p.knownCommit = 0;
            p.sentUpTo = store.lastSeq();
        }
    }

    /** Retransmits what was not acknowledged within the retry interval, to the peers {@code alive} accepts. */
    public void tick(long now, Predicate<String> alive, Outlet out) {
        if (recovery.isActive()) {
            recovery.tick(now, out);
            return;
        }
        if (!isReady()) {
            return;
        }
        for (String peer : peers) {
            Progress p = progress.get(peer);
            if (alive.test(peer) && (p.match < store.lastSeq() || p.knownCommit < commitSeq)
                    && now - p.lastSentAt >= retryMillis) {
                p.sentUpTo = resendFrom(p);
                // Only unacknowledged entries make it a probe: commit news alone is never acknowledged.
                p.probing = p.match < store.lastSeq();
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
        long from = Math.max(p.match, Math.min(p.promisedCommit, store.lastSeq()));
        // Not kept here (this leader restarted and resumed after it): start where the store does; a follower that
        // lacks even that answers with a gap and is counted as stranded.
        return store.epochAt(from) < 0 ? store.firstSeq() - 1 : from;
    }

    private void finishRecovery(long now, Outlet out) {
        whole = true;
        long before = store.lastSeq();
        append(LogEntry.barrier(leaderEpoch, before + 1, self));
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
            while (p.sentUpTo < store.lastSeq() && p.sentUpTo - p.match < WINDOW
                    && (p.sentUpTo == p.match || store.lastSeq() - p.sentUpTo >= BATCH)) {
                long before = p.sentUpTo;
                sendTo(peer, p, now, out);
                if (p.sentUpTo == before) {
                    break;
                }
            }
            if (p.sentCommit < commitSeq && p.sentUpTo >= store.lastSeq() && !sentIsCommitted(p)) {
                sendTo(peer, p, now, out); // commit news only
            }
        }
    }

    private void sendTo(String peer, Progress p, long now, Outlet out) {
        long prevSeq = p.sentUpTo;
        long prevEpoch = store.epochAt(prevSeq);
        p.lastSentAt = now;
        if (prevEpoch < 0) {
            if (!p.stranded) {
                p.stranded = true;
                unservableCatchUps++; // the follower needs entries this store no longer keeps
            }
            return;
        }
        p.stranded = false;
        List<LogEntry> batch = batch(prevSeq + 1);
        out.send(peer, new Append(prevEpoch, prevSeq, commitSeq, batch));
        p.sentCommit = commitSeq;
        p.sentUpTo = prevSeq + batch.size();
    }

    /** As many entries from {@code fromSeq} as fit one datagram. */
    private List<LogEntry> batch(long fromSeq) {
        return batch(fromSeq, Long.MAX_VALUE);
    }

    /** As many entries from {@code fromSeq} up to {@code toSeq} as fit one datagram. */
    private List<LogEntry> batch(long fromSeq, long toSeq) {
        List<LogEntry> out = new ArrayList<>();
        if (fromSeq < store.firstSeq()) {
            return out; // discarded: callers check epochAt(fromSeq - 1) first, this only keeps the batch contiguous
        }
        int budget = APPEND_BODY_BUDGET - Append.FIXED_BYTES;
        for (LogEntry e : store.read(fromSeq, (int) Math.min(64, toSeq - fromSeq + 1))) {
            int size = Append.encodedSize(e);
            if (size > budget) {
                break;
            }
            budget -= size;
            out.add(e);
        }
        return out;
    }

    private void advanceCommit() {
        List<Long> matches = new ArrayList<>();
        matches.add(store.lastSeq());
        for (String peer : peers) {
            Progress p = progress.get(peer);
            matches.add(p == null ? 0 : p.match);
        }
        matches.sort((a, b) -> Long.compare(b, a));
        long n = matches.get(quorum - 1);
        // Only an entry of our own epoch is committed by counting (Raft 5.4.2); it commits all before it.
        if (n > commitSeq && store.epochAt(n) == leaderEpoch) {
            commitTo(n);
        }
    }

    // ---- follower and fetch source --------------------------------------------------------------------------

    /** Entries from our leader (one epoch and process of it, as in tests). */
    LogAck onFollowerAppend(Append a) {
        return onFollowerAppend(0, 0, a);
    }

    /**
     * Entries from our leader, of {@code epoch}, sent by its process {@code leaderIncarnation}: log matching, then
     * commit as far as this append proved our log equal. An append past a gap is held until the gap is filled, and
     * answered with the gap (the leader resends from there); once it is filled, the held ones are applied too and
     * one acknowledgement covers them all.
     */
    public LogAck onFollowerAppend(long epoch, long leaderIncarnation, Append a) {
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

    /** The follower commits what it was sent without the leader's word (see {@link #selfCommits}). */
    private boolean sentIsCommitted(Progress p) {
        return quorum <= 2 && p.sentUpTo >= commitSeq && store.epochAt(p.sentUpTo) == leaderEpoch;
    }

    /**
     * Follower: fetches committed entries from a peer when this log has stood behind what the peers announce for a
     * retry interval (see {@link CatchUp}).
     *
     * @param announced each peer's commit point as it last announced it
     */
    public void catchUp(long now, Map<String, Long> announced, Outlet out) {
        if (isLeading()) {
            return;
        }
        String source = catchUp.due(now, commitSeq, announced, peers);
        if (source != null) {
            out.send(source, new Fetch(commitSeq + 1, true));
        }
    }

    /** How often this follower fetched committed entries from a peer because its leader's appends did not come. */
    public long catchUpFetches() {
        return catchUp.fetches();
    }

    /**
     * A peer's answer to our catch-up fetch: committed entries (up to its commit point), applied as the leader's
     * would be (log matching replaces an uncommitted entry of another epoch) and committed at once. Not
     * acknowledged: the peer is not our leader. An answer that does not join our log is dropped; the next fetch asks
     * again.
     */
    public void onCatchUpAppend(Append a) {
        if (isLeading() || a.prevSeq() > store.lastSeq()) {
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

    /** A follower's catch-up fetch: our committed entries from there, up to {@link #FETCH_DATAGRAMS} appends. */
    public List<Append> onCatchUpFetch(Fetch f) {
        long prevSeq = f.fromSeq() - 1;
        if (prevSeq >= commitSeq) {
            return List.of();
        }
        if (store.epochAt(prevSeq) < 0) {
            unservableCatchUps++;
            return List.of();
        }
        List<Append> answer = new ArrayList<>();
        do {
            Append a = new Append(store.epochAt(prevSeq), prevSeq, commitSeq, batch(prevSeq + 1, commitSeq));
            answer.add(a);
            prevSeq += a.entries().size();
        } while (answer.size() < FETCH_DATAGRAMS && prevSeq < commitSeq);
        return answer;
    }

    /**
     * A recovering leader asks for our entries: up to {@link #FETCH_DATAGRAMS} appends in a row from there, empty
     * if we cannot answer.
     */
    public List<Append> onFetch(Fetch f) {
        long prevSeq = f.fromSeq() - 1;
        if (prevSeq > store.lastSeq()) {
            return List.of(new Append(store.lastEpoch(), store.lastSeq(), commitSeq, List.of()));
        }
        if (store.epochAt(prevSeq) < 0) {
            unservableCatchUps++;
            return List.of();
        }
        List<Append> answer = new ArrayList<>();
        do {
            Append a = new Append(store.epochAt(prevSeq), prevSeq, commitSeq, batch(prevSeq + 1));
            answer.add(a);
            prevSeq += a.entries().size();
        } while (answer.size() < FETCH_DATAGRAMS && prevSeq < store.lastSeq());
        return answer;
    }

    // ---- store and index ---------------------------------------------------------------------------------

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

    private void append(LogEntry e) {
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
     * one the cluster goes on with: this server adopts it and counts a divergence; what it already delivered stays
     * delivered, and it delivers on from the next place it has not delivered.
     */
    private void truncateAfter(long seq) {
        if (seq < commitSeq) {
            divergences++;
            commitSeq = seq;
        }
        for (LogEntry e : store.read(seq + 1, Integer.MAX_VALUE)) {
            if (!e.isBarrier()) {
                index.remove(e.partKey(), e.seq());
            }
        }
        store.truncateAfter(seq);
    }

    private void commitTo(long seq) {
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
            if (!gone.isBarrier()) {
                index.remove(gone.partKey(), gone.seq());
            }
        }
    }
}
