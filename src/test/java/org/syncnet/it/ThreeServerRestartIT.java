package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Durable history (issue 5) with the servers the scripts run (see {@link ScriptCluster}: they keep their data folders
 * across restarts, as a user's do). In ordered steps:
 * <ol>
 * <li>while IRC clients on server2 stream messages into a room, server1 (a follower) and then server3 (the leader)
 * are killed with SIGKILL and started again: each comes back ready only once caught up, server3 leads again, and
 * every server stores exactly the messages a listener received, in its order;</li>
 * <li>all three are stopped and started again: every server serves the same whole history, and a client joining the
 * room gets its topic and its last lines;</li>
 * <li>a server whose history database file is missing, or corrupt, does not start (the deployment fails with the
 * reason in its log) instead of serving an empty history; with the file back it starts and serves it all.</li>
 * </ol>
 * A step whose predecessor failed is skipped; the servers are stopped at the end whatever happened.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeServerRestartIT {
    private static final String ROOM = "#restart";
    private static final String TOPIC = "kept across restarts";
    private static final int SENDERS = 4;
    /** Each sender's pace: 4 lines a second stays inside the IRC flood limit (5 a second). */
    private static final long SEND_EVERY_MILLIS = 250;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration CONVERGE = Duration.ofSeconds(90);

    private static ScriptCluster cluster;
    private static final ClusterViews views = new ClusterViews();
    /** The room's messages as the listener received them, in order: what everybody must store. */
    private static final List<String> heard = new ArrayList<>();
    private static int stepsPassed;

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = new ScriptCluster("restart-it");
        cluster.must("start_all_servers.sh");
        awaitLeader("server3", 1, 2, 3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void killedFollowerAndLeaderComeBackCaughtUpWithNothingMissing() throws Exception {
        IrcClient listener = IrcClient.register("listener", ScriptCluster.ircPort(2), WAIT);
        listener.send("JOIN " + ROOM);
        listener.await("own JOIN", IrcClient.command("JOIN", "listener"), WAIT);
        listener.send("TOPIC " + ROOM + " :" + TOPIC);
        listener.await("TOPIC", l -> "TOPIC".equals(l.command()), WAIT);

        AtomicBoolean streaming = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            IrcClient sender = IrcClient.register("sender" + s, ScriptCluster.ircPort(2), WAIT);
            sender.send("JOIN " + ROOM);
            sender.await("own JOIN", IrcClient.command("JOIN", "sender" + s), WAIT);
            String name = "sender" + s;
            Thread t = new Thread(() -> {
                for (int i = 0; streaming.get(); i++) {
                    sender.send("PRIVMSG " + ROOM + " :" + name + " line " + i);
                    sent.incrementAndGet();
                    sleepQuietly(SEND_EVERY_MILLIS);
                }
            }, name);
            t.start();
            senders.add(t);
        }
        try {
            sleepQuietly(2_000);
            cluster.must("kill_server.sh", "1");
            sleepQuietly(2_000);
            cluster.must("start_server.sh", "1"); // returns once ready: caught up, with a leader
            assertTrue(views.view(ScriptCluster.httpPort(1)).orElseThrow().getBoolean("caughtUp"));

            cluster.must("kill_server.sh", "3");
            awaitLeader("server2", 1, 2);
            cluster.must("start_server.sh", "3");
            awaitLeader("server3", 1, 2, 3); // only once caught up does it stand
            sleepQuietly(2_000);
        } finally {
            streaming.set(false);
            for (Thread t : senders) {
                t.join();
            }
        }
        int total = sent.get();
        for (int i = 0; i < total; i++) {
            heard.add(listener.await("message " + (i + 1) + " of " + total, l -> "PRIVMSG".equals(l.command()),
                    CONVERGE).last());
        }
        assertEquals(total, heard.stream().distinct().count(), "every message once: " + heard);
        awaitHistory("all three store what the listener received", 1, 2, 3);
        stepsPassed = 1;
    }

    @Test
    @Order(2)
    void wholeClusterRestartKeepsTheHistoryTheTopicAndTheOrder() throws Exception {
        requireStep(1);
        cluster.must("stop_all_servers.sh");
        cluster.must("start_all_servers.sh");
        awaitLeader("server3", 1, 2, 3);
        awaitHistory("the history after a whole-cluster restart", 1, 2, 3);
        IrcClient newcomer = IrcClient.register("newcomer", ScriptCluster.ircPort(1), WAIT);
        newcomer.send("JOIN " + ROOM);
        assertEquals(TOPIC, newcomer.await("the topic", IrcClient.numeric("332"), WAIT).last());
        newcomer.await("end of NAMES", IrcClient.numeric("366"), WAIT);
        IrcClient.Line last = null;
        for (int i = 0; i < 20; i++) {
            last = newcomer.await("history line " + i, l -> "PRIVMSG".equals(l.command()), WAIT);
        }
        assertEquals(heard.get(heard.size() - 1), last.last(), "the join history ends with the last message");
        newcomer.close();
        stepsPassed = 2;
    }

    @Test
    @Order(3)
    void aMissingHistoryDatabaseStopsTheStartInsteadOfServingAnEmptyHistory() throws Exception {
        requireStep(2);
        withBrokenDatabase(db -> Files.delete(db), "the database is missing or was replaced");
        stepsPassed = 3;
    }

    @Test
    @Order(4)
    void aCorruptHistoryDatabaseStopsTheStart() throws Exception {
        requireStep(3);
        withBrokenDatabase(db -> {
            byte[] bytes = Files.readAllBytes(db);
            for (int i = 0; i < bytes.length; i += 97) {
                bytes[i] ^= 0x5a;
            }
            Files.write(db, bytes);
        }, "File corrupted");
        stepsPassed = 4;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private interface FileDamage {
        void apply(Path file) throws IOException;
    }

    /**
     * Stops server1, damages its H2 file, requires that it does not start (its log naming {@code reason}), then
     * puts the file back and requires that it starts and serves the whole history again.
     */
    private static void withBrokenDatabase(FileDamage damage, String reason) throws IOException {
        Path db = cluster.dataFolder(1).resolve("history.mv.db");
        Path copy = db.resolveSibling("history.mv.db.copy");
        cluster.must("stop_server.sh", "1");
        Files.copy(db, copy, StandardCopyOption.REPLACE_EXISTING);
        damage.apply(db);
        int code = cluster.run("start_server.sh", "1");
        cluster.run("stop_server.sh", "1"); // the JVM runs on without the application
        assertNotEquals(0, code, "server1 must not start");
        assertTrue(Files.readString(cluster.serverLog(1)).contains(reason),
                "server1's log names the reason (" + reason + ")");
        Files.move(copy, db, StandardCopyOption.REPLACE_EXISTING);
        cluster.must("start_server.sh", "1");
        awaitHistory("server1 with its database back", 1, 2, 3);
    }

    private static void awaitLeader(String leader, int... servers) {
        int[] ports = new int[servers.length];
        for (int i = 0; i < servers.length; i++) {
            ports[i] = ScriptCluster.httpPort(servers[i]);
        }
        views.await(leader + " leads with a quorum and every server is caught up", CONVERGE,
                ClusterViews.leaderWithQuorum(leader).and(v -> v.getBoolean("caughtUp")), ports);
    }

    /** Polls until every server's stored room history is exactly what the listener received. */
    private static void awaitHistory(String what, int... servers) {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (true) {
            List<String> mismatches = new ArrayList<>();
            for (int n : servers) {
                List<String> stored = storedTexts(n);
                if (!stored.equals(heard)) {
                    mismatches.add("server" + n + " stores " + stored.size() + " of " + heard.size()
                            + (stored.size() == heard.size() ? " (another order or text)" : ""));
                }
            }
            if (mismatches.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": " + mismatches);
            }
            sleepQuietly(200);
        }
    }

    /** The room's stored messages on server N, oldest first. */
    private static List<String> storedTexts(int n) {
        List<String> texts = new HistoryApi(ScriptCluster.httpPort(n)).roomTexts(ROOM);
        return texts == null ? List.of("(no answer from server" + n + ")") : texts;
    }

    private static void requireStep(int step) {
        org.junit.jupiter.api.Assumptions.assumeTrue(stepsPassed >= step, "step " + step + " failed");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
