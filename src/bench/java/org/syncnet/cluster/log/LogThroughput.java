package org.syncnet.cluster.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.syncnet.cluster.ClusterConfig;
import org.syncnet.cluster.ClusterNode;
import org.syncnet.cluster.Ready;
import org.syncnet.cluster.transport.DatagramInbox;
import org.syncnet.cluster.transport.DatagramOutbox;
import org.syncnet.cluster.transport.Outbound;
import org.syncnet.cluster.wire.Envelope;

/**
 * A throughput measurement, not a test (no timed assertion; not run by the build): three ClusterNodes over a
 * zero-delay in-memory network on one thread, clients submitting at a steady rate of virtual time at every server in
 * turn. Prints the CPU-bound rate (events delivered on all three per wall-clock second), datagrams and bytes per
 * event, and the virtual latency from submit to delivery everywhere. Run:
 * {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.syncnet.cluster.log.LogThroughput}
 * or from an IDE; arguments: events (default 200000), events per virtual millisecond (default 5), payload bytes
 * (default 100).
 */
public final class LogThroughput {
    private static final String MEMBERS = "s0@127.0.0.1:1/0,s1@127.0.0.1:2/1,s2@127.0.0.1:3/2";

    private final Map<String, ClusterNode> nodes = new HashMap<>();
    private final List<ClusterNode> ring = new ArrayList<>();
    private long datagrams;
    private long bytes;
    private long now;
    private final long[] byType = new long[16];

    /** What each node delivered and the measurement has not counted yet. */
    private final Map<ClusterNode, List<Delivery>> delivered = new HashMap<>();
    private final Map<ClusterNode, DatagramInbox> inboxes = new HashMap<>();
    private final Map<ClusterNode, DatagramOutbox> outboxes = new HashMap<>();

    private List<Delivery> takeDeliveries(ClusterNode n) {
        List<Delivery> out = List.copyOf(delivered.get(n));
        delivered.get(n).clear();
        return out;
    }

    private LogThroughput() {
        for (String id : List.of("s0", "s1", "s2")) {
            ClusterNode n = new ClusterNode(ClusterConfig.fromSettings(id, MEMBERS, "0.5", "2.0", null, "bench"), 1, 0);
            nodes.put(id, n);
            delivered.put(n, new ArrayList<>());
            ClusterConfig config = ClusterConfig.fromSettings(id, MEMBERS, "0.5", "2.0", null, "bench");
            inboxes.put(n, new DatagramInbox(config));
            outboxes.put(n, new DatagramOutbox(config, 1));
            ring.add(n);
        }
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int perMs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        new LogThroughput().run(events, perMs, size);
    }

    private void run(int events, int perMs, int size) {
        long tick = ClusterNode.tickMillis(ClusterConfig.fromSettings("s0", MEMBERS, "0.5", "2.0", null, "bench"));
        while (ring.stream().noneMatch(ClusterNode::isLogReady) || now < 3000) {
            step(tick);
        }
        datagrams = 0;
        bytes = 0;
        java.util.Arrays.fill(byType, 0);
        byte[] payload = new byte[size];
        long[] submittedAt = new long[events + 1];
        int[] deliveredOn = new int[events + 1];
        long latencySum = 0;
        long latencyMax = 0;
        int submitted = 0;
        int complete = 0;
        long start = System.nanoTime();
        long virtualStart = now;
        while (complete < events) {
            for (int i = 0; i < perMs && submitted < events; i++) {
                submitted++;
                ClusterNode n = ring.get(submitted % ring.size());
                if (!n.submit("client" + (submitted % 50), submitted, payload, now)) {
                    throw new IllegalStateException("refused at " + submitted);
                }
                submittedAt[submitted] = now;
            }
            step(1);
            if (now % tick == 0) {
                ring.forEach(n -> n.tick(now));
            }
            for (ClusterNode n : ring) {
                for (Delivery d : takeDeliveries(n)) {
                    int id = (int) d.clientEventId();
                    if (++deliveredOn[id] == ring.size()) {
                        complete++;
                        long latency = now - submittedAt[id];
                        latencySum += latency;
                        latencyMax = Math.max(latencyMax, latency);
                    }
                }
            }
            pump();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d events of %d bytes at %d/ms virtual (%d/s): %.0f events/s CPU-bound, %.2f datagrams "
                        + "and %.0f bytes per event, latency to all three mean %.1f ms max %d ms (virtual, %d ms)%n",
                events, size, perMs, perMs * 1000, events / seconds, (double) datagrams / events,
                (double) bytes / events, (double) latencySum / events, latencyMax, now - virtualStart);
        StringBuilder types = new StringBuilder("  per event by type:");
        for (org.syncnet.cluster.wire.MessageType t : org.syncnet.cluster.wire.MessageType.values()) {
            if (byType[t.code()] > 0) {
                types.append(String.format(" %s %.2f", t, (double) byType[t.code()] / events));
            }
        }
        System.out.println(types);
    }

    private void step(long millis) {
        now += millis;
        if (millis > 1) {
            ring.forEach(n -> n.tick(now));
        }
        pump();
    }

    /** Zero delay: datagrams are delivered until none are left. */
    private void pump() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (ClusterNode n : ring) {
                Ready ready = n.ready(now);
                delivered.get(n).addAll(ready.deliveries());
                for (Outbound o : outboxes.get(n).seal(ready.messages())) {
                    moved = true;
                    datagrams++;
                    bytes += o.datagram().length;
                    byType[o.datagram()[3] & 15]++;
                    ClusterNode to = nodes.get(o.to().id());
                    Envelope env = inboxes.get(to).accept(o.datagram(), o.datagram().length);
                    if (env != null) {
                        to.step(env, now);
                    }
                }
            }
        }
    }
}
