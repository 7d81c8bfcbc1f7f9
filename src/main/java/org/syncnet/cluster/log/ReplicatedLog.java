package org.syncnet.cluster.log;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.syncnet.cluster.log.entry.ClientEventKey;
import org.syncnet.cluster.log.entry.LogEntry;
import org.syncnet.cluster.log.entry.LogPosition;
import org.syncnet.cluster.log.entry.PartKey;
import org.syncnet.cluster.wire.Append;
import org.syncnet.cluster.wire.DatagramCodec;
import org.syncnet.cluster.wire.Fetch;
import org.syncnet.cluster.wire.Forward;
import org.syncnet.cluster.wire.LogAck;
import org.syncnet.cluster.wire.Message;

/**
 * The replicated, ordered log of one server (DESIGN invariants 3-5), driven by the cluster node, which decides who
 * leads and passes on only the log messages of its current epoch and leader. The leader's side is
 * {@link LeaderReplication}, the side every server keeps (store, matching, commit, delivery, catch-up)
 * {@link FollowerLog}, and answering peers' fetches {@link FetchAnswers}; this class is the one face of them.
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
 * <li><b>Deduplication</b> is by (client id, client event id) against the entries the store still keeps and the keys
 * of the last {@link FollowerLog#RETIRED_KEYS} entries it let go (the keys alone, far smaller than the entries). A
 * retry that arrives after more later events than that would be ordered again; servers drop their own pending copy
 * as soon as they see it committed, so only a client retrying that late can cause it.</li>
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

    private final FollowerLog log;
    private final LeaderReplication leader;
    private final FetchAnswers answers;

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
        this.log = new FollowerLog(self, peers, quorum, store, retryMillis, onCommit, applied);
        this.leader = new LeaderReplication(self, peers, quorum, retryMillis, log);
        this.answers = new FetchAnswers(log);
    }

    /**
     * Goes on after {@code cut}, which the driver has from a peer's stored history (committed, and applied by the
     * driver from that history): for a follower that needs entries no peer's log keeps any more. Only when this log
     * holds nothing after {@code cut} (so nothing it acknowledged is lost) and does not lead; the leader then sends
     * what follows. False if it does not apply.
     */
    public boolean fastForward(LogCut cut) {
        return !leader.isLeading() && log.fastForward(cut);
    }

    public boolean isWhole() {
        return log.isWhole();
    }

    public LogPosition position() {
        return log.position();
    }

    public long commitSeq() {
        return log.commitSeq();
    }

    /** How often a follower needed entries this server no longer keeps (would need a snapshot, not built yet). */
    public long unservableCatchUps() {
        return log.unservableCatchUps();
    }

    /** Parts this leader could not order at once because their client's previous part was not in the log yet. */
    public long heldBack() {
        return leader.heldBack();
    }

    /** While this server leads: each follower's replication lag in entries (see {@link LeaderReplication#lag}). */
    public Map<String, Long> replicationLag() {
        return leader.lag();
    }

    /** The entry for this client event (a single-part one) is in the log, committed or not, as far as we know. */
    boolean holds(ClientEventKey key) {
        return log.holds(key);
    }

    /** The entry for this part is in the log, committed or not, as far as we know. */
    boolean holds(PartKey key) {
        return log.holds(key);
    }

    boolean isCommitted(PartKey key) {
        return log.isCommitted(key);
    }

    /** Large events whose parts did not all arrive and were given up (see {@link Reassembly}). */
    public long abandonedEvents() {
        return log.abandonedEvents();
    }

    /**
     * What this log appended (and where it resumes) since the last call: the driver writes it to its durable log
     * before it sends anything of the same step (Raft's rule: what a server acknowledged, or a leader sent, survives
     * its restart).
     */
    public LogWrites takeWrites() {
        return log.takeWrites();
    }

    public List<Delivery> drainDeliveries() {
        return log.drainDeliveries();
    }

    /** Leads {@code epoch} now; recovers from the highest promised log first unless this server's is the highest. */
    public void startLeading(long epoch, Map<String, LogPosition> promised, long now, Outlet out) {
        leader.startLeading(epoch, promised, now, out);
    }

    public void stopLeading() {
        leader.stopLeading();
    }

    /**
     * Sends the followers what the steps since the last flush made due: the entries ordered and the commit point
     * acknowledged meanwhile. The driver flushes once per burst of datagrams, so under load one append per follower
     * (and one commit news) covers many orders and acknowledgements instead of each sending its own.
     */
    public void flush(long now, Outlet out) {
        leader.flush(now, out);
    }

    public boolean isLeading() {
        return leader.isLeading();
    }

    /** Leading and recovered: may order new events. */
    public boolean isReady() {
        return leader.isReady();
    }

    /** The promiser this leader recovers from, or null. */
    public String recoverySource() {
        return leader.recoverySource();
    }

    /**
     * Orders a client event; false if it is already in the log (a retry). Only when {@link #isReady}. The followers
     * are sent it on the next {@link #flush}.
     */
    boolean order(String origin, ClientEventKey key, byte[] payload) {
        return leader.order(origin, new PartKey(key, 0), null, 1, payload);
    }

    /**
     * Orders the parts forwarded by {@code origin}, except those already in the log (retries); one whose predecessor
     * is not in the log yet (overtaken, or lost on the way or with an old leader: the origin sends it again) waits
     * for it.
     */
    public void order(String origin, Forward f) {
        leader.order(origin, f);
    }

    /**
     * Orders one part of a client event after {@code after} (the part of the same client that must come first, or
     * null), and the parts that waited for it; false if it is already in the log (a retry) or now waits for its
     * predecessor.
     */
    boolean order(String origin, PartKey key, PartKey after, int parts, byte[] payload) {
        return leader.order(origin, key, after, parts, payload);
    }

    /** A fetch answer from the promiser this leader recovers from. */
    public void onRecoveryAppend(String from, Append a, long now, Outlet out) {
        leader.onRecoveryAppend(from, a, now, out);
    }

    /**
     * A follower's answer: an acknowledgement moves its match point and maybe the commit point (what that lets the
     * leader send goes on the next {@link #flush}); a gap or a mismatch rewinds it and resends at once.
     */
    public void onLogAck(String from, LogAck ack, long now, Outlet out) {
        leader.onLogAck(from, ack, now, out);
    }

    /**
     * The follower's commit point, as its heartbeat acknowledgement reports it: followers do not acknowledge commit
     * news alone, so this is how the leader stops resending it.
     */
    public void followerCommitted(String peer, long commit) {
        leader.followerCommitted(peer, commit);
    }

    /** The follower restarted: it holds nothing we sent before. */
    public void forgetFollower(String peer) {
        leader.forgetFollower(peer);
    }

    /** Retransmits what was not acknowledged within the retry interval, to the peers {@code alive} accepts. */
    public void tick(long now, Predicate<String> alive, Outlet out) {
        leader.tick(now, alive, out);
    }

    /** Entries from our leader (one epoch and process of it, as in tests). */
    LogAck onFollowerAppend(Append a) {
        return log.onFollowerAppend(0, 0, a);
    }

    /**
     * Entries from our leader, of {@code epoch}, sent by its process {@code leaderIncarnation}: log matching, then
     * commit as far as this append proved our log equal. An append past a gap is held until the gap is filled, and
     * answered with the gap (the leader resends from there); once it is filled, the held ones are applied too and
     * one acknowledgement covers them all.
     */
    public LogAck onFollowerAppend(long epoch, long leaderIncarnation, Append a) {
        return log.onFollowerAppend(epoch, leaderIncarnation, a);
    }

    /**
     * Follower: fetches committed entries from a peer when this log has stood behind what the peers announce for a
     * retry interval (see {@link CatchUp}).
     *
     * @param announced each peer's commit point as it last announced it
     */
    public void catchUp(long now, Map<String, Long> announced, Outlet out) {
        if (!leader.isLeading()) {
            log.catchUp(now, announced, out);
        }
    }

    /** How often this follower fetched committed entries from a peer because its leader's appends did not come. */
    public long catchUpFetches() {
        return log.catchUpFetches();
    }

    /**
     * A peer's answer to our catch-up fetch: committed entries (up to its commit point), applied as the leader's
     * would be (log matching replaces an uncommitted entry of another epoch) and committed at once. Not
     * acknowledged: the peer is not our leader. An answer that does not join our log is dropped; the next fetch asks
     * again.
     */
    public void onCatchUpAppend(Append a) {
        if (!leader.isLeading()) {
            log.onCatchUpAppend(a);
        }
    }

    /** A follower's catch-up fetch: our committed entries from there, up to {@link #FETCH_DATAGRAMS} appends. */
    public List<Append> onCatchUpFetch(Fetch f) {
        return answers.onCatchUpFetch(f);
    }

    /**
     * A recovering leader asks for our entries: up to {@link #FETCH_DATAGRAMS} appends in a row from there, empty
     * if we cannot answer.
     */
    public List<Append> onFetch(Fetch f) {
        return answers.onFetch(f);
    }
}
