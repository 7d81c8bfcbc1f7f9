package org.syncnet.cluster.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The highest server comes and goes repeatedly (crash and restart, or isolation and heal), each time staying up for
 * less than its stability period. Leadership must not follow it back and forth: the other servers see the lead
 * move to the next-highest server once, when the flapping server first fails, and back once, after it finally
 * stays up long enough to be stable.
 */
class FlappingSimTest {
    private static final double SHARE = 0.04;

    @Test
    void flappingHighestServerDoesNotMakeLeadershipFlap() {
        SeedRunner.forEachSeed(1, SeedRunner.share(SHARE), FlappingSimTest::run);
    }

    private static void run(long seed) {
        int size = new int[] {3, 5, 7}[(int) (seed % 3)];
        SimulationSettings settings = seed % 2 == 0 ? SimulationSettings.defaultTiming(size)
                : SimulationSettings.fastTiming(size);
        Simulation sim = new Simulation(seed, settings, "FlappingSimTest#flappingHighestServerDoesNotMakeLeadershipFlap");
        sim.start();
        sim.requireConvergedBy(ScenarioTest.startUpBound(sim), 0, "start-up");
        sim.invariants.resetLeaderChanges();
        List<String> ids = sim.cluster.ids();
        String flapper = ids.get(size - 1);
        List<String> stable = new ArrayList<>(ids.subList(0, size - 1));
        List<String> others = List.copyOf(stable);
        boolean crashes = sim.rng.nextBoolean();
        long h = sim.heartbeat();
        long t = sim.now() + 300;
        int cycles = 3 + sim.rng.nextInt(4);
        long lastUp = t;
        // Only an absence some failure detector can see counts as going away: one at least as long as the
        // suspicion threshold, plus a heartbeat interval for the phase of the heartbeats. A shorter isolation is
        // indistinguishable from a late heartbeat. A restart is always seen (a new incarnation).
        long visible = (h + sim.timeout()) / 2 + h;
        for (int c = 0; c < cycles; c++) {
            long downFor = (crashes ? h / 2 : visible) + sim.rng.nextLong(3 * sim.timeout());
            // Shorter than the stability period, which is at least one failure timeout.
            long upFor = h / 2 + sim.rng.nextLong(sim.timeout() - h);
            if (crashes) {
                sim.at(t, "crash " + flapper, () -> sim.cluster.crash(flapper));
                sim.at(t + downFor, "restart " + flapper, () -> sim.cluster.restart(flapper));
            } else {
                sim.at(t, "isolate " + flapper, () -> sim.cluster.network().cut(Set.of(flapper), others, false));
                sim.at(t + downFor, "heal", () -> sim.cluster.network().healAll());
            }
            lastUp = t + downFor;
            t = lastUp + (c == cycles - 1 ? 0 : upFor);
        }
        sim.runUntil(lastUp);
        requireAtMost(sim, stable, 1, flapper + " flapped " + cycles + " times");
        // Now it stays. Every down phase was a recorded failure (and maybe a readiness loss), so its stability
        // period is at the damping cap, 8 T; it is ready again within a heartbeat (a restarted server is quiet
        // until it heard every peer), and the leader learns the period is over from its next heartbeat.
        sim.requireConvergedBy(lastUp + 2 * h + 8 * sim.timeout() + sim.electionSlack(), h,
                flapper + " leads once it stayed up");
        requireAtMost(sim, stable, 2, flapper + " flapped and then stayed");
    }

    private static void requireAtMost(Simulation sim, List<String> stable, int allowed, String what) {
        for (String id : stable) {
            int changes = sim.invariants.leaderChanges(id);
            if (changes > allowed) {
                throw sim.failure(id + " saw the lead change " + changes + " times while " + what + "; at most "
                        + allowed + " allowed");
            }
        }
    }
}
