package org.syncnet.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.syncnet.cluster.log.entry.LogPosition;
import org.syncnet.cluster.transport.DatagramInbox;
import org.syncnet.cluster.wire.DatagramCodec;
import org.syncnet.cluster.wire.DropReason;
import org.syncnet.cluster.wire.Envelope;
import org.syncnet.cluster.wire.Heartbeat;
import org.syncnet.cluster.wire.Leave;

/**
 * Invariant 7 at the node's front door: bad datagrams are counted under the right reason and change nothing.
 * Also pins the order ReplayGuard's bounded memory relies on: only members reach it.
 */
class ClusterNodeIngressTest {
    private static final String MEMBERS = "server1@127.0.0.1:8020/0,server2@127.0.0.1:8021/1,server3@127.0.0.1:8022/2";
    private static final String SECRET = "s3cret";

    private final ClusterConfig config = ClusterConfig.fromSettings("server1", MEMBERS, "2.0", "5.0", null, SECRET);
    private final ClusterNode node = new ClusterNode(config, 1, 0);
    /** The driver's front door: what it admits steps the node, and it counts every drop, the node's own included. */
    private final DatagramInbox inbox = new DatagramInbox(config);
    private final DatagramCodec peer = new DatagramCodec(SECRET.getBytes(StandardCharsets.UTF_8));

    private byte[] heartbeatFrom(String sender, long incarnation, long sequence) {
        return peer.encode(new Envelope(sender, incarnation, sequence, 0,
                new Heartbeat(false, false, true, null, LogPosition.EMPTY, 0)));
    }

    private void receive(byte[] data) {
        Envelope env = inbox.accept(data, data.length);
        if (env != null) {
            node.step(env, 100);
        }
    }

    /** What the node left to do, its drops counted as the driver counts them. */
    private Ready ready() {
        Ready ready = node.ready(100);
        ready.dropped().forEach(inbox::count);
        return ready;
    }

    /** All the drops here are the inbox's own: none of these datagrams reaches the node. */
    private long droppedCount(DropReason reason) {
        return inbox.droppedCount(reason);
    }

    /** The view without its drop counters, which are the only thing a dropped datagram may change. */
    private ClusterView stateOf() {
        ClusterView v = node.view(100, inbox.droppedCounts());
        return new ClusterView(v.self(), v.leader(), v.epoch(), v.hasQuorum(), v.role(), v.members(), null, v.log(),
                v.caughtUp(), v.counters(), v.replicationLag());
    }

    @Test
    void nonMembersAndSelfAreUnknownSendersAndNeverReachTheReplayGuard() {
        ready();
        ClusterView before = stateOf();
        for (int i = 0; i < 1000; i++) {
            receive(heartbeatFrom("intruder" + i, 1, 1));
        }
        receive(heartbeatFrom("server1", 1, 1));
        receive(peer.encode(new Envelope("server1", 9, 1, 0, Leave.INSTANCE)));
        assertEquals(1002, droppedCount(DropReason.UNKNOWN_SENDER));
        assertEquals(0, droppedCount(DropReason.REPLAYED));
        assertEquals(before, stateOf());
        Ready ready = ready();
        assertTrue(ready.messages().isEmpty());
        assertTrue(ready.events().isEmpty());
    }

    @Test
    void aReplayedOrOldIncarnationDatagramIsCountedAndIgnored() {
        byte[] first = heartbeatFrom("server2", 7, 1);
        receive(first);
        ready();
        ClusterView after = stateOf();
        receive(first);
        receive(heartbeatFrom("server2", 6, 50));
        // A replayed Leave must not make the node forget a live peer.
        receive(peer.encode(new Envelope("server2", 6, 51, 0, Leave.INSTANCE)));
        assertEquals(3, droppedCount(DropReason.REPLAYED));
        assertEquals(after, stateOf());
        Ready ready = ready();
        assertTrue(ready.messages().isEmpty());
        assertTrue(ready.events().isEmpty());
    }

    @Test
    void garbageIsCountedUnderItsReasonAndChangesNothing() {
        ready();
        ClusterView before = stateOf();
        byte[] valid = heartbeatFrom("server2", 1, 1);
        DatagramCodec stranger = new DatagramCodec("other".getBytes(StandardCharsets.UTF_8));
        receive(stranger.encode(new Envelope("server2", 1, 1, 0, Leave.INSTANCE)));
        receive(Arrays.copyOf(valid, valid.length - 1));
        receive(Arrays.copyOf(valid, DatagramCodec.MAX_DATAGRAM + 1));
        receive(new byte[] {'x'});
        assertEquals(1, droppedCount(DropReason.BAD_MAC));
        assertEquals(2, droppedCount(DropReason.TRUNCATED));
        assertEquals(1, droppedCount(DropReason.TOO_LARGE));
        Random rnd = new Random(99);
        for (int i = 0; i < 20_000; i++) {
            byte[] d = valid.clone();
            d[rnd.nextInt(d.length)] ^= (byte) (1 + rnd.nextInt(255));
            receive(d);
        }
        assertEquals(before, stateOf());
        Ready ready = ready();
        assertTrue(ready.messages().isEmpty());
        assertTrue(ready.events().isEmpty());
    }

    @Test
    void incarnationsAreThoseLastHeardAndZeroForSilentPeers() {
        assertEquals(1, node.incarnation());
        assertEquals(0, node.incarnationOf("server2"));
        receive(heartbeatFrom("server2", 7, 1));
        assertEquals(7, node.incarnationOf("server2"));
        receive(heartbeatFrom("server2", 9, 1));
        assertEquals(9, node.incarnationOf("server2"));
        receive(heartbeatFrom("server2", 8, 2)); // an older process: replayed, changes nothing
        assertEquals(9, node.incarnationOf("server2"));
        assertEquals(0, node.incarnationOf("server3"));
    }
}
