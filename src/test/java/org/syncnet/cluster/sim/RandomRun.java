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
        // The bound depends on how often the highest server lost readiness, and its failure detector may still
        // complete a detection that began before the last fault (it then reports itself not ready once more):
        // re-derive the bound until it stops moving.
        long deadline = convergenceDeadline(sim, schedule, lastFault);
        for (long again = deadline; ; deadline = again) {
            sim.runUntil(deadline);
            again = convergenceDeadline(sim, schedule, lastFault);
            if (again <= deadline) {
                break;
            }
        }
        SimulatedCluster.Server top = sim.cluster.server(sim.cluster.highestLive());
        long readyBy = lastFault + sim.timeout() + sim.heartbeat() + sim.electionSlack();
        if (top.lastNotReadyAt > readyBy) {
            // Not explained by any rule: on a reliable network a server is ready once its quiet period (at most T)
            // ended and it heard its peers' heartbeats.
            throw sim.failure(top.id + " still reported itself not ready at " + top.lastNotReadyAt + " ms, after "
                    + readyBy + " ms, on a reliable network");
        }
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
     * heartbeat after F. Stability is proven by what is heard, so the leader sees it with the first heartbeat of H
     * after the period (h + d), abdicates on that message or its next tick, and then abdicate, prepare, promise,
     * announcement and acknowledgement: 5d + 2k.</li>
     * </ul>
     * The number of failures of H a peer recorded is bounded from the schedule: each fault that concerned H once
     * (a lossy period up to the cap), every time H's own heartbeats went from ready to not ready, and every pause
     * of the observer itself (it wakes up to silence and fails every peer at once).
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
        // Whichever server hands over counts, on top, the failures of H it recorded because it was itself blind.
        int blind = 0;
        for (String observer : sim.cluster.ids()) {
            int count = 0;
            for (Fault f : schedule.faults()) {
                if (!observer.equals(highest) && f.blinds(observer)) {
                    count++;
                }
            }
            blind = Math.max(blind, count);
        }
        failures += blind;
        long stable = t << Math.min(Math.max(failures - 1, 0), 3);
        long readyFrom = Math.max(lastFault + h + d, top.lastNotReadyAt + d);
        long handedOver = readyFrom + stable + h + d + 5 * d + 2 * k;
        return Math.max(detected, handedOver);
    }
}
