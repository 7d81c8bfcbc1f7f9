package org.syncnet.cluster.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncnet.cluster.log.entry.ClientEventKey;
import org.syncnet.cluster.log.entry.LogEntry;
import org.syncnet.cluster.log.entry.LogPosition;
import org.syncnet.cluster.wire.Append;
import org.syncnet.cluster.wire.DatagramCodec;
import org.syncnet.cluster.wire.Envelope;
import org.syncnet.cluster.wire.Fetch;
import org.syncnet.cluster.wire.LogAck;
import org.syncnet.cluster.wire.Message;

/** The log's rules one message at a time, without the election or a network. */
class ReplicatedLogTest {
    private record Sent(String to, Message message) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final ReplicatedLog.Outlet out = (to, m) -> sent.add(new Sent(to, m));

    private final List<ReplicatedLog> logs = new ArrayList<>();

    private ReplicatedLog log(String self, int quorum, LogStore store) {
        List<String> peers = new ArrayList<>(List.of("s0", "s1", "s2"));
        peers.remove(self);
        ReplicatedLog log = new ReplicatedLog(self, peers, quorum, store, 50, e -> { });
        logs.add(log);
        return log;
    }

    /** What the logs send when the driver drains them after a step. */
    private void flush() {
        logs.forEach(l -> l.flush(1, out));
    }

    private List<Append> appendsTo(String peer) {
        flush();
        List<Append> out = new ArrayList<>();
        for (Sent s : sent) {
            if (s.to.equals(peer) && s.message instanceof Append a) {
                out.add(a);
            }
        }
        sent.clear();
        return out;
    }

    /** Delivers the leader's appends to the follower and its acknowledgements back until nothing moves. */
    private List<Append> pump(ReplicatedLog leader, String id, ReplicatedLog follower) {
        List<Append> seen = new ArrayList<>();
        for (List<Append> batch = appendsTo(id); !batch.isEmpty(); batch = appendsTo(id)) {
            for (Append a : batch) {
                seen.add(a);
                leader.onLogAck(id, follower.onFollowerAppend(2, 1, a), 1, out); // the leaders here lead epoch 2
            }
        }
        return seen;
    }

    private static ClientEventKey key(long id) {
        return new ClientEventKey("c", id);
    }

    @Test
    void committedOnceAQuorumHoldsItThenDeliveredInOrderOnEveryServer() {
        ReplicatedLog leader = log("s2", 2, new InMemoryLogStore());
        ReplicatedLog follower = log("s1", 2, new InMemoryLogStore());
        leader.startLeading(2, Map.of(), 0, out);
        for (long i = 1; i <= 3; i++) {
            assertTrue(leader.order("s0", key(i), new byte[] {(byte) i}));
        }
        assertEquals(0, leader.commitSeq(), "nobody acknowledged yet");
        pump(leader, "s1", follower);
        assertEquals(4, leader.commitSeq(), "barrier + 3 events");
        assertEquals(4, follower.commitSeq(), "with three servers the follower commits what it holds of epoch 2");
        List<Delivery> onLeader = leader.drainDeliveries();
        List<Delivery> onFollower = follower.drainDeliveries();
        assertEquals(3, onLeader.size(), "the barrier is not delivered");
        assertEquals(keys(onLeader), keys(onFollower));
        assertEquals(List.of(2L, 3L, 4L), onLeader.stream().map(Delivery::seq).toList());
    }

    @Test
    void aFollowerCommitsAloneOnlyWhatALeaderAndItMakeAQuorumForInTheLeadersEpoch() {
        ReplicatedLog threeServers = log("s1", 2, new InMemoryLogStore());
        Append ownEpoch = new Append(0, 0, 0, List.of(LogEntry.barrier(2, 1, "s2"),
                new LogEntry(2, 2, "s2", "c", 1, new byte[0])));
        assertEquals(new LogAck(true, 2, 2), threeServers.onFollowerAppend(2, 1, ownEpoch), "leader + follower = 2");

        ReplicatedLog olderEpoch = log("s1", 2, new InMemoryLogStore());
        Append recovered = new Append(0, 0, 0, List.of(new LogEntry(1, 1, "s0", "c", 1, new byte[0])));
        assertEquals(new LogAck(true, 1, 0), olderEpoch.onFollowerAppend(2, 1, recovered),
                "an entry of an older epoch waits for the leader's word (Raft 5.4.2)");

        ReplicatedLog fiveServers = new ReplicatedLog("s1", List.of("s0", "s2", "s3", "s4"), 3, new InMemoryLogStore(),
                50, e -> { });
        assertEquals(new LogAck(true, 2, 0), fiveServers.onFollowerAppend(2, 1, ownEpoch), "2 of 5 are no quorum");
    }

