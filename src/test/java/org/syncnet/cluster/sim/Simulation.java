package org.syncnet.cluster.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import org.syncnet.cluster.ClusterNode;
import org.syncnet.cluster.Role;

/**
 * One seeded run: a cluster, its clock, the invariants checked after every event, and the trace printed with the
 * seed when something breaks. Everything random (start phases, delays, losses, the schedule) comes from the seed.
 */
final class Simulation {
    final long seed;
    final SimulationSettings settings;
    final EventQueue clock = new EventQueue();
    final Random rng;
    /** The last lines printed with a failure: {@code -Dsim.traceLines=N} shows more of a replayed seed's story. */
    final Trace trace = new Trace(Integer.getInteger("sim.traceLines", 150));
    final SimulatedCluster cluster;
    final Invariants invariants;
    private final String replay;
    private Schedule schedule;

    /** @param replay the test selector to print with the seed, e.g. {@code RandomScheduleSimTest#threeServers} */
    Simulation(long seed, SimulationSettings settings, String replay) {
        this.seed = seed;
        this.settings = settings;
        this.replay = replay;
        this.rng = new Random(seed);
        this.cluster = new SimulatedCluster(clock, rng, settings, trace);
        this.invariants = new Invariants(settings.majorityQuorum());
    }

    long now() {
        return clock.now();
    }

    long timeout() {
        return settings.failureTimeoutMillis();
    }

    ClusterNode node(String id) {
        return cluster.server(id).node;
    }

    /** An upper bound on how long a leader election takes once it can start: see {@link RandomRun}. */
    long electionSlack() {
        return 4 * settings.maxDelay() + 3 * cluster.tickMillis();
    }

    long heartbeat() {
        return settings.heartbeatMillis();
    }

    void start() {
        cluster.startAll();
    }

    void apply(Schedule s) {
        this.schedule = s;
        for (Fault f : s.faults()) {
            clock.at(f.time(), () -> {
                trace.add(clock.now(), "FAULT " + f.description());
                f.action().accept(cluster);
            });
        }
    }

    /** Runs every event up to {@code time}, checking the invariants after each. */
    void runUntil(long time) {
        while (clock.runNext(time)) {
            checkInvariants();
        }
    }

    void runFor(long millis) {
        runUntil(now() + millis);
    }

    /** Schedules an action (a fault of a hand-written scenario) at an absolute time. */
    void at(long time, String what, Runnable action) {
        clock.at(time, () -> {
            trace.add(clock.now(), "FAULT " + what);
            action.run();
        });
    }

    private void checkInvariants() {
        String broken = invariants.check(cluster, clock.now());
        if (broken != null) {
            throw failure("invariant broken: " + broken);
        }
    }

    /**
     * Runs until {@code deadline} (invariants only), then on until {@code deadline + hold}, requiring convergence
     * after every event of that second stretch: it must have converged by the deadline and stay so.
     */
    void requireConvergedBy(long deadline, long hold, String what) {
        requireBy(deadline, hold, what, this::divergence);
    }

    /** Like {@link #requireConvergedBy}, for any condition: {@code problem} returns null when it holds. */
    void requireBy(long deadline, long hold, String what, java.util.function.Supplier<String> problem) {
        runUntil(deadline);
        String why = problem.get();
        if (why != null) {
            throw failure(what + ": not converged by " + deadline + " ms: " + why);
        }
        while (clock.runNext(deadline + hold)) {
            checkInvariants();
            why = problem.get();
            if (why != null) {
                throw failure(what + ": converged by " + deadline + " ms but then diverged: " + why);
            }
        }
    }

    /** Null when every live server names the highest live server as leader, in its epoch, and it serves. */
    String divergence() {
        String highest = cluster.highestLive();
        if (highest == null) {
            return "no server is live";
        }
        List<String> live = new ArrayList<>();
        for (SimulatedCluster.Server s : cluster.servers()) {
            if (s.live()) {
                live.add(s.id);
            }
        }
        return notLedBy(highest, live);
    }

    /**
     * Null when {@code expected} leads and serves, and every one of {@code group} follows it in its epoch and knows
     * that it serves (what a server's readiness reports).
     */
    String notLedBy(String expected, Collection<String> group) {
        SimulatedCluster.Server leader = cluster.server(expected);
        if (!leader.live()) {
            return expected + " is down";
        }
        ClusterNode top = leader.node;
        if (top.role() != Role.LEADER || !top.isServing(now())) {
            return expected + " is " + top.role() + " in epoch " + top.epoch()
                    + (top.role() == Role.LEADER ? " without a quorum" : "");
        }
        for (String id : group) {
            SimulatedCluster.Server s = cluster.server(id);
            if (!s.live()) {
                return id + " is down";
            }
            if (s.paused) {
                return s.id + " is still paused";
            }
            if (!expected.equals(s.node.currentLeader()) || s.node.epoch() != top.epoch()) {
                return s.id + " names " + s.node.currentLeader() + " in epoch " + s.node.epoch() + ", not " + expected
                        + " in epoch " + top.epoch();
            }
            if (!s.node.hasQuorum(now())) {
                return s.id + " does not yet know that " + expected + " serves"; // its readiness check says so
            }
        }
        return null;
    }

    AssertionError failure(String what) {
        StringBuilder out = new StringBuilder();
        out.append(what).append('\n');
        out.append("  at ").append(now()).append(" ms, seed ").append(seed).append(", ").append(settings).append('\n');
        out.append("  replay: mvn -B -o -q test -Dtest='").append(replay).append("' -Dsim.seed=").append(seed)
                .append('\n');
        if (schedule != null) {
            out.append("schedule:\n").append(schedule);
        }
        out.append("trace (last lines):\n").append(trace);
        out.append("state:\n");
        for (SimulatedCluster.Server s : cluster.servers()) {
            out.append("  ").append(s.id).append(": ");
            if (s.node == null) {
                out.append("down\n");
                continue;
            }
            ClusterNode n = s.node;
            out.append(n.role()).append(" epoch ").append(n.epoch()).append(" leader ").append(n.currentLeader())
                    .append(n.isServing(now()) ? " SERVING" : "").append(n.isQuiet() ? " quiet" : "")
                    .append(s.paused ? " paused" : "").append(s.left ? " left" : "")
                    .append(" log ").append(n.logPosition()).append(n.isLogReady() ? " ready" : "")
                    .append(" drops ").append(s.inbox.droppedCounts()).append(" pending ").append(n.pendingCount())
                    .append('\n');
        }
        return new AssertionError(out.toString());
    }
}
