package org.syncnet.cluster.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written log scenarios from issue 3: the leader killed mid-stream, clients moving, a restarted server. */
class LogScenarioTest {
    private static final long SEED = 42;

    private static Simulation started(String name) {
        Simulation sim = new Simulation(SEED, SimulationSettings.defaultTiming(3), "LogScenarioTest#" + name);
        sim.start();
        sim.requireConvergedBy(ScenarioTest.startUpBound(sim), sim.heartbeat(), "start-up");
        return sim;
    }

    /**
     * One client per server, each sending an event every 50 ms from {@code from} for {@code count} events, and
     * noticing a lost connection within half a second (then it resends what was not confirmed elsewhere).
     */
    private static void stream(Simulation sim, long from, int count) {
        for (String server : sim.cluster.ids()) {
            SimClient client = new SimClient("on-" + server, sim.cluster, sim.rng, sim.trace);
            sim.clock.at(from - 1, () -> client.connectTo(server));
            for (int i = 0; i < count; i++) {
                byte[] payload = ("m" + (i + 1)).getBytes();
                sim.clock.at(from + 50L * i, () -> client.send(payload));
            }
            for (long t = from; t < from + 50L * count + 4 * sim.timeout(); t += 500) {
                sim.clock.at(t, client::check);
            }
        }
    }

    private static void requireAllDelivered(Simulation sim, long by) {
        sim.requireBy(by, sim.heartbeat(), "every event delivered everywhere",
                () -> sim.cluster.ledger().incomplete(sim.cluster));
    }

    @Test
    void leaderKilledMidStreamEveryEventOnceInOneOrder() {
        Simulation sim = started("leaderKilledMidStreamEveryEventOnceInOneOrder");
        long t = sim.now() + 100;
        stream(sim, t, 100);
        long crashAt = t + 2000;
        // s2's clients notice and resend what was not confirmed, elsewhere.
        sim.at(crashAt, "crash leader s2", () -> sim.cluster.crash("s2"));
        long back = crashAt + 3 * sim.timeout();
        sim.at(back, "restart s2 (its log is gone)", () -> sim.cluster.restart("s2"));
        requireAllDelivered(sim, back + 3 * sim.timeout());
        assertEquals(300, sim.cluster.ledger().globalSize(), "3 clients x 100 events, each exactly once");
        assertTrue(sim.node("s2").logPosition().commitSeq() >= 300, "the restarted server was caught up");
    }

    @Test
    void aRetryAtAnotherServerIsDeliveredOnce() {
        Simulation sim = started("aRetryAtAnotherServerIsDeliveredOnce");
        long t = sim.now() + 100;
        for (String server : sim.cluster.ids()) {
            sim.clock.at(t, () -> sim.cluster.submit(server, "roamer", 1, new byte[] {1}));
            sim.clock.at(t + 3000, () -> sim.cluster.submit(server, "roamer", 1, new byte[] {1}));
        }
        requireAllDelivered(sim, t + 2 * sim.timeout());
        assertEquals(1, sim.cluster.ledger().globalSize());
        for (String id : sim.cluster.ids()) {
            assertEquals(0, sim.node(id).pendingCount(), id + " forgot the committed event");
        }
    }

    @Test
    void eventsSubmittedWithoutAQuorumWaitAndAreDeliveredOnceItReturns() {
        Simulation sim = started("eventsSubmittedWithoutAQuorumWaitAndAreDeliveredOnceItReturns");
        long t = sim.now() + 100;
        sim.at(t, "isolate s0", () -> sim.cluster.network().cut(List.of("s0"), List.of("s1", "s2"), false));
        for (int i = 1; i <= 20; i++) {
            long id = i;
            sim.clock.at(t + 3 * sim.timeout() + 10L * i, () -> sim.cluster.submit("s0", "alone", id, new byte[0]));
        }
        long heal = t + 5 * sim.timeout();
        sim.at(heal, "heal", () -> sim.cluster.network().healAll());
        requireAllDelivered(sim, heal + 3 * sim.timeout());
        assertEquals(20, sim.cluster.ledger().globalSize());
    }

    @Test
    void aFourKibMessageTravelsInPartsAndIsDeliveredWholeOnEveryServer() {
        Simulation sim = started("aFourKibMessageTravelsInPartsAndIsDeliveredWholeOnEveryServer");
        byte[] text = new byte[4096];
        new java.util.Random(1).nextBytes(text);
        sim.cluster.network().setLoss(0.3, 0.1); // parts lost and duplicated on the way
        sim.clock.at(sim.now() + 100, () -> sim.cluster.submit("s0", "big", 1, text));
        sim.runFor(3 * sim.timeout());
        sim.cluster.network().makeReliable();
        requireAllDelivered(sim, sim.now() + 3 * sim.timeout());
        assertEquals(1, sim.cluster.ledger().globalSize());
        for (String id : sim.cluster.ids()) {
            List<byte[]> got = sim.cluster.ledger().payloadsDeliveredBy(id);
            assertEquals(1, got.size());
            org.junit.jupiter.api.Assertions.assertArrayEquals(text, got.get(0), id);
        }
    }

    /**
     * A client's events are confirmed by its server (delivered back to it), then that server and the leader crash
     * for good at once: every confirmed event is still delivered by every surviving server, under the new leader.
     */
    @Test
    void whatAClientSawConfirmedSurvivesItsServerAndTheLeaderCrashing() {
        Simulation sim = new Simulation(SEED, SimulationSettings.defaultTiming(5),
                "LogScenarioTest#whatAClientSawConfirmedSurvivesItsServerAndTheLeaderCrashing");
        sim.start();
        sim.requireConvergedBy(ScenarioTest.startUpBound(sim), sim.heartbeat(), "start-up");
        String leader = sim.node("s0").currentLeader();
        String origin = leader.equals("s0") ? "s1" : "s0";
        long t = sim.now() + 100;
        SimClient client = new SimClient("c", sim.cluster, sim.rng, sim.trace);
        sim.clock.at(t - 1, () -> client.connectTo(origin));
        for (int i = 0; i < 200; i++) {
            byte[] payload = ("m" + (i + 1)).getBytes();
            sim.clock.at(t + 5L * i, () -> client.send(payload));
        }
        long crashAt = t + 500; // mid-stream: some events confirmed, some in flight, some not yet sent
        int[] confirmedBefore = new int[1];
        sim.at(crashAt, "crash " + origin + " and leader " + leader, () -> {
            confirmedBefore[0] = sim.cluster.ledger().confirmedCount();
            sim.cluster.crash(origin);
            sim.cluster.crash(leader);
        });
        requireAllDelivered(sim, crashAt + 6 * sim.timeout());
        int confirmed = confirmedBefore[0];
        assertTrue(confirmed > 10 && confirmed < 200, "a part of the stream was confirmed before the crash: " + confirmed);
        assertEquals(200, sim.cluster.ledger().globalSize(), "the client resent the rest through another server");
    }
}
