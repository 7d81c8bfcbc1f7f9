package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults under steady chat through both doors (issue 15), with the servers the scripts run ({@link ScriptCluster}):
 * two IRC and one WebSocket sender on each of server1 and server2 at about 200 messages a second together, and an IRC
 * and a WebSocket listener on each of them. Every step, in a room of its own, requires that every listener hears
 * every message once, all in one order that keeps each sender's messages in the order sent, and that all three
 * servers store exactly that history. In order:
 * <ol>
 * <li>the leader (server3) killed with SIGKILL, and started again;</li>
 * <li>the leader frozen with SIGSTOP for 7 s (a long GC pause), then thawed;</li>
 * <li>the leader's datagrams to server2 dropped for 12 s (one-way cut);</li>
 * <li>server2's datagrams to the leader dropped for 12 s (the other way);</li>
 * <li>server1 and server2 cut off from each other both ways for 12 s.</li>
 * </ol>
 * In the cuts, no listener may wait longer than the failure timeout plus 1.5 s for the next message. The cuts need
 * root and iptables (they drop loopback UDP between two cluster ports only and remove their rules, also on failure);
 * without them those steps are skipped. A step whose predecessor failed is skipped; the servers are stopped at the
 * end whatever happened.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeServerFaultsIT {
    private static final long FAILURE_TIMEOUT_MILLIS = 5_000;
    private static final long CUT_PAUSE_BOUND_MILLIS = FAILURE_TIMEOUT_MILLIS + 1_500;
    /** Each of the six senders' pace: about 200 messages a second together. */
    private static final long SEND_EVERY_MILLIS = 30;
    private static final Duration CONVERGE = Duration.ofSeconds(90);

    // The senders' pace is far above a person's: the doors' flood limits would hold them back.
    @RegisterExtension
    static final ScriptCluster cluster = new ScriptCluster("faults-it", Map.of("SYNCNET_IRC_FLOOD_PENALTY", "1ms",
            "SYNCNET_CHAT_RATE_BURST", "10000", "SYNCNET_CHAT_RATE_PER_SECOND", "10000"), () -> {
                if (LoopbackCut.available()) {
                    LoopbackCut.removeLeftovers();
                }
            }).startedWithLeader("server3");
    private static final ScenarioSteps steps = new ScenarioSteps();

    @Test
    @Order(1)
    void leaderKilledUnderLoad() throws Exception {
        steps.require(0);
        try (ChatLoad load = load("#killed")) {
            load.start();
            pause(3_000);
            cluster.must("kill_server.sh", "3");
            awaitLeader("server2", 1, 2);
            pause(2_000);
            cluster.must("start_server.sh", "3"); // returns once ready: caught up, with a leader
            awaitLeader("server3", 1, 2, 3);
            pause(2_000);
            finish(load, "leader killed");
        }
        steps.passed(1);
    }

    @Test
    @Order(2)
    void leaderFrozenUnderLoad() throws Exception {
        steps.require(1);
        try (ChatLoad load = load("#frozen")) {
            load.start();
            pause(3_000);
            ProcessHandle leader = cluster.jvm(3);
            signal("STOP", leader);
            try {
                pause(7_000);
            } finally {
                signal("CONT", leader);
            }
            awaitLeader("server3", 1, 2, 3);
            pause(2_000);
            finish(load, "leader frozen 7 s");
        }
        steps.passed(2);
    }

    @Test
    @Order(3)
    void leaderCannotReachServer2() throws Exception {
        steps.require(2);
        cut("#cut-leader-to-2", 2, new int[][] {{3, 2}});
        steps.passed(3);
    }

    @Test
    @Order(4)
    void server2CannotReachTheLeader() throws Exception {
        steps.require(3);
        cut("#cut-2-to-leader", 2, new int[][] {{2, 3}});
        steps.passed(4);
    }

    @Test
    @Order(5)
    void followersCannotReachEachOther() throws Exception {
        steps.require(4);
        cut("#cut-followers", 1, new int[][] {{1, 2}, {2, 1}});
        steps.passed(5);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static ChatLoad load(String room) throws Exception {
        ChatLoad load = new ChatLoad(room, SEND_EVERY_MILLIS);
        // Nicks of its own per step: the last step's clients may still hold theirs until their ends are committed.
        String step = "s" + (steps.passed() + 1);
        try {
            for (int n = 1; n <= 2; n++) {
                load.ircListener("hear" + n + step, ScriptCluster.ircPort(n))
                        .wsListener("watch" + n + step, ScriptCluster.httpPort(n))
                        .ircSender("irc" + n + "a" + step, ScriptCluster.ircPort(n))
                        .ircSender("irc" + n + "b" + step, ScriptCluster.ircPort(n))
                        .wsSender("ws" + n + step, ScriptCluster.httpPort(n));
            }
            return load;
        } catch (Exception | AssertionError e) {
            load.close();
            throw e;
        }
    }

    /**
     * Chat for 3 s, then drop the cluster datagrams of each pair (from server, to server) for 12 s, then chat on
     * for 3 s; no listener waits longer than the bound for the next message meanwhile.
     */
    private static void cut(String room, int cutOff, int[][] links) throws Exception {
        assumeTrue(LoopbackCut.available(), "needs root and iptables to drop loopback UDP");
        try (ChatLoad load = load(room)) {
            load.start();
            pause(3_000);
            long from = System.nanoTime();
            try (LoopbackCut cut = new LoopbackCut()) {
                for (int[] link : links) {
                    cut.drop(ScriptCluster.udpPort(link[0]), ScriptCluster.udpPort(link[1]));
                }
                pause(12_000);
            }
            long healed = System.nanoTime();
            pause(3_000);
            finish(load, room);
            List<String> pauses = new ArrayList<>();
            long longest = 0;
            for (ChatLoad.Listener l : load.listeners()) {
                long p = ChatLoad.longestPauseMillis(l, from, healed);
                pauses.add(l.name + " " + p + " ms");
                longest = Math.max(longest, p);
            }
            log(room + ": longest pause between two messages during the cut: " + pauses + " (server" + cutOff
                    + " cut off)");
            assertTrue(longest <= CUT_PAUSE_BOUND_MILLIS, "a listener waited " + longest + " ms for the next message"
                    + " during the cut; bound " + CUT_PAUSE_BOUND_MILLIS + " ms: " + pauses);
        }
    }

    /** Stops the load, checks what everyone heard and what every server stored, and logs the longest pauses. */
    private static void finish(ChatLoad load, String what) throws Exception {
        load.stop(CONVERGE);
        List<String> order = load.assertDeliveredOnceInOneOrderKeepingEachSendersOrder();
        awaitStored(load, order);
        List<String> pauses = new ArrayList<>();
        for (ChatLoad.Listener l : load.listeners()) {
            pauses.add(l.name + " " + ChatLoad.longestPauseMillis(l, 0, Long.MAX_VALUE) + " ms");
        }
        log(what + ": " + order.size() + " messages heard once, in one order, by every listener; longest pauses "
                + pauses);
    }

    /** Polls until every server stores exactly {@code order} for the load's room. */
    private static void awaitStored(ChatLoad load, List<String> order) throws InterruptedException {
        String room = load.room();
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (true) {
            List<String> mismatches = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                List<String> stored = new HistoryApi(ScriptCluster.httpPort(n)).roomTexts(room);
                if (!order.equals(stored)) {
                    mismatches.add("server" + n + (stored == null ? " does not answer" : " stores " + stored.size()
                            + " of " + order.size() + (stored.size() == order.size() ? " (in another order)" : "")));
                }
            }
            if (mismatches.isEmpty()) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, room + ": " + mismatches);
            Thread.sleep(200);  // polls the servers' history API: nothing to wait on
        }
    }

    private static void awaitLeader(String leader, int... servers) {
        ScriptCluster.awaitLeader(leader, CONVERGE, servers);
    }

    private static void signal(String signal, ProcessHandle process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor() == 0, "kill -" + signal + " " + process.pid());
    }

    /** The scenario's own timing: how long the chat runs before, during and after a fault. */
    private static void pause(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    private static void log(String line) {
        System.out.println("[ThreeServerFaultsIT] " + line);
    }
}