    @Test
    void withThreeServersNoCommitNewsFollowsTheAcknowledgements() {
        ReplicatedLog leader = log("s2", 2, new InMemoryLogStore());
        ReplicatedLog follower = log("s1", 2, new InMemoryLogStore());
        leader.startLeading(2, Map.of(), 0, out);
        leader.order("s0", key(1), new byte[0]);
        List<Append> appends = pump(leader, "s1", follower);
        assertTrue(appends.stream().noneMatch(a -> a.entries().isEmpty()), "only appends with entries: " + appends);
        assertEquals(leader.commitSeq(), follower.commitSeq());
    }

    @Test
    void aRetryIsOrderedOnce() {
        ReplicatedLog leader = log("s2", 1, new InMemoryLogStore());
        leader.startLeading(2, Map.of(), 0, out);
        assertTrue(leader.order("s0", key(7), new byte[0]));
        assertFalse(leader.order("s1", key(7), new byte[0]), "the same client event from another server");
        assertEquals(1, leader.drainDeliveries().size());
        assertFalse(leader.order("s0", key(7), new byte[0]), "also after it was committed");
    }

    @Test
    void aRestartedLogHoldsWhatItKeptCommittedUpToWhatItsDriverAppliedAndOrdersNoRetryTwice() {
        List<LogEntry> kept = new ArrayList<>();
        kept.add(LogEntry.barrier(2, 1, "s2"));
        for (long i = 2; i <= 6; i++) {
            kept.add(new LogEntry(2, i, "s0", "c", i, new byte[] {(byte) i}));
        }
        LogStore store = new LogResume(new LogCut(4, 2), 0, kept).store(100);
        ReplicatedLog restarted = new ReplicatedLog("s2", List.of("s0", "s1"), 1, store, 50, e -> { },
                new LogCut(4, 2));
        assertEquals(new LogWrites(new LogCut(6, 2), List.of()), restarted.takeWrites(),
                "the durable log goes on after the kept entries");
        assertEquals(new LogPosition(2, 6, 4), restarted.position(),
                "committed up to what the driver applied; 5 and 6 may or may not have been");
        assertEquals(List.of(), restarted.drainDeliveries(), "nothing is delivered again");
        assertFalse(restarted.isWhole());
        restarted.startLeading(5, Map.of(), 0, out);
        assertEquals(List.of(5L, 6L), restarted.drainDeliveries().stream().map(Delivery::seq).toList(),
                "committed by the new leader's barrier");
        assertFalse(restarted.order("s1", key(3), new byte[] {3}), "a late retry of a kept event");
        assertTrue(restarted.order("s1", key(7), new byte[] {7}));
        assertEquals(List.of(7L, 8L), restarted.takeWrites().entries().stream().map(LogEntry::seq).toList(),
                "the new barrier and event go to the durable log as they are appended, the kept ones not again");
    }

