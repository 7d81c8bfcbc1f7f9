package org.syncnet.cluster.sim;

import org.junit.jupiter.api.Test;

/**
 * Thousands of random fault schedules (crash, restart, pause, leave, partitions one- and two-way, loss and
 * duplication, all overlapping) over 3, 5 and 7 servers, default and fast timing. Safety is checked after every
 * event; convergence after the last fault. The suite's schedules ({@code -Dsim.schedules}) are split: most to the
 * majority-quorum runs, a few to quorum 1 and 2 and to a slow network with many faults.
 */
class RandomScheduleSimTest {
    private static final double MAJORITY_SHARE = 0.13;
    private static final double SMALL_QUORUM_SHARE = 0.02;
    private static final double SLOW_NETWORK_SHARE = 0.06;

    @Test
    void threeServersDefaultTiming() {
        runRandom("threeServersDefaultTiming", SimulationSettings.defaultTiming(3), MAJORITY_SHARE);
    }

    @Test
    void fiveServersDefaultTiming() {
        runRandom("fiveServersDefaultTiming", SimulationSettings.defaultTiming(5), MAJORITY_SHARE);
    }

    @Test
    void sevenServersDefaultTiming() {
        runRandom("sevenServersDefaultTiming", SimulationSettings.defaultTiming(7), MAJORITY_SHARE);
    }

    @Test
    void threeServersFastTiming() {
        runRandom("threeServersFastTiming", SimulationSettings.fastTiming(3), MAJORITY_SHARE);
    }

    @Test
    void fiveServersFastTiming() {
        runRandom("fiveServersFastTiming", SimulationSettings.fastTiming(5), MAJORITY_SHARE);
    }

    @Test
    void sevenServersFastTiming() {
        runRandom("sevenServersFastTiming", SimulationSettings.fastTiming(7), MAJORITY_SHARE);
    }

    @Test
    void threeServersQuorumOne() {
        runRandom("threeServersQuorumOne", SimulationSettings.fastTiming(3).withQuorum(1), SMALL_QUORUM_SHARE);
    }

    @Test
    void fiveServersQuorumOne() {
        runRandom("fiveServersQuorumOne", SimulationSettings.defaultTiming(5).withQuorum(1), SMALL_QUORUM_SHARE);
    }

    @Test
    void sevenServersQuorumOne() {
        runRandom("sevenServersQuorumOne", SimulationSettings.fastTiming(7).withQuorum(1), SMALL_QUORUM_SHARE);
    }

    /** Between last-server-standing and majority: safety then only means one leader per epoch. */
    @Test
    void fiveServersQuorumTwo() {
        runRandom("fiveServersQuorumTwo", SimulationSettings.fastTiming(5).withQuorum(2), SMALL_QUORUM_SHARE);
    }

    /** Delays up to 60 ms against a 200 ms heartbeat, and up to 12 overlapping faults. */
    @Test
    void fiveServersSlowNetworkManyFaults() {
        SimulationSettings s = SimulationSettings.fastTiming(5);
        runRandom("fiveServersSlowNetworkManyFaults",
                new SimulationSettings(5, s.heartbeatMillis(), s.failureTimeoutMillis(), 0, 0, 60, 12),
                SLOW_NETWORK_SHARE);
    }

    private static void runRandom(String method, SimulationSettings settings, double share) {
        String replay = RandomScheduleSimTest.class.getSimpleName() + "#" + method;
        SeedRunner.forEachSeed(1, SeedRunner.share(share), seed -> RandomRun.run(seed, settings, replay));
    }
}
