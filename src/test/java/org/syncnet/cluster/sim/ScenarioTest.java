package org.syncnet.cluster.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.syncnet.cluster.Role;

/**
 * Hand-written stories, each one fault and what must follow, on a reliable network with 0-20 ms delays. The
 * invariants of {@link Invariants} are checked after every event here too.
 */
class ScenarioTest {
    private static final long SEED = 7;

    /** Starts the cluster and waits until it settled on its highest server. */
    private static Simulation started(String name, SimulationSettings settings) {
        Simulation sim = new Simulation(SEED, settings, "ScenarioTest#" + name);
        sim.start();
        // Start-up: every server hears every other within a tick or two, a lower server may win the first
        // election before it learns the highest is ready, and then hands over once the highest was stable for T,
        // which it learns from the highest's next heartbeat.
        sim.requireConvergedBy(startUpBound(sim), sim.heartbeat(), "start-up");
        return sim;
    }

    static long startUpBound(Simulation sim) {
        return sim.timeout() + 2 * sim.heartbeat() + sim.electionSlack();
    }

    @Test
    void leaderCrashNextHighestLeads() {
        Simulation sim = started("leaderCrashNextHighestLeads", SimulationSettings.defaultTiming(3));
        long crashAt = sim.now() + 500;
        sim.at(crashAt, "crash leader s2", () -> sim.cluster.crash("s2"));
        sim.runUntil(crashAt + sim.timeout() / 2);
        assertEquals("s2", sim.node("s1").currentLeader(), "no one gives up on s2 before the failure timeout");
        assertEquals("s2", sim.node("s0").currentLeader(), "no one gives up on s2 before the failure timeout");
        sim.requireBy(crashAt + sim.timeout() + sim.heartbeat() + sim.electionSlack(), sim.heartbeat(),
                "s1 takes over from the crashed s2", () -> sim.notLedBy("s1", List.of("s0", "s1")));
    }

    @Test
    void leaderPausedLongerThanTimeoutStepsDownWithoutDoubleServing() {
        Simulation sim = started("leaderPausedLongerThanTimeoutStepsDownWithoutDoubleServing",
                SimulationSettings.defaultTiming(3));
        long pauseAt = sim.now() + 300;
        long resumeAt = pauseAt + 2 * sim.timeout();
        sim.at(pauseAt, "pause leader s2 (long GC)", () -> sim.cluster.pause("s2"));
        sim.at(resumeAt, "resume s2", () -> sim.cluster.resume("s2"));
        sim.requireBy(pauseAt + sim.timeout() + sim.heartbeat() + sim.electionSlack(), 0,
                "s1 takes over while s2 is paused", () -> sim.notLedBy("s1", List.of("s0", "s1")));
        // The paused leader's lease ran out on its own clock; the invariants (checked after every event) prove
        // it never served alongside s1. Right after it wakes up it follows s1.
        sim.runUntil(resumeAt + 2 * sim.settings.maxDelay() + 1);
        assertFalse(sim.node("s2").isServing(sim.now()), "s2 must not serve after waking up");
        assertEquals("s1", sim.node("s2").currentLeader());
        // It is the highest server, so it takes back over once stable: T for its first failure, T twice if it
        // also reported itself not ready (it woke up seeing no one), plus a heartbeat to say it is ready again and
        // one more for s1 to hear that the period is over.
        sim.requireConvergedBy(resumeAt + 2 * sim.heartbeat() + 2 * sim.timeout() + sim.electionSlack(),
                sim.heartbeat(), "s2 back in the lead once stable");
    }

    @Test
    void partitionMinorityStopsServingMajorityElectsThenHeals() {
        Simulation sim = started("partitionMinorityStopsServingMajorityElectsThenHeals",
                SimulationSettings.defaultTiming(5));
        long cutAt = sim.now() + 300;
        Set<String> minority = Set.of("s3", "s4");
        Set<String> majority = Set.of("s0", "s1", "s2");
        sim.at(cutAt, "partition {s3,s4} | {s0,s1,s2}", () -> sim.cluster.network().cut(minority, majority, false));
        // The old leader's lease ends one timeout after the last acknowledged heartbeat, before anyone in the
        // majority may promise; the majority elects its highest, s2.
        sim.runUntil(cutAt + sim.timeout() + 1);
        assertFalse(sim.node("s4").isServing(sim.now()), "the minority leader's lease has run out");
        sim.requireBy(cutAt + sim.timeout() + sim.heartbeat() + sim.electionSlack(), sim.heartbeat(),
                "the majority elects s2", () -> sim.notLedBy("s2", majority));
        assertFalse(sim.node("s4").isServing(sim.now()));
        assertFalse(sim.node("s3").isServing(sim.now()));
        long healAt = sim.now() + 1000;
        sim.at(healAt, "heal", () -> sim.cluster.network().healAll());
        // s4 is heard again within a heartbeat and is stable after T (one failure recorded by the majority's
        // detectors), T twice if its readiness loss in the minority was recorded too; s2 hears that with s4's next
        // heartbeat.
        sim.requireConvergedBy(healAt + 2 * sim.heartbeat() + 2 * sim.timeout() + sim.electionSlack(), sim.heartbeat(),
                "s4 leads again after the heal");
    }

