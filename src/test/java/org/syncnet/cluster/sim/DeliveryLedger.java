package org.syncnet.cluster.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.syncnet.cluster.log.ClientEventKey;
import org.syncnet.cluster.log.Delivery;

/**
 * The ground truth of the replicated log, built from what every server process delivered: one global sequence
 * (seq to event), which every process's deliveries must follow. Checked on every delivery (safety) and at the end of
 * a run (completeness: every live server delivered everything, no submission of a server that stayed up is lost).
 */
final class DeliveryLedger {
    private record Placed(long epoch, ClientEventKey key) {
    }

    private record Submission(String server, long incarnation, ClientEventKey key, long at) {
    }

    /** The global sequence: the event delivered at each seq (barrier places never appear). */
    private final TreeMap<Long, Placed> global = new TreeMap<>();
    private final Map<ClientEventKey, Long> seqOf = new HashMap<>();
    /** Per server process ("s1#2"), the last seq it delivered and every seq it delivered. */
    private final Map<String, Long> lastDelivered = new HashMap<>();
    private final Map<String, Set<Long>> deliveredBy = new HashMap<>();
    private final List<Submission> submissions = new ArrayList<>();
    private String violation;
    private long deliveries;

    void submitted(String server, long incarnation, ClientEventKey key, long at) {
        submissions.add(new Submission(server, incarnation, key, at));
    }

    /** Per server id (any process), the payloads it delivered, in order: for scenarios that check content. */
    private final Map<String, List<byte[]>> payloads = new HashMap<>();

    List<byte[]> payloadsDeliveredBy(String server) {
        return payloads.getOrDefault(server, List.of());
    }

    void delivered(String server, long incarnation, Delivery d, long at) {
        deliveries++;
        payloads.computeIfAbsent(server, k -> new ArrayList<>()).add(d.payload());
        String process = server + "#" + incarnation;
        long last = lastDelivered.getOrDefault(process, 0L);
        ClientEventKey key = new ClientEventKey(d.clientId(), d.clientEventId());
        if (d.seq() <= last) {
            fail(process + " delivered seq " + d.seq() + " " + key + " after seq " + last + " at " + at);
            return;
        }
        Placed placed = new Placed(d.epoch(), key);
        Placed before = global.get(d.seq());
        if (before != null && !before.equals(placed)) {
            fail(process + " delivered " + placed + " at seq " + d.seq() + " where others delivered " + before
                    + " at " + at);
            return;
        }
        // A process may skip only places no one delivered an event at (barriers).
        Map.Entry<Long, Placed> skipped = global.subMap(last, false, d.seq(), false).firstEntry();
        if (skipped != null) {
            fail(process + " skipped seq " + skipped.getKey() + " " + skipped.getValue() + " (delivered " + d.seq()
                    + " after " + last + ") at " + at);
            return;
        }
        if (before == null) {
            Long other = seqOf.putIfAbsent(key, d.seq());
            if (other != null) {
                fail(key + " delivered twice: at seq " + other + " and seq " + d.seq() + " (by " + process + ") at "
                        + at);
                return;
            }
            global.put(d.seq(), placed);
            for (Map.Entry<String, Long> p : lastDelivered.entrySet()) {
                if (p.getValue() > d.seq() && !deliveredBy.get(p.getKey()).contains(d.seq())) {
                    fail(p.getKey() + " skipped seq " + d.seq() + " " + placed + ", now delivered by " + process);
                    return;
                }
            }
        }
        lastDelivered.put(process, d.seq());
        deliveredBy.computeIfAbsent(process, k -> new LinkedHashSet<>()).add(d.seq());
    }

    private void fail(String what) {
        if (violation == null) {
            violation = what;
        }
    }

    /** The first safety violation seen, or null. */
    String violation() {
        return violation;
    }

    long deliveries() {
        return deliveries;
    }

    int globalSize() {
        return global.size();
    }

    /**
     * Null when every live server process delivered the whole global sequence and every event submitted to a process
     * that is still the live one was delivered; otherwise what is missing.
     */
    String incomplete(SimulatedCluster cluster) {
        if (violation != null) {
            return violation;
        }
        for (SimulatedCluster.Server s : cluster.servers()) {
            if (!s.live()) {
                continue;
            }
            String process = s.id + "#" + s.incarnation;
            Set<Long> mine = deliveredBy.getOrDefault(process, Set.of());
            if (mine.size() != global.size()) {
                Long missing = null;
                for (Long seq : global.keySet()) {
                    if (!mine.contains(seq)) {
                        missing = seq;
                        break;
                    }
                }
                return process + " delivered " + mine.size() + " of " + global.size() + " events; first missing seq "
                        + missing + " " + global.get(missing) + "; its log " + s.node.logPosition();
            }
        }
        for (Submission sub : submissions) {
            SimulatedCluster.Server s = cluster.server(sub.server);
            if (s.live() && s.incarnation == sub.incarnation && !seqOf.containsKey(sub.key)) {
                return sub.key + " submitted to " + sub.server + "#" + sub.incarnation + " at " + sub.at
                        + " ms (still up) was never delivered; pending there: " + s.node.pendingCount();
            }
        }
        return null;
    }
}
