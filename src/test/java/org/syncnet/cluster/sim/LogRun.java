package org.syncnet.cluster.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.syncnet.cluster.log.entry.LogEntry;

/**
 * A random fault schedule with clients sending events throughout, each through its own server and, when that
 * connection is gone, resending what was not confirmed through another with the same ids (as a browser that
 * reconnects elsewhere does). Safety of the log, each client's order included, is checked on every
 * delivery ({@link DeliveryLedger}, via the invariants); after the last fault and the convergence bound, every live
 * server must have delivered the whole global sequence and every event submitted to a server that stayed up must
 * have been delivered.
 */
final class LogRun {
    private static final int CLIENTS = 5;
    /** Parts a server forwards per round trip to the leader (PendingSubmissions.BURST). */
    private static final int FORWARD_BURST = 32;

    private LogRun() {
    }

    static void run(long seed, SimulationSettings settings, String replay) {
        Simulation sim = new Simulation(seed, settings, replay);
        Schedule schedule = Schedule.random(sim.rng, settings, sim.cluster.ids(), sim.cluster.quorum());
        sim.apply(schedule);
        long lastFault = schedule.lastFaultTime();
        int parts = scheduleClients(sim, lastFault + sim.timeout());
        sim.start();
        sim.runUntil(lastFault);
        sim.cluster.network().makeReliable();
        sim.cluster.network().healAll();
        long deadline = RandomRun.convergenceDeadline(sim, schedule, lastFault);
        long retry = Math.max(4 * sim.cluster.tickMillis(), sim.heartbeat() / 4);
        // A server forwards what its clients sent meanwhile a burst per round trip: all of it through one server at
        // worst, each round a forward and an append on their way.
        long round = 2 * settings.maxDelay() + 2 * sim.cluster.tickMillis();
        long backlog = (parts + FORWARD_BURST - 1) / FORWARD_BURST * round;
        long settled = Math.max(deadline, lastFault + sim.timeout()) + 2 * sim.heartbeat() + 10 * retry + backlog;
        sim.requireBy(settled, sim.heartbeat(), "every event delivered everywhere",
                () -> sim.cluster.ledger().incomplete(sim.cluster));
        if (Boolean.getBoolean("sim.logStats")) {
            System.out.println("seed " + seed + ": " + sim.cluster.ledger().globalSize() + " events, "
                    + sim.cluster.ledger().deliveries() + " deliveries, " + schedule.faults().size() + " faults");
        }
    }

    /**
     * Clients send at random times until {@code until}: single events and, sometimes, a burst. Each client stays on
     * its server until the connection is gone (or drops by chance), then resends what was not confirmed elsewhere;
     * it notices a lost connection within a second, as a browser does. Returns how many log entries' worth (parts)
     * the clients send.
     */
    private static int scheduleClients(Simulation sim, long until) {
        Random rng = sim.rng;
        List<SimClient> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            SimClient client = new SimClient("c" + c, sim.cluster, rng, sim.trace);
            clients.add(client);
            for (long at = rng.nextLong(1000); at <= until + 2 * sim.timeout(); at += 200 + rng.nextLong(800)) {
                sim.clock.at(at, client::check);
            }
        }
        int parts = 0;
        int events = 10 + rng.nextInt(30);
        for (int i = 0; i < events; i++) {
            long at = rng.nextLong(until + 1);
            SimClient client = clients.get(rng.nextInt(CLIENTS));
            byte[] payload = payload(rng);
            parts += parts(payload);
            boolean drop = rng.nextInt(8) == 0;
            sim.clock.at(at, () -> {
                if (drop) {
                    client.drop();
                }
                client.send(payload);
            });
        }
        if (rng.nextInt(4) == 0) {
            // A burst: many events at once through one server, so appends are batched and split across datagrams.
            long at = rng.nextLong(until + 1);
            SimClient client = new SimClient("burst", sim.cluster, rng, sim.trace);
            for (long check = at; check <= until + 2 * sim.timeout(); check += 500) {
                sim.clock.at(check, client::check);
            }
            int count = 20 + rng.nextInt(60);
            List<byte[]> payloads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                payloads.add(payload(rng));
                parts += parts(payloads.get(i));
            }
            sim.clock.at(at, () -> payloads.forEach(client::send));
        }
        return parts;
    }

    private static int parts(byte[] payload) {
        return Math.max(1, (payload.length + LogEntry.MAX_PAYLOAD - 1) / LogEntry.MAX_PAYLOAD);
    }

    private static byte[] payload(Random rng) {
        // Mostly chat-sized; some up to one entry; a few large enough to travel in parts (a 4 KiB message and more).
        int kind = rng.nextInt(10);
        int size = kind == 0 ? rng.nextInt(org.syncnet.cluster.ClusterNode.MAX_EVENT_BYTES + 1)
                : kind <= 2 ? rng.nextInt(LogEntry.MAX_PAYLOAD + 1) : rng.nextInt(40);
        byte[] p = new byte[size];
        rng.nextBytes(p);
        return p;
    }
}
