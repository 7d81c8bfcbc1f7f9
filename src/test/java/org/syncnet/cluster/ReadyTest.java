package org.syncnet.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.cluster.log.LogCut;
import org.syncnet.cluster.log.LogWrites;
import org.syncnet.cluster.log.entry.LogEntry;
import org.syncnet.cluster.wire.Heartbeat;

/**
 * What one Ready holds: the epoch to keep and the log's writes come with the messages that show them (the driver
 * keeps them before it sends), and each is handed over once.
 */
class ReadyTest {
    /** A cluster of one: it leads at once, so its first steps bind an epoch, append and commit. */
    private final ClusterNode node = new ClusterNode(
            ClusterConfig.fromSettings("server1", "server1@127.0.0.1:8020/0", "2.0", "5.0", null, "s3cret"), 1, 0);

    @Test
    void theEpochAndTheEntriesToKeepComeWithTheMessagesThatShowThemAndOnlyOnce() {
        assertEquals(Role.LEADER, node.role());
        Ready first = node.ready(0);
        assertTrue(first.hasEpoch());
        assertEquals(node.epoch(), first.epoch());
        assertEquals(LogCut.START, first.log().resumesAfter(), "a fresh log starts at the beginning");
        assertEquals(List.of(1L), first.log().entries().stream().map(LogEntry::seq).toList(), "the leader's barrier");
        assertTrue(first.log().entries().get(0).isBarrier());
        assertTrue(first.messages().stream().anyMatch(m -> m.isBroadcast() && m.message() instanceof Heartbeat
                && m.epoch() == first.epoch()), "the heartbeat that announces the epoch goes out in the same Ready");

        Ready again = node.ready(0);
        assertFalse(again.hasEpoch());
        assertEquals(LogWrites.NONE, again.log());
        assertTrue(again.messages().isEmpty());
        assertTrue(again.deliveries().isEmpty());

        assertTrue(node.submit("c", 1, new byte[] {7}, 1));
        Ready submitted = node.ready(1);
        assertFalse(submitted.hasEpoch(), "the epoch did not change");
        assertEquals(List.of(2L), submitted.log().entries().stream().map(LogEntry::seq).toList());
        assertEquals(List.of(2L), submitted.deliveries().stream().map(d -> d.seq()).toList(),
                "committed at once by a quorum of one, and delivered once");
        assertTrue(node.ready(1).deliveries().isEmpty());
    }
}
