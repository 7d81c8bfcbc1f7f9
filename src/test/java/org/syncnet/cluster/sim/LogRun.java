package org.syncnet.cluster.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random fault schedule with clients submitting events at random servers throughout, and retrying some of them at
 * other servers with the same ids (as a client that reconnects elsewhere does). Safety of the log is checked on every
 * delivery ({@link DeliveryLedger}, via the invariants); after the last fault and the convergence bound, every live
 * server must have delivered the whole global sequence and every event submitted to a server that stayed up must
 * have been delivered.
 */
final class LogRun {
    private static final int CLIENTS = 5;

    private LogRun() {
    }

    static void run(long seed, SimulationSettings settings, String replay) {
        Simulation sim = new Simulation(seed, settings, replay);
        Schedule schedule = Schedule.random(sim.rng, settings, sim.cluster.ids(), sim.cluster.quorum());
        sim.apply(schedule);
        long lastFault = schedule.lastFaultTime();
        scheduleClients(sim, lastFault + sim.timeout());
        sim.start();
        sim.runUntil(lastFault);
        sim.cluster.network().makeReliable();
        sim.cluster.network().healAll();
        long deadline = RandomRun.convergenceDeadline(sim, schedule, lastFault);
        long retry = Math.max(4 * sim.cluster.tickMillis(), sim.heartbeat() / 4);
        long settled = Math.max(deadline, lastFault + sim.timeout()) + 2 * sim.heartbeat() + 10 * retry;
        sim.requireBy(settled, sim.heartbeat(), "every event delivered everywhere",
                () -> sim.cluster.ledger().incomplete(sim.cluster));
        if (Boolean.getBoolean("sim.logStats")) {
            System.out.println("seed " + seed + ": " + sim.cluster.ledger().globalSize() + " events, "
                    + sim.cluster.ledger().deliveries() + " deliveries, " + schedule.faults().size() + " faults");
        }
    }

    /** Clients submit at random times until {@code until}: single events, retries elsewhere, and bursts. */
    private static void scheduleClients(Simulation sim, long until) {
        Random rng = sim.rng;
        Map<String, Long> nextId = new HashMap<>();
        int events = 10 + rng.nextInt(30);
        for (int i = 0; i < events; i++) {
            long at = rng.nextLong(until + 1);
            String client = "c" + rng.nextInt(CLIENTS);
            long id = nextId.merge(client, 1L, Long::sum);
            byte[] payload = payload(rng);
            sim.clock.at(at, () -> submitSomewhere(sim, client, id, payload));
            if (rng.nextInt(3) == 0) {
                long later = at + 1 + rng.nextLong(2 * sim.timeout());
                sim.clock.at(later, () -> submitSomewhere(sim, client, id, payload));
            }
        }
        if (rng.nextInt(4) == 0) {
            // A burst: many events at once through one server, so appends are batched and split across datagrams.
            long at = rng.nextLong(until + 1);
            String client = "burst";
            int count = 20 + rng.nextInt(60);
            List<byte[]> payloads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                payloads.add(payload(rng));
            }
            sim.clock.at(at, () -> {
                for (int i = 0; i < count; i++) {
                    submitSomewhere(sim, client, i + 1, payloads.get(i));
                }
            });
        }
    }

    private static byte[] payload(Random rng) {
        // Mostly chat-sized; some up to one entry; a few large enough to travel in parts (a 4 KiB message and more).
        int kind = rng.nextInt(10);
        int size = kind == 0 ? rng.nextInt(org.syncnet.cluster.ClusterNode.MAX_EVENT_BYTES + 1)
                : kind <= 2 ? rng.nextInt(org.syncnet.cluster.log.LogEntry.MAX_PAYLOAD + 1) : rng.nextInt(40);
        byte[] p = new byte[size];
        rng.nextBytes(p);
        return p;
    }

    /** The client tries the servers in a random order (its list, rotated), as a reconnecting browser does. */
    private static void submitSomewhere(Simulation sim, String client, long id, byte[] payload) {
        List<String> ids = new ArrayList<>(sim.cluster.ids());
        Collections.shuffle(ids, sim.rng);
        for (String server : ids) {
            if (sim.cluster.submit(server, client, id, payload)) {
                sim.trace.add(sim.now(), client + "#" + id + " submitted to " + server);
                return;
            }
        }
    }
}