    @Test
    void aNewLeaderRetriesFromTheCommitPointAFollowerPromisedWithNotFromTheStart() {
        List<LogEntry> kept = new ArrayList<>();
        for (long i = 1; i <= 40; i++) {
            kept.add(new LogEntry(2, i, "s0", "c", i, new byte[] {(byte) i}));
        }
        // A restarted leader keeps entries 31-40 only; the follower promised with commit point 35.
        LogStore store = new LogResume(new LogCut(40, 2), 2, kept.subList(30, 40)).store(100);
        ReplicatedLog leader = new ReplicatedLog("s2", List.of("s0", "s1"), 2, store, 50, e -> { },
                new LogCut(40, 2));
        logs.add(leader);
        leader.startLeading(5, Map.of("s1", new LogPosition(2, 38, 35)), 0, out);
        leader.tick(1_000, p -> true, out);
        Append retry = appendsTo("s1").get(0);
        assertEquals(35, retry.prevSeq(), "after the promised commit point, which the leader still keeps");
        assertEquals(2, retry.prevEpoch());
        leader.tick(2_000, p -> true, out);
        Append probe = appendsTo("s0").stream().filter(a -> a.prevSeq() == 30).findFirst().orElseThrow();
        assertEquals(2, probe.prevEpoch(), "no promise from s0: from where the kept entries start");
        assertEquals(0, leader.unservableCatchUps());
    }

    @Test
    void aGapIsAnsweredWithWhereTheFollowerStands() {
        ReplicatedLog follower = log("s1", 2, new InMemoryLogStore());
        LogAck nak = follower.onFollowerAppend(new Append(2, 5, 0,
                List.of(new LogEntry(2, 6, "s2", "c", 1, new byte[0]))));
        assertEquals(new LogAck(false, 0, 0), nak);
    }

    @Test
    void appendsArrivingInReverseAreHeldAndAppliedOnceTheGapIsFilled() {
        ReplicatedLog leader = log("s2", 2, new InMemoryLogStore());
        ReplicatedLog follower = log("s1", 2, new InMemoryLogStore());
        leader.startLeading(2, Map.of(), 0, out);
        pump(leader, "s1", follower);
        for (long i = 1; i <= 60; i++) {
            leader.order("s0", key(i), new byte[300]); // several datagrams' worth
        }
        List<Append> window = appendsTo("s1");
        assertTrue(window.size() > 3, "the window went out in several appends: " + window.size());
        LogAck last = null;
        for (int i = window.size() - 1; i >= 0; i--) {
            last = follower.onFollowerAppend(window.get(i));
            if (i > 0) {
                assertFalse(last.matched(), "ahead of a gap: held, and the gap reported");
            }
        }
        Append end = window.get(window.size() - 1);
        assertEquals(new LogAck(true, end.prevSeq() + end.entries().size(), last.commitSeq()), last,
                "the first one filled the gap; one acknowledgement covers everything held");
        sent.clear();
    }

    @Test
    void aGapReportDoesNotMakeTheLeaderResendTheWindowAgainAndAgain() {
        ReplicatedLog leader = log("s2", 2, new InMemoryLogStore());
        ReplicatedLog follower = log("s1", 2, new InMemoryLogStore());
        leader.startLeading(2, Map.of(), 0, out);
        pump(leader, "s1", follower);
        for (long i = 1; i <= 60; i++) {
            leader.order("s0", key(i), new byte[300]);
        }
        List<Append> window = appendsTo("s1");
        // Everything but the first arrives, each drawing a gap report, within one retry interval.
        for (int i = 1; i < window.size(); i++) {
            leader.onLogAck("s1", follower.onFollowerAppend(window.get(i)), 1, out);
        }
        assertTrue(appendsTo("s1").size() <= 1, "the reports within one retry interval draw one resend");
        // The first one arrives late: the follower applies everything it held and says so in one acknowledgement.
        leader.onLogAck("s1", follower.onFollowerAppend(window.get(0)), 1, out);
        List<Append> after = appendsTo("s1");
        assertTrue(after.size() <= 2, "only what was never sent follows, not the window again: " + after.size());
        for (Append a : after) {
            leader.onLogAck("s1", follower.onFollowerAppend(a), 1, out);
        }
        pump(leader, "s1", follower);
        assertEquals(leader.position().lastSeq(), follower.position().lastSeq());
    }

