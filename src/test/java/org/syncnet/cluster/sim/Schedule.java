package org.syncnet.cluster.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A random fault schedule drawn from a seed. Faults overlap freely (a server crashes while another is paused and
 * the network is partitioned), but every fault that is not a permanent crash is undone later, and enough servers
 * stay up for a quorum, so the cluster can converge after the last fault.
 */
record Schedule(List<Fault> faults, Set<String> permanentlyDown) {

    long lastFaultTime() {
        return faults.isEmpty() ? 0 : faults.get(faults.size() - 1).time();
    }

    static Schedule random(Random rng, SimulationSettings s, List<String> ids, int quorum) {
        long hb = s.heartbeatMillis();
        long timeout = s.failureTimeoutMillis();
        List<Fault> faults = new ArrayList<>();
        Set<String> permanentlyDown = new TreeSet<>();
        long[] busyUntil = new long[ids.size()];
        long networkBusyUntil = 0;
        long lossyUntil = 0;
        // Faults may hit before, during or after the first election.
        long t = rng.nextLong(2 * timeout);
        int count = 1 + rng.nextInt(s.maxFaults());
        for (int f = 0; f < count; f++) {
            t += hb / 2 + rng.nextLong(2 * timeout);
            int kind = rng.nextInt(10);
            int i = rng.nextInt(ids.size());
            String id = ids.get(i);
            boolean free = busyUntil[i] <= t && !permanentlyDown.contains(id);
            if (kind <= 2 && free) {
                boolean forever = rng.nextInt(4) == 0 && ids.size() - permanentlyDown.size() - 1 >= quorum;
                faults.add(Fault.crash(t, id));
                if (forever) {
                    permanentlyDown.add(id);
                } else {
                    long back = t + hb / 2 + rng.nextLong(4 * timeout);
                    faults.add(Fault.restart(back, id));
                    busyUntil[i] = back + 1;
                }
            } else if (kind <= 4 && free) {
                long back = t + timeout / 4 + rng.nextLong(3 * timeout);
                faults.add(Fault.pause(t, id));
                faults.add(Fault.resume(back, id));
                busyUntil[i] = back + 1;
            } else if (kind == 5 && free) {
                long back = t + hb / 2 + rng.nextLong(3 * timeout);
                faults.add(Fault.leave(t, id));
                faults.add(Fault.restart(back, id));
                busyUntil[i] = back + 1;
            } else if (kind <= 8 && networkBusyUntil <= t) {
                Set<String> side = new TreeSet<>();
                int sideSize = 1 + rng.nextInt(ids.size() - 1);
                List<String> shuffled = new ArrayList<>(ids);
                java.util.Collections.shuffle(shuffled, rng);
                side.addAll(shuffled.subList(0, sideSize));
                Set<String> rest = new TreeSet<>(ids);
                rest.removeAll(side);
                long back = t + hb / 2 + rng.nextLong(4 * timeout);
                faults.add(Fault.partition(t, Set.copyOf(side), Set.copyOf(rest), rng.nextInt(3) == 0));
                faults.add(Fault.heal(back, Set.copyOf(ids)));
                networkBusyUntil = back + 1;
            } else if (lossyUntil <= t) {
                long back = t + timeout + rng.nextLong(3 * timeout);
                faults.add(Fault.lossy(t, 0.05 + 0.3 * rng.nextDouble(), 0.2 * rng.nextDouble()));
                faults.add(Fault.reliable(back));
                lossyUntil = back + 1;
            }
        }
        faults.sort(Comparator.comparingLong(Fault::time));
        return new Schedule(List.copyOf(faults), Set.copyOf(permanentlyDown));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Fault f : faults) {
            out.append(String.format("  %9d ms  %s%n", f.time(), f.description()));
        }
        return out.toString();
    }
}
