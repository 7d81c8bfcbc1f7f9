package org.syncnet.cluster.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.syncnet.cluster.ClusterNode;
import org.syncnet.cluster.Role;

/**
 * The safety properties, checked against the real state of every server after every simulated event. Each check
 * compares one server's belief with the ground truth of the others, so none is a restatement of the code it checks.
 */
final class Invariants {
    /** Every (epoch, leader) pair ever seen anywhere: a leader itself, or a follower naming its leader. */
    private final Map<Long, String> leaderOfEpoch = new HashMap<>();
    private final Map<String, String> lastView = new HashMap<>();
    private final Map<String, Integer> leaderChanges = new HashMap<>();
    private final boolean majority;

    Invariants(boolean majority) {
        this.majority = majority;
    }

    /** Returns a description of the first broken invariant, or null. */
    String check(SimulatedCluster cluster, long now) {
        String log = cluster.ledger().violation();
        if (log != null) {
            return "log: " + log;
        }
        List<SimulatedCluster.Server> serving = new ArrayList<>();
        for (SimulatedCluster.Server s : cluster.servers()) {
            if (!s.live()) {
                continue;
            }
            ClusterNode node = s.node;
            String named = node.currentLeader();
            if (named != null) {
                String broken = recordEpochLeader(cluster.ids(), node.epoch(), named, s.id);
                if (broken != null) {
                    return broken;
                }
                countChange(s.id, named + "@" + node.epoch());
            }
            // A paused server is included: its lease runs on its own clock, which does not stop during the pause.
            if (node.isServing(now)) {
                if (node.role() != Role.LEADER) {
                    return s.id + " serves without being leader";
                }
                serving.add(s);
            }
        }
        // Only with a majority quorum: with a smaller quorum (the "last server standing" setting) two sides of a
        // partition each have their quorum, and both serving is the documented price of that setting.
        if (majority && serving.size() > 1) {
            StringBuilder who = new StringBuilder();
            for (SimulatedCluster.Server s : serving) {
                who.append(' ').append(s.id).append("(epoch ").append(s.node.epoch()).append(')');
            }
            return "two servers serve at once:" + who;
        }
        // Also only with a majority quorum: the lease holds because a rival epoch needs a majority of promises,
        // which must include a server whose acknowledgement the lease counts, and that server promises only after
        // the lease from it ran out. A smaller quorum has no such intersection: a follower the lease counts may
        // follow a rival leader elected by others at once (random schedules on 5 servers with quorum 2 show it
        // within a few hundred seeds), so there the check cannot hold; with quorum 1 it is trivially true.
        for (SimulatedCluster.Server leader : majority ? serving : List.<SimulatedCluster.Server>of()) {
            String broken = quorumBehind(cluster, leader, now);
            if (broken != null) {
                return broken;
            }
        }
        return null;
    }

    private String recordEpochLeader(List<String> ring, long epoch, String leader, String reporter) {
        String owner = ring.get((int) Math.floorMod(epoch, (long) ring.size()));
        if (!owner.equals(leader)) {
            return reporter + " names " + leader + " as leader of epoch " + epoch + ", which " + owner + " owns";
        }
        String before = leaderOfEpoch.putIfAbsent(epoch, leader);
        if (before != null && !before.equals(leader)) {
            return "epoch " + epoch + " has two leaders: " + before + " and " + leader + " (named by " + reporter + ")";
        }
        return null;
    }

    /**
     * A serving leader of epoch e must really have a quorum behind it, counted from the other servers' own state:
     * itself, plus every live server that is in epoch e (it promised or followed e, and epochs only grow, so it has
     * not promised anything newer), plus every restarted server still in its quiet period (it grants nothing to
     * anyone, so it cannot be part of a rival quorum; it either hears the leader before speaking or waits out a
     * failure timeout, by which time the lease its previous incarnation granted has expired).
     *
     * <p>A server that crashed or left counts only while the lease it may have granted can still run: for one
     * failure timeout after it went, since every acknowledgement it sent carries a stamp from before then. Counting
     * it for less is impossible to satisfy: a crash is silent, so the leader can only learn of it from missing
     * acknowledgements, which is what the lease timing measures (a leave is announced, but the announcement may be
     * lost). A down server cannot grant anything to a rival meanwhile, so this does not let two quorums form.
     */
    private String quorumBehind(SimulatedCluster cluster, SimulatedCluster.Server leader, long now) {
        long epoch = leader.node.epoch();
        int behind = 0;
        StringBuilder states = new StringBuilder();
        for (SimulatedCluster.Server s : cluster.servers()) {
            if (!s.live()) {
                boolean recent = now - s.goneAt < cluster.failureTimeout();
                if (recent) {
                    behind++;
                }
                states.append(' ').append(s.id).append(recent ? "=just-down" : "=down");
                continue;
            }
            boolean bound = s == leader || s.node.epoch() == epoch || s.node.isQuiet();
            if (bound) {
                behind++;
            }
            states.append(' ').append(s.id).append("=e").append(s.node.epoch()).append(s.node.isQuiet() ? "q" : "");
        }
        if (behind < cluster.quorum()) {
            return leader.id + " serves epoch " + epoch + " but only " + behind + " of the required " + cluster.quorum()
                    + " servers are bound to it:" + states;
        }
        return null;
    }

    private void countChange(String id, String view) {
        String before = lastView.put(id, view);
        if (before != null && !before.equals(view)) {
            leaderChanges.merge(id, 1, Integer::sum);
        }
    }

    /** How often the server moved to a different (leader, epoch) since the last reset. */
    int leaderChanges(String id) {
        return leaderChanges.getOrDefault(id, 0);
    }

    void resetLeaderChanges() {
        leaderChanges.clear();
    }
}
