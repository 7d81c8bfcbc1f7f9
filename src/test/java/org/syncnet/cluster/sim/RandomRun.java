package org.syncnet.cluster.sim;

/**
 * A random fault schedule from a seed, then a reliable network, then the convergence check: the invariants hold
 * throughout, and the cluster settles on the highest live server within the bound the protocol promises.
 */
final class RandomRun {
    private RandomRun() {
    }

    static void run(long seed, SimulationSettings settings, String replay) {
        Simulation sim = new Simulation(seed, settings, replay);
        Schedule schedule = Schedule.random(sim.rng, settings, sim.cluster.ids(), sim.cluster.quorum());
        sim.apply(schedule);
        sim.start();
        long lastFault = schedule.lastFaultTime();
        sim.runUntil(lastFault);
        // From here on nothing fails and nothing is lost; only delays remain.
        sim.cluster.network().makeReliable();
        sim.cluster.network().healAll();
        long deadline = convergenceDeadline(sim, schedule, lastFault);
        sim.requireConvergedBy(deadline, sim.timeout() + 2 * sim.heartbeat(), "after the last fault at " + lastFault);
    }

    /**
     * When the cluster must have settled, from the protocol's rules (T failure timeout, h heartbeat interval,
     * d maximum network delay, k tick):
     * <ul>
     * <li>A server that died at or before the last fault F is heard from last by F + d and failed by every peer
     * at most T + k later. A server that became reachable again at F is heard with its next heartbeat, within
     * h + d. Then one prepare/promise round trip (2d, plus a retry tick if a prepare overtook the news that the
     * old leader is gone) and the leader's announcement (d): F + T + h + 4d + 3k.</li>
     * <li>If the highest live server H was itself disturbed, the leader hands over only once H is stable: H said
     * "ready" continuously for the damped stability period, which is T doubled for each failure of H its peers
     * recorded recently, beyond the first, at most 8T. H's readiness restarts at the later of its last "not ready"
     * heartbeat (seen on the wire; a restarted H is quiet until it heard every peer or T passed) and its next
     * heartbeat after F. Then the hand-over: abdication on the leader's next tick, and abdicate, prepare, promise,
     * announcement: 4d + 2k.</li>
     * </ul>
     * The number of recorded failures is bounded from the schedule: each fault that concerned H once (a lossy
     * period up to the cap), plus every time H's own heartbeats went from ready to not ready.
     */
    static long convergenceDeadline(Simulation sim, Schedule schedule, long lastFault) {
        long t = sim.timeout();
        long h = sim.heartbeat();
        long d = sim.settings.maxDelay();
        long k = sim.cluster.tickMillis();
        long detected = lastFault + t + h + 4 * d + 3 * k;
        String highest = sim.cluster.highestLive();
        SimulatedCluster.Server top = sim.cluster.server(highest);
        int failures = top.readinessLosses;
        for (Fault f : schedule.faults()) {
            if (f.concerns(highest)) {
                failures += f.disturbance();
            }
        }
        long stable = t << Math.min(Math.max(failures - 1, 0), 3);
        long readyFrom = Math.max(lastFault + h + d, top.lastNotReadyAt + d);
        long handedOver = readyFrom + stable + k + 4 * d + 2 * k;
        return Math.max(detected, handedOver);
    }
}
