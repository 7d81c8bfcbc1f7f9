package org.syncnet.cluster.sim;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A leader that stops cleanly hands over at once: on random clusters (3, 5 or 7 servers, default or fast timing,
 * random start phases and delays), the next-highest server leads and serves within a few network delays of the
 * leave, not after a failure timeout.
 */
class LeaveSimTest {
    private static final double SHARE = 0.04;

    /**
     * The hand-over takes: the Leave reaching the successor (d); its prepare and the promises (a round trip, 2d);
     * its first heartbeat and the acknowledgements that give it its lease (another round trip, 2d: a promise binds
     * no one, so the lease starts with the acknowledgements); one retry tick in case its prepare overtook the
     * Leave at some follower, which then still had a live leader and refused; one tick of rounding.
     */
    static long handOverBound(Simulation sim) {
        return 5 * sim.settings.maxDelay() + 2 * sim.cluster.tickMillis();
    }

    @Test
    void leaderLeaveHandsOverToNextHighest() {
        SeedRunner.forEachSeed(1, SeedRunner.share(SHARE), LeaveSimTest::run);
    }

    private static void run(long seed) {
        int size = new int[] {3, 5, 7}[(int) (seed % 3)];
        SimulationSettings settings = seed % 2 == 0 ? SimulationSettings.defaultTiming(size)
                : SimulationSettings.fastTiming(size);
        Simulation sim = new Simulation(seed, settings, "LeaveSimTest#leaderLeaveHandsOverToNextHighest");
        sim.start();
        sim.requireConvergedBy(ScenarioTest.startUpBound(sim), 0, "start-up");
        List<String> ids = sim.cluster.ids();
        String leader = ids.get(size - 1);
        String successor = ids.get(size - 2);
        long leaveAt = sim.now() + sim.rng.nextLong(2 * sim.heartbeat());
        sim.at(leaveAt, leader + " leaves gracefully", () -> sim.cluster.leave(leader));
        List<String> rest = new ArrayList<>(ids.subList(0, size - 1));
        sim.requireBy(leaveAt + handOverBound(sim), sim.timeout() + sim.heartbeat(), successor + " takes over",
                () -> sim.notLedBy(successor, rest));
    }
}
