package org.syncnet.cluster.sim;

import java.util.Set;
import java.util.function.Consumer;

/**
 * One scheduled step of a fault schedule: when it happens, what it does, and whom it concerns (for the convergence
 * bound, which depends on whether the highest server itself was disturbed).
 *
 * @param subjects    the servers this fault disturbs directly; empty when it disturbs every one (lossy network)
 * @param disturbance how many times, at most, this fault can make a peer's failure detector record a failure of
 *                    one of its subjects (flap damping counts those): a crash, pause, leave or cut once; a lossy
 *                    period can fail a server again and again, so it counts as enough to reach the damping cap
 */
record Fault(long time, String description, Set<String> subjects, int disturbance,
             Consumer<SimulatedCluster> action) {

    static final int LOSSY_DISTURBANCE = 4;

    /** A paused server wakes up to silence and fails all its peers at once: a failure of each in its records. */
    boolean blinds(String observer) {
        return description.startsWith("pause ") && subjects.contains(observer);
    }

    boolean concerns(String id) {
        return subjects.isEmpty() || subjects.contains(id);
    }

    static Fault crash(long time, String id) {
        return new Fault(time, "crash " + id, Set.of(id), 1, c -> c.crash(id));
    }

    static Fault restart(long time, String id) {
        return new Fault(time, "restart " + id, Set.of(id), 0, c -> c.restart(id));
    }

    static Fault pause(long time, String id) {
        return new Fault(time, "pause " + id, Set.of(id), 1, c -> c.pause(id));
    }

    static Fault resume(long time, String id) {
        return new Fault(time, "resume " + id, Set.of(id), 0, c -> c.resume(id));
    }

    static Fault leave(long time, String id) {
        return new Fault(time, "leave " + id, Set.of(id), 1, c -> c.leave(id));
    }

    static Fault partition(long time, Set<String> side, Set<String> rest, boolean oneWay) {
        return new Fault(time, (oneWay ? "cut one way " + side + " -> " + rest : "partition " + side + " | " + rest),
                union(side, rest), 1, c -> c.network().cut(side, rest, oneWay));
    }

    static Fault heal(long time, Set<String> all) {
        return new Fault(time, "heal", all, 0, c -> c.network().healAll());
    }

    static Fault lossy(long time, double drop, double duplicate) {
        return new Fault(time, String.format("lossy network: drop %.2f duplicate %.2f", drop, duplicate), Set.of(),
                LOSSY_DISTURBANCE, c -> c.network().setLoss(drop, duplicate));
    }

    static Fault reliable(long time) {
        return new Fault(time, "reliable network", Set.of(), 0, c -> c.network().makeReliable());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
