package org.syncnet.cluster.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.syncnet.cluster.log.Delivery;
import org.syncnet.cluster.log.entry.ClientEventKey;

/**
 * The ground truth of the replicated log, built from what every server process delivered: one global sequence
 * (seq to event), which every process's deliveries must follow. Checked on every delivery (safety) and at the end of
 * a run (completeness: every live server delivered everything, every event confirmed to its client, i.e. delivered
 * by the server process it was submitted to, is delivered by every live server even if that server or the leader
 * crashed since, and no submission of a server that stayed up is lost). The five log guarantees map to: one
 * sequence (seq and skip checks), nothing twice (seqOf), nothing committed lost (a delivery anywhere puts the event
 * in the global sequence, which every live server must complete), confirmed means everywhere (confirmed), and each
 * client's events in the order it sent them (byClient).
 */
final class DeliveryLedger {
    private record Placed(long epoch, ClientEventKey key) {
    }

    private record Submission(String server, long incarnation, ClientEventKey key, long at) {
    }

    /** The global sequence: the event delivered at each seq (barrier places never appear). */
    private final TreeMap<Long, Placed> global = new TreeMap<>();
    private final Map<ClientEventKey, Long> seqOf = new HashMap<>();
    /** Per client, its events in the global sequence: seq to client event id. */
    private final Map<String, TreeMap<Long, Long>> byClient = new HashMap<>();
    /** Per server process ("s1#2"), the last seq it delivered and every seq it delivered. */
    private final Map<String, Long> lastDelivered = new HashMap<>();
    private final Map<String, Set<Long>> deliveredBy = new HashMap<>();
    private final List<Submission> submissions = new ArrayList<>();
    /** Per server process, the events its clients submitted there: its delivery of one confirms it to the client. */
    private final Map<String, Set<ClientEventKey>> submittedTo = new HashMap<>();
    /** Events a client saw confirmed (its server delivered them back), with who confirmed them and when. */
    private final Map<ClientEventKey, String> confirmed = new java.util.LinkedHashMap<>();
    private String violation;
    private long deliveries;

    void submitted(String server, long incarnation, ClientEventKey key, long at) {
        submissions.add(new Submission(server, incarnation, key, at));
        submittedTo.computeIfAbsent(server + "#" + incarnation, k -> new java.util.HashSet<>()).add(key);
    }

    /** Per server id (any process), the payloads it delivered, in order: for scenarios that check content. */
    private final Map<String, List<byte[]>> payloads = new HashMap<>();

    List<byte[]> payloadsDeliveredBy(String server) {
        return payloads.getOrDefault(server, List.of());
    }

    /**
     * A server process restarted from what its predecessor stored, everything it delivered up to {@code storedSeq}:
     * the new process holds those deliveries as its own and goes on after them.
     */
    void restored(String server, long oldIncarnation, long newIncarnation, long storedSeq) {
        String old = server + "#" + oldIncarnation;
        String process = server + "#" + newIncarnation;
        Set<Long> kept = new LinkedHashSet<>();
        for (long seq : deliveredBy.getOrDefault(old, Set.of())) {
            if (seq <= storedSeq) {
                kept.add(seq);
            }
        }
        deliveredBy.put(process, kept);
        lastDelivered.put(process, storedSeq);
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
            String outOfOrder = placeForClient(key, d.seq());
            if (outOfOrder != null) {
                fail(outOfOrder + " (placed by " + process + " at " + at + ")");
                return;
            }
            for (Map.Entry<String, Long> p : lastDelivered.entrySet()) {
                if (p.getValue() > d.seq() && !deliveredBy.get(p.getKey()).contains(d.seq())) {
                    fail(p.getKey() + " skipped seq " + d.seq() + " " + placed + ", now delivered by " + process);
                    return;
                }
            }
        }
        lastDelivered.put(process, d.seq());
        deliveredBy.computeIfAbsent(process, k -> new LinkedHashSet<>()).add(d.seq());
        if (submittedTo.getOrDefault(process, Set.of()).contains(key)) {
            confirmed.putIfAbsent(key, process + " at " + at + " ms");
        }
    }

    /**
     * Each client's own order: a client numbers its events as it sends them, and the one global sequence must keep
     * them in that order (per connection, and per session across reconnects to other servers).
     */
    private String placeForClient(ClientEventKey key, long seq) {
        TreeMap<Long, Long> mine = byClient.computeIfAbsent(key.clientId(), k -> new TreeMap<>());
        Map.Entry<Long, Long> before = mine.lowerEntry(seq);
        Map.Entry<Long, Long> after = mine.higherEntry(seq);
        mine.put(seq, key.clientEventId());
        if (before != null && before.getValue() > key.clientEventId()) {
            return key + " at seq " + seq + " comes after the same client's later event #" + before.getValue()
                    + " at seq " + before.getKey();
        }
        if (after != null && after.getValue() < key.clientEventId()) {
            return key + " at seq " + seq + " comes before the same client's earlier event #" + after.getValue()
                    + " at seq " + after.getKey();
        }
        return null;
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

    /** How many events a client saw confirmed by the server it submitted them to. */
    int confirmedCount() {
        return confirmed.size();
    }

    /**
     * Null when every live server process delivered the whole global sequence and every event submitted to a process
     * that is still the live one was delivered; otherwise what is missing.
     */
    String incomplete(SimulatedCluster cluster) {
        if (violation != null) {
            return violation;
        }
        // Implied by the global sequence check below, but stated on its own: what a client was told is committed
        // is delivered by every live server, whether or not the server that confirmed it (or the leader) survived.
        for (Map.Entry<ClientEventKey, String> c : confirmed.entrySet()) {
            long seq = seqOf.get(c.getKey());
            for (SimulatedCluster.Server s : cluster.servers()) {
                String process = s.id + "#" + s.incarnation;
                if (s.live() && !deliveredBy.getOrDefault(process, Set.of()).contains(seq)) {
                    return c.getKey() + " (seq " + seq + ") was confirmed to its client by " + c.getValue()
                            + " but " + process + " has not delivered it; its log " + s.node.logPosition();
                }
            }
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