    @Test
    void anUncommittedEntryOfAnOlderEpochIsOverwritten() {
        ReplicatedLog follower = log("s1", 2, new InMemoryLogStore());
        follower.onFollowerAppend(new Append(0, 0, 0, List.of(LogEntry.barrier(2, 1, "s2"),
                new LogEntry(2, 2, "s2", "c", 1, new byte[0]))));
        assertTrue(follower.holds(key(1)));
        LogAck ack = follower.onFollowerAppend(new Append(2, 1, 0, List.of(new LogEntry(5, 2, "s2", "c", 2,
                new byte[0]))));
        assertEquals(new LogAck(true, 2, 0), ack);
        assertFalse(follower.holds(key(1)), "the overwritten entry left the dedup index too");
        assertTrue(follower.holds(key(2)));
        assertEquals(new LogPosition(5, 2, 0), follower.position());
    }

    @Test
    void aMismatchBelowTheLastEntryPointsAtTheCommittedPrefix() {
        ReplicatedLog follower = log("s1", 2, new InMemoryLogStore());
        follower.onFollowerAppend(new Append(0, 0, 1, List.of(LogEntry.barrier(2, 1, "s2"),
                new LogEntry(2, 2, "s2", "c", 1, new byte[0]))));
        assertEquals(1, follower.commitSeq());
        assertEquals(new LogAck(false, 1, 1), follower.onFollowerAppend(new Append(4, 2, 1, List.of())));
    }

    @Test
    void everyAppendFitsOneDatagramUnderLoad() {
        ReplicatedLog leader = log("s2", 2, new InMemoryLogStore());
        leader.startLeading(2, Map.of(), 0, out);
        for (long i = 1; i <= 200; i++) {
            leader.order("s0", key(i), new byte[(int) (i * 37 % (LogEntry.MAX_PAYLOAD + 1))]);
        }
        DatagramCodec codec = new DatagramCodec(new byte[] {1});
        String longest = "\uD83D\uDE00".repeat(16);
        long entries = 0;
        int batched = 0;
        for (Append a : pump(leader, "s1", log("s1", 2, new InMemoryLogStore()))) {
            byte[] d = codec.encode(new Envelope(longest, 1, 1, 2, a));
            assertTrue(d.length <= DatagramCodec.MAX_DATAGRAM, d.length + " bytes");
            entries += a.entries().size();
            batched = Math.max(batched, a.entries().size());
        }
        assertEquals(201, entries, "everything sent, a batch at a time while an append is in flight");
        assertTrue(batched > 1, "small entries share a datagram");
    }

    @Test
    void aLateRetryOfAnEntryTheStoreLetGoIsNotOrderedAgain() {
        ReplicatedLog leader = log("s2", 1, new InMemoryLogStore(10));
        leader.startLeading(2, Map.of(), 0, out);
        for (long i = 1; i <= 50; i++) {
            assertTrue(leader.order("s0", key(i), new byte[0]));
        }
        assertEquals(50, leader.drainDeliveries().size());
        assertFalse(leader.order("s0", key(1), new byte[0]), "the first entry left the store; its key did not");
        assertEquals(List.of(), leader.drainDeliveries());
        assertTrue(leader.order("s0", key(51), new byte[0]));
    }

    @Test
    void aFollowerNeedingDiscardedEntriesIsCountedNotSilentlySkipped() {
        ReplicatedLog leader = log("s2", 1, new InMemoryLogStore(10));
        leader.startLeading(2, Map.of(), 0, out);
        for (long i = 1; i <= 50; i++) {
            leader.order("s0", key(i), new byte[0]);
        }
        assertEquals(50, leader.drainDeliveries().size());
        flush();
        sent.clear();
        assertEquals(2, leader.unservableCatchUps(), "neither follower ever acknowledged: both need seq 1");
        leader.onLogAck("s1", new LogAck(false, 0, 0), 1, out); // and says so; counted once, not per retry
        assertEquals(2, leader.unservableCatchUps());
        assertTrue(appendsTo("s1").isEmpty());
    }

