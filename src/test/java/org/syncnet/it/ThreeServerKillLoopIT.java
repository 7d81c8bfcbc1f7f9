package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The history through kills (issue 15), with the servers the scripts run ({@link ScriptCluster}): while WebSocket
 * senders chat (each moving to another server when its own goes away), a server is killed with SIGKILL at a random
 * moment and started again, {@value #DEFAULT_ROUNDS} times ({@code -Dit.killLoop.rounds}): the leader as often as a
 * follower, and every third time the server started just before; every fifth time it is then also stopped gracefully
 * and started again (the sequence that lost rows of H2). After each start the restarted server's stored
 * history must reach what its log committed and equal its peers' event for event. At the end all three are stopped
 * gracefully and started again, and still store the same history. The random moments come from a seed, printed
 * ({@code -Dit.killLoop.seed} replays one).
 */
class ThreeServerKillLoopIT {
    private static final int DEFAULT_ROUNDS = 30;
    private static final String SECRET = "kill-loop-it-secret-not-for-production";
    private static final String ROOM = "#killloop";
    private static final int SENDERS = 3;
    private static final long SEND_EVERY_MILLIS = 100;
    private static final Duration CONVERGE = Duration.ofSeconds(90);

    @RegisterExtension
    static final ScriptCluster cluster = new ScriptCluster("killloop-it", Map.of("SYNCNET_CLUSTER_SECRET", SECRET,
            "SYNCNET_CHAT_RATE_PER_SECOND", "100"));
    private static final ClusterViews views = new ClusterViews();

    @BeforeAll
    static void leaderElected() {
        awaitLeaderAndCaughtUp();
    }

    @Test
    void everyRestartedServerStoresWhatItsLogAndItsPeersHold() throws Exception {
        int rounds = Integer.getInteger("it.killLoop.rounds", DEFAULT_ROUNDS);
        long seed = Long.getLong("it.killLoop.seed", System.nanoTime());
        log("seed " + seed + " (-Dit.killLoop.seed=" + seed + "), " + rounds + " rounds");
        Random random = new Random(seed);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int first = s % 3 + 1;
            String name = "loop" + s;
            Thread t = new Thread(() -> chat(name, first, running, sent), name);
            t.start();
            senders.add(t);
        }
        try {
            int restarted = 0;
            int leaders = 0;
            for (int round = 1; round <= rounds; round++) {
                Thread.sleep(random.nextInt(3_000)); // the random moment of the kill: the test's own timing
                int leader = leader();
                int victim = round % 3 == 0 && restarted > 0 ? restarted
                        : round % 2 == 1 ? leader : follower(leader, random);
                leaders += victim == leader ? 1 : 0;
                cluster.must("kill_server.sh", Integer.toString(victim));
                cluster.must("start_server.sh", Integer.toString(victim)); // returns once ready and caught up
                restarted = victim;
                String what = "round " + round + ": server" + victim + (victim == leader ? " (the leader)" : "")
                        + " killed and started again";
                compare(victim, what);
                if (round % 5 == 0) {
                    // The operators' sequence: a store opened after a kill, closed gracefully, opened again.
                    cluster.must("stop_server.sh", Integer.toString(victim));
                    cluster.must("start_server.sh", Integer.toString(victim));
                    compare(victim, what + ", then stopped gracefully and started again");
                }
            }
            log(rounds + " kills, " + leaders + " of them of the leader; " + sent.get() + " messages sent meanwhile");
            assertTrue(leaders >= rounds / 3, "the leader was killed " + leaders + " times");
        } finally {
            running.set(false);
            for (Thread t : senders) {
                t.join();
            }
        }
        cluster.must("stop_all_servers.sh");
        cluster.must("start_all_servers.sh");
        awaitLeaderAndCaughtUp();
        compare(1, "after a graceful stop and start of all three");
    }

    /**
     * Server {@code n}'s history reaches what its log committed when it became ready, and every server stores the same
     * events up to the lowest of their highest stored seqs.
     */
    private static void compare(int n, String what) throws Exception {
        long committed = views.view(ScriptCluster.httpPort(n)).orElseThrow().getJsonObject("log")
                .getJsonNumber("commitSeq").longValue();
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (highestStored(n) < committed) {
            assertTrue(System.nanoTime() < deadline, what + ": server" + n + "'s history stays at seq "
                    + highestStored(n) + ", below its log's commit point " + committed);
            Thread.sleep(100); // polls the server's history status: nothing to wait on
        }
        long common = Long.MAX_VALUE;
        for (int s = 1; s <= 3; s++) {
            common = Math.min(common, highestStored(s));
        }
        List<JsonObject> reference = new HistoryApi(ScriptCluster.httpPort(n)).storedEvents(SECRET, common);
        for (int s = 1; s <= 3; s++) {
            if (s != n) {
                List<JsonObject> peer = new HistoryApi(ScriptCluster.httpPort(s)).storedEvents(SECRET, common);
                assertEquals(peer.size(), reference.size(), what + ": server" + n + " stores " + reference.size()
                        + " events up to seq " + common + ", server" + s + " " + peer.size());
                for (int i = 0; i < peer.size(); i++) {
                    assertEquals(peer.get(i), reference.get(i), what + ": server" + n + " and server" + s + " differ");
                }
            }
        }
        log(what + ": its history reached its log's commit point " + committed + "; all three store the same "
                + reference.size() + " events up to seq " + common);
    }

    private static long highestStored(int n) throws Exception {
        return new HistoryApi(ScriptCluster.httpPort(n)).status().getJsonNumber("highestSeq").longValue();
    }

    /** The server every running server names as leader. */
    private static int leader() {
        for (int n = 1; n <= 3; n++) {
            Optional<JsonObject> view = views.view(ScriptCluster.httpPort(n));
            if (view.isPresent() && !view.get().isNull("leader")) {
                return Integer.parseInt(view.get().getString("leader").substring("server".length()));
            }
        }
        throw new AssertionError("no server names a leader");
    }

    private static int follower(int leader, Random random) {
        int other = random.nextInt(2) + 1;
        return other >= leader ? other + 1 : other;
    }

    /** One sender: chats through server {@code first}, and through the next one whenever its server goes away. */
    private static void chat(String name, int first, AtomicBoolean running, AtomicLong sent) {
        int server = first;
        for (int connection = 1; running.get(); connection++, server = server % 3 + 1) {
            String nick = name + "c" + connection;
            try (ChatClient c = ChatClient.connect(nick, ScriptCluster.httpPort(server))) {
                c.hello(nick, nick, 0);
                c.await("welcome", ChatClient.type("welcome"), Duration.ofSeconds(10));
                c.join(ROOM, 0);
                for (int i = 1; running.get() && !c.closed().isDone(); i++) {
                    c.say(ROOM, nick + "-" + i, nick + " " + i);
                    sent.incrementAndGet();
                    Thread.sleep(SEND_EVERY_MILLIS); // the sender's pace
                }
            } catch (Exception | AssertionError e) {
                // its server is gone or starting: the next one
            }
        }
    }

    private static void awaitLeaderAndCaughtUp() {
        views.await("a leader with a quorum, every server caught up", CONVERGE,
                v -> !v.isNull("leader") && v.getBoolean("hasQuorum") && v.getBoolean("caughtUp"),
                ScriptCluster.httpPort(1), ScriptCluster.httpPort(2), ScriptCluster.httpPort(3));
    }

    private static void log(String line) {
        System.out.println("[ThreeServerKillLoopIT] " + line);
    }
}
