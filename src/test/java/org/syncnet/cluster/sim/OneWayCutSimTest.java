package org.syncnet.cluster.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.syncnet.cluster.log.entry.ClientEventKey;

/**
 * Partial cuts while a quorum serves (DESIGN invariant 12): the leader cannot reach a follower, a follower cannot
 * reach the leader, or two followers cannot reach each other (one way or both), for twice the failure timeout, while
 * a client on every server sends every 20-60 ms. Besides the invariants checked after every event (each client's
 * order included), every event sent is delivered by every server within the failure timeout plus one second of
 * being sent, during the cut as before and after it: nobody's chat stalls for the length of the cut.
 */
class OneWayCutSimTest {
    private static final double SHARE = 0.02;
    /** The promise: every event delivered everywhere within the failure timeout plus this. */
    private static final long SLACK_MILLIS = 1_000;

    private enum Cut {
        LEADER_TO_FOLLOWER, FOLLOWER_TO_LEADER, FOLLOWER_TO_FOLLOWER, FOLLOWERS_BOTH_WAYS
    }

    @Test
    void leaderToFollower() {
        run("leaderToFollower", Cut.LEADER_TO_FOLLOWER, SimulationSettings.defaultTiming(3));
    }

    @Test
    void followerToLeader() {
        run("followerToLeader", Cut.FOLLOWER_TO_LEADER, SimulationSettings.defaultTiming(3));
    }

    @Test
    void followerToFollower() {
        run("followerToFollower", Cut.FOLLOWER_TO_FOLLOWER, SimulationSettings.defaultTiming(3));
    }

    @Test
    void followersBothWays() {
        run("followersBothWays", Cut.FOLLOWERS_BOTH_WAYS, SimulationSettings.defaultTiming(3));
    }

    @Test
    void leaderToFollowerFiveServersFastTiming() {
        run("leaderToFollowerFiveServersFastTiming", Cut.LEADER_TO_FOLLOWER, SimulationSettings.fastTiming(5));
    }

    @Test
    void followerToLeaderFiveServersFastTiming() {
        run("followerToLeaderFiveServersFastTiming", Cut.FOLLOWER_TO_LEADER, SimulationSettings.fastTiming(5));
    }

    private static void run(String method, Cut cut, SimulationSettings settings) {
        String replay = OneWayCutSimTest.class.getSimpleName() + "#" + method;
        SeedRunner.forEachSeed(1, SeedRunner.share(SHARE), seed -> runOnce(seed, cut, settings, replay));
    }

    private static void runOnce(long seed, Cut cut, SimulationSettings settings, String replay) {
        Simulation sim = new Simulation(seed, settings, replay);
        sim.start();
        sim.requireConvergedBy(ScenarioTest.startUpBound(sim), sim.heartbeat(), "start-up");
        List<String> ids = sim.cluster.ids();
        String leader = sim.cluster.highestLive();
        List<String> followers = new ArrayList<>(ids);
        followers.remove(leader);
        String follower = followers.remove(sim.rng.nextInt(followers.size()));
        String other = followers.get(sim.rng.nextInt(followers.size()));
        long cutAt = sim.now() + 500 + sim.rng.nextLong(sim.heartbeat());
        long healAt = cutAt + 2 * sim.timeout();
        long until = healAt + 2 * sim.timeout();

        Map<ClientEventKey, Long> sentAt = new HashMap<>();
        Map<String, Map<ClientEventKey, Long>> deliveredAt = new HashMap<>();
        sim.cluster.addListener((server, incarnation, key, at) ->
                deliveredAt.computeIfAbsent(server, k -> new HashMap<>()).putIfAbsent(key, at));
        for (String server : ids) {
            SimClient client = new SimClient("on-" + server, sim.cluster, sim.rng, sim.trace);
            sim.clock.at(sim.now(), () -> client.connectTo(server));
            for (long t = sim.now() + 1; t < until; t += 20 + sim.rng.nextLong(40)) {
                long at = t;
                sim.clock.at(t, () -> sentAt.put(new ClientEventKey(client.id, client.send(new byte[] {1})), at));
            }
            for (long t = sim.now() + 1; t < until + sim.timeout(); t += 500) {
                sim.clock.at(t, client::check);
            }
        }
        Set<String> from = Set.of(cut == Cut.FOLLOWER_TO_LEADER ? follower
                : cut == Cut.LEADER_TO_FOLLOWER ? leader : follower);
        Set<String> to = Set.of(cut == Cut.FOLLOWER_TO_LEADER ? leader
                : cut == Cut.LEADER_TO_FOLLOWER ? follower : other);
        boolean oneWay = cut != Cut.FOLLOWERS_BOTH_WAYS;
        sim.at(cutAt, (oneWay ? "cut one way " : "cut both ways ") + from + " -> " + to,
                () -> sim.cluster.network().cut(from, to, oneWay));
        sim.at(healAt, "heal", () -> sim.cluster.network().healAll());

        long bound = sim.timeout() + SLACK_MILLIS;
        sim.requireBy(until + bound, sim.heartbeat(), "every event delivered everywhere",
                () -> sim.cluster.ledger().incomplete(sim.cluster));
        long worst = 0;
        for (Map.Entry<ClientEventKey, Long> e : sentAt.entrySet()) {
            for (String server : ids) {
                Long at = deliveredAt.getOrDefault(server, Map.of()).get(e.getKey());
                if (at != null) {
                    worst = Math.max(worst, at - e.getValue());
                }
                if (at == null || at - e.getValue() > bound) {
                    throw sim.failure(e.getKey() + " sent at " + e.getValue() + " ms was delivered by " + server
                            + (at == null ? " never" : " only at " + at + " ms") + ", over " + bound + " ms later"
                            + " (cut " + from + " -> " + to + " from " + cutAt + " to " + healAt + " ms)");
                }
            }
        }
        if (Boolean.getBoolean("sim.logStats")) {
            System.out.println(replay + " seed " + seed + ": " + sentAt.size() + " events, slowest delivered after "
                    + worst + " ms");
        }
    }
}