    @Test
    void aNewLeaderRecoversTheHighestPromisedLogBeforeOrdering() {
        ReplicatedLog old = log("s1", 2, new InMemoryLogStore());
        old.onFollowerAppend(new Append(0, 0, 0, List.of(LogEntry.barrier(2, 1, "s2"),
                new LogEntry(2, 2, "s2", "c", 1, new byte[0]))));
        ReplicatedLog leader = log("s2", 2, new InMemoryLogStore());
        leader.startLeading(5, Map.of("s1", old.position()), 0, out);
        assertFalse(leader.isReady());
        assertFalse(leader.order("s0", key(9), new byte[0]), "nothing is ordered while recovering");
        org.syncnet.cluster.wire.Fetch fetch = (org.syncnet.cluster.wire.Fetch) sent.remove(0).message;
        for (Append answer : old.onFetch(fetch)) {
            leader.onRecoveryAppend("s1", answer, 1, out);
        }
        assertTrue(leader.isReady());
        assertTrue(leader.holds(key(1)), "the recovered entry is kept (and deduplicated against)");
        assertEquals(new LogPosition(5, 3, 0), leader.position(), "recovered 2 entries, then its own barrier");
    }

    private static List<ClientEventKey> keys(List<Delivery> ds) {
        return ds.stream().map(d -> new ClientEventKey(d.clientId(), d.clientEventId())).toList();
    }

    @Test
    void aFollowerCutOffFromItsLeaderCatchesUpWithThePeersCommittedEntriesOnly() {
        ReplicatedLog leader = log("s2", 2, new InMemoryLogStore());
        ReplicatedLog peer = log("s1", 2, new InMemoryLogStore());
        ReplicatedLog cutOff = log("s0", 2, new InMemoryLogStore());
        leader.startLeading(2, Map.of(), 0, out);
        for (long i = 1; i <= 100; i++) {
            leader.order("s1", key(i), new byte[] {(byte) i});
        }
        pump(leader, "s1", peer);
        leader.order("s1", key(101), new byte[0]); // the peer holds 101 too, but does not know it committed
        for (Append a : appendsTo("s1")) {
            peer.onFollowerAppend(3, 1, a); // (as if from another epoch's leader: it may not commit it alone)
        }
        long committed = peer.commitSeq();
        assertEquals(committed + 1, peer.position().lastSeq());
        sent.clear();

        // The peer announced its commit point (a heartbeat); a retry interval later s0 still trails it: it fetches.
        cutOff.catchUp(0, Map.of("s1", committed), out);
        assertTrue(sent.isEmpty(), "the first check only learns what the peers announced");
        cutOff.catchUp(50, Map.of("s1", committed), out);
        Fetch fetch = (Fetch) sent.remove(0).message();
        assertTrue(fetch.committedOnly());
        for (Append a : peer.onCatchUpFetch(fetch)) {
            cutOff.onCatchUpAppend(a);
        }
        assertEquals(committed, cutOff.commitSeq());
        assertEquals(committed, cutOff.position().lastSeq(), "nothing beyond the peer's commit point");
        assertEquals(keys(peer.drainDeliveries()), keys(cutOff.drainDeliveries()));
        assertEquals(1, cutOff.catchUpFetches());
    }

    @Test
    void aLateAppendOfAnOldLeaderCommitsNothingBeyondItsCommitPoint() {
        ReplicatedLog follower = log("s1", 3, new InMemoryLogStore());
        // prevSeq 2 is past the commit point 1: the old leader never knew 2 and 3 committed.
        follower.onCatchUpAppend(new Append(0, 0, 0, List.of(LogEntry.barrier(2, 1, "s2"),
                new LogEntry(2, 2, "s2", "c", 1, new byte[0]))));
        assertEquals(0, follower.commitSeq(), "an append that says nothing is committed commits nothing");
        follower.onCatchUpAppend(new Append(2, 2, 1, List.of(new LogEntry(2, 3, "s2", "c", 2, new byte[0]))));
        assertEquals(0, follower.commitSeq(), "it does not join: held entries must not be committed by prevSeq");
        follower.onFollowerAppend(2, 1, new Append(0, 0, 0, List.of(LogEntry.barrier(2, 1, "s2"),
                new LogEntry(2, 2, "s2", "c", 1, new byte[0]))));
        follower.onCatchUpAppend(new Append(2, 2, 1, List.of(new LogEntry(2, 3, "s2", "c", 2, new byte[0]))));
        assertEquals(1, follower.commitSeq(), "only up to the commit point it names");
    }
}
