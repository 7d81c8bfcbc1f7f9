package org.syncnet.cluster.sim;

import org.junit.jupiter.api.Test;

/**
 * The replicated log under random fault schedules (pauses, partitions one- and two-way, loss, duplication,
 * reordering, permanent crashes, leader changes) with clients submitting and retrying: every server delivers a prefix
 * of one global sequence, nothing twice, and after the faults every live server delivers everything and no event
 * submitted to a server that stayed up is lost. A restarted server keeps what the real one keeps on disk (its bound
 * epoch, its committed entries, the events it delivered) and loses the rest.
 */
class LogSimTest {
    private static final double SHARE = 0.05;

    @Test
    void threeServersDefaultTiming() {
        run("threeServersDefaultTiming", SimulationSettings.defaultTiming(3));
    }

    @Test
    void threeServersFastTiming() {
        run("threeServersFastTiming", SimulationSettings.fastTiming(3));
    }

    @Test
    void fiveServersFastTiming() {
        run("fiveServersFastTiming", SimulationSettings.fastTiming(5));
    }

    @Test
    void sevenServersFastTiming() {
        run("sevenServersFastTiming", SimulationSettings.fastTiming(7));
    }

    @Test
    void fiveServersSlowNetworkManyFaults() {
        SimulationSettings s = SimulationSettings.fastTiming(5);
        run("fiveServersSlowNetworkManyFaults",
                new SimulationSettings(5, s.heartbeatMillis(), s.failureTimeoutMillis(), 0, 0, 60, 12));
    }

    private static void run(String method, SimulationSettings settings) {
        String replay = LogSimTest.class.getSimpleName() + "#" + method;
        SeedRunner.forEachSeed(1, SeedRunner.share(SHARE), seed -> LogRun.run(seed, settings, replay));
    }
}