    @Test
    void returningHighestServerTakesOverOnlyOnceStable() {
        Simulation sim = started("returningHighestServerTakesOverOnlyOnceStable",
                SimulationSettings.defaultTiming(3));
        long crashAt = sim.now() + 300;
        sim.at(crashAt, "crash s2", () -> sim.cluster.crash("s2"));
        sim.requireBy(crashAt + sim.timeout() + sim.heartbeat() + sim.electionSlack(), 0, "s1 leads",
                () -> sim.notLedBy("s1", List.of("s0", "s1")));
        long restartAt = sim.now() + 1000;
        sim.at(restartAt, "restart s2", () -> sim.cluster.restart("s2"));
        // For a whole stability period (T after its first failure) s1 keeps the lead and s2 follows.
        sim.requireBy(restartAt + sim.heartbeat(), sim.timeout() - sim.heartbeat(), "s1 keeps the lead while s2 is new",
                () -> sim.notLedBy("s1", List.of("s0", "s1", "s2")));
        // Then s2 takes over: it was quiet until it heard both peers (a heartbeat at most), then stable for T, as
        // s1 learns from s2's first heartbeat after that (another heartbeat at most).
        sim.requireConvergedBy(restartAt + 2 * sim.heartbeat() + sim.timeout() + sim.electionSlack(), sim.heartbeat(),
                "s2 takes over once stable");
    }

    @Test
    void leaderRestartedWithinTheTimeoutIsReplacedAtOnce() {
        Simulation sim = started("leaderRestartedWithinTheTimeoutIsReplacedAtOnce",
                SimulationSettings.defaultTiming(3));
        long crashAt = sim.now() + 300;
        long restartAt = crashAt + 500;
        sim.at(crashAt, "crash leader s2", () -> sim.cluster.crash("s2"));
        sim.at(restartAt, "restart s2 (quicker than the failure timeout)", () -> sim.cluster.restart("s2"));
        // Its new incarnation tells the others the old leader is gone: no waiting for the timeout (before the fix
        // they followed the dead leader forever, since the new process never leads that epoch).
        sim.requireBy(restartAt + 2 * sim.electionSlack(), 0, "s1 takes over as soon as s2 is seen restarted",
                () -> sim.notLedBy("s1", List.of("s0", "s1", "s2")));
        // A restart is a failure for flap damping: s2 leads again only once stable.
        sim.requireConvergedBy(restartAt + 2 * sim.heartbeat() + sim.timeout() + sim.electionSlack(),
                sim.heartbeat(), "s2 back in the lead once stable");
    }

    @Test
    void serverBackFromIsolationDoesNotDeposeTheLeader() {
        Simulation sim = started("serverBackFromIsolationDoesNotDeposeTheLeader",
                SimulationSettings.defaultTiming(3));
        long cutAt = sim.now() + 300;
        long healAt = cutAt + 2 * sim.timeout();
        sim.at(cutAt, "isolate s2", () -> sim.cluster.network().cut(Set.of("s2"), Set.of("s0", "s1"), false));
        sim.at(healAt, "heal", () -> sim.cluster.network().healAll());
        sim.requireBy(cutAt + sim.timeout() + sim.heartbeat() + sim.electionSlack(), 0, "s1 leads",
                () -> sim.notLedBy("s1", List.of("s0", "s1")));
        long epoch = sim.node("s1").epoch();
        // Back, s2 hears the others before it hears s1, yet must neither stand nor make s1 step down: it follows
        // s1, in s1's epoch, until it has been stable for a failure timeout.
        sim.requireBy(healAt + sim.heartbeat() + sim.electionSlack(), sim.timeout() - sim.heartbeat()
                - sim.electionSlack(), "s2 follows s1 while not yet stable", () -> {
                    String why = sim.notLedBy("s1", List.of("s0", "s1", "s2"));
                    return why != null ? why : sim.node("s1").epoch() != epoch ? "s1 was re-elected" : null;
                });
        sim.requireConvergedBy(healAt + 2 * sim.heartbeat() + 2 * sim.timeout() + sim.electionSlack(),
                sim.heartbeat(), "s2 back in the lead once stable");
    }

    @Test
    void gracefulLeaveOfLeaderHandsOverAtOnce() {
        Simulation sim = started("gracefulLeaveOfLeaderHandsOverAtOnce", SimulationSettings.defaultTiming(3));
        long leaveAt = sim.now() + 300;
        sim.at(leaveAt, "s2 leaves gracefully", () -> sim.cluster.leave("s2"));
        sim.requireBy(leaveAt + LeaveSimTest.handOverBound(sim), sim.heartbeat(), "s1 takes over at once",
                () -> sim.notLedBy("s1", List.of("s0", "s1")));
    }

    @Test
    void quorumOneLastServerStanding() {
        Simulation sim = started("quorumOneLastServerStanding", SimulationSettings.defaultTiming(3).withQuorum(1));
        long crashAt = sim.now() + 300;
        sim.at(crashAt, "crash s2", () -> sim.cluster.crash("s2"));
        sim.at(crashAt + 100, "crash s1", () -> sim.cluster.crash("s1"));
        sim.requireBy(crashAt + 100 + sim.timeout() + sim.heartbeat() + sim.electionSlack(), sim.heartbeat(),
                "s0 alone leads and serves", () -> sim.notLedBy("s0", List.of("s0")));
        assertEquals(Role.LEADER, sim.node("s0").role());
    }

    @Test
    void majorityQuorumLastServerDoesNotServe() {
        Simulation sim = started("majorityQuorumLastServerDoesNotServe", SimulationSettings.defaultTiming(3));
        long crashAt = sim.now() + 300;
        sim.at(crashAt, "crash s2", () -> sim.cluster.crash("s2"));
        sim.at(crashAt + 100, "crash s1", () -> sim.cluster.crash("s1"));
        sim.runUntil(crashAt + 100 + 3 * sim.timeout());
        assertFalse(sim.node("s0").isServing(sim.now()), "one of three is no majority");
        assertNull(sim.node("s0").currentLeader());
        assertTrue(sim.node("s0").role() != Role.LEADER);
    }
}
