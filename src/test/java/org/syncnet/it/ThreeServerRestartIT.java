package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Durable history (issue 5) with the servers the scripts run (see {@link ScriptCluster}: they keep their data folders
 * across restarts, as a user's do). In ordered steps:
 * <ol>
 * <li>while IRC clients on server2 stream messages into a room, server1 (a follower) and then server3 (the leader)
 * are killed with SIGKILL and started again: each comes back ready only once caught up, server3 leads again, and
 * every server stores exactly the messages a listener received, in its order; the restarted servers know the room's
 * operator;</li>
 * <li>all three are stopped and started again: every server serves the same whole history, and a client joining the
 * room gets its topic and its last lines; the room keeps its modes, its ban list and its creation time;</li>
 * <li>a server whose history database file is gone fetches its history from its peers as it starts;</li>
 * <li>a damaged database file is moved aside (and named in the log), and a new one filled the same way;</li>
 * <li>a server without its history, without its log on disk and with no peer running does not start, and names the
 * seqs it is missing; with its peers back it starts and fetches them.</li>
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

    @RegisterExtension
    static final ScriptCluster cluster = new ScriptCluster("restart-it").startedWithLeader("server3");
    private static final ClusterViews views = new ClusterViews();
    /** The room's messages as the listener received them, in order: what everybody must store. */
    private static final List<String> heard = new ArrayList<>();
    private static final ScenarioSteps steps = new ScenarioSteps();
    /** The room's creation time (329) before the restarts. */
    private static String created;

    @Test
    @Order(1)
    void killedFollowerAndLeaderComeBackCaughtUpWithNothingMissing() throws Exception {
        IrcClient listener = IrcClient.register("listener", ScriptCluster.ircPort(2), WAIT);
        listener.send("JOIN " + ROOM);
        listener.await("own JOIN", IrcClient.command("JOIN", "listener"), WAIT);
        listener.send("TOPIC " + ROOM + " :" + TOPIC);
        listener.await("TOPIC", l -> "TOPIC".equals(l.command()), WAIT);
        listener.send("MODE " + ROOM + " +slb 50 troll!*@*");  // the creator is the room's operator
        listener.await("the modes", IrcClient.command("MODE", "listener"), WAIT);
        listener.send("MODE " + ROOM);
        listener.await("324", IrcClient.numeric("324"), WAIT);
        created = listener.await("329: the room's creation time", IrcClient.numeric("329"), WAIT).param(2);

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
        // server1 and server3 rebuilt the chat state as they started: the listener (on server2) is still operator
        for (int n : new int[] {1, 3}) {
            IrcClient probe = IrcClient.register("probe" + n, ScriptCluster.ircPort(n), WAIT);
            probe.send("JOIN " + ROOM);  // the room is secret (+s): only members see its NAMES
            String names = probe.await("NAMES on server" + n, IrcClient.numeric("353"), WAIT).last();
            assertTrue(names.startsWith("@listener "), "the operator as the restarted server" + n + " knows it: "
                    + names);
            probe.close();
        }
        steps.passed(1);
    }

    @Test
    @Order(2)
    void wholeClusterRestartKeepsTheHistoryTheTopicAndTheOrder() throws Exception {
        steps.require(1);
        cluster.must("stop_all_servers.sh");
        cluster.must("start_all_servers.sh");
        awaitLeader("server3", 1, 2, 3);
        awaitHistory("the history after a whole-cluster restart", 1, 2, 3);
        IrcClient newcomer = IrcClient.register("newcomer", ScriptCluster.ircPort(1), WAIT);
        newcomer.send("JOIN " + ROOM);
        assertEquals(TOPIC, newcomer.await("the topic", IrcClient.numeric("332"), WAIT).last());
        newcomer.await("end of NAMES", IrcClient.numeric("366"), WAIT);
        org.syncnet.testclient.IrcLine last = null;
        for (int i = 0; i < 20; i++) {
            last = newcomer.await("history line " + i, l -> "PRIVMSG".equals(l.command()), WAIT);
        }
        assertEquals(heard.get(heard.size() - 1), last.last(), "the join history ends with the last message");
        newcomer.send("MODE " + ROOM);
        assertEquals(List.of("+nstl", "50"), newcomer.await("the modes after the restart", IrcClient.numeric("324"),
                WAIT).params().subList(2, 4));
        assertEquals(created, newcomer.await("the same creation time", IrcClient.numeric("329"), WAIT).param(2));
        newcomer.send("MODE " + ROOM + " b");
        assertEquals("troll!*@*", newcomer.await("the ban after the restart", IrcClient.numeric("367"), WAIT)
                .param(2));
        newcomer.close();
        steps.passed(2);
    }

    @Test
    @Order(3)
    void aServerWhoseHistoryDatabaseIsGoneFillsItFromItsPeers() throws Exception {
        steps.require(2);
        cluster.must("stop_server.sh", "1");
        deleteHistoryDatabase(1);
        cluster.must("start_server.sh", "1");
        assertTrue(logSinceLastStart(1).contains("fetched the stored events after seq 0"),
                "server1 says where its history came from");
        awaitHistory("server1 with its history fetched again", 1, 2, 3);
        steps.passed(3);
    }

    @Test
    @Order(4)
    void aDamagedHistoryDatabaseIsSetAsideAndFilledAgain() throws Exception {
        steps.require(3);
        cluster.must("stop_server.sh", "1");
        Path db = cluster.dataFolder(1).resolve("history.db");
        byte[] bytes = Files.readAllBytes(db);
        for (int i = 0; i < bytes.length; i += 97) {
            bytes[i] ^= 0x5a;
        }
        Files.write(db, bytes);
        cluster.must("start_server.sh", "1");
        String log = logSinceLastStart(1);
        assertTrue(log.contains("cannot be read") && log.contains("it was moved to"), "server1 names the damaged file");
        try (var aside = Files.list(cluster.dataFolder(1))) {
            assertTrue(aside.anyMatch(p -> p.getFileName().toString().startsWith("history.db.damaged-")),
                    "the damaged file is kept for its operator");
        }
        awaitHistory("server1 with a new history database", 1, 2, 3);
        steps.passed(4);
    }

    /**
     * Without its history and its log on disk, and with no peer running, a server cannot have what it stored before:
     * it does not start, and says which seqs are missing; with its peers back, it starts and fetches them.
     */
    @Test
    @Order(5)
    void aServerThatCannotRepairItsHistoryRefusesToStartAndSaysWhatIsMissing() throws Exception {
        steps.require(4);
        long marked = Long.parseLong(Files.readString(cluster.dataFolder(1).resolve("history-mark")).trim());
        cluster.must("stop_all_servers.sh");
        deleteHistoryDatabase(1);
        try (var segments = Files.list(cluster.dataFolder(1).resolve("log"))) {
            for (Path p : segments.toList()) {
                Files.delete(p);
            }
        }
        int code = cluster.run("start_server.sh", "1");
        cluster.run("stop_server.sh", "1"); // the JVM runs on without the application
        assertNotEquals(0, code, "server1 must not start");
        String log = logSinceLastStart(1);
        assertTrue(log.contains("seqs 1.." + marked + " are missing"), "server1 names the missing seqs " + marked
                + ": " + log.lines().filter(l -> l.contains("missing")).toList());
        // As its operator would: the peers first (together: each is ready once the two make a quorum), then server1.
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> cluster.must("start_server.sh", "2")),
                CompletableFuture.runAsync(() -> cluster.must("start_server.sh", "3"))).join();
        cluster.must("start_server.sh", "1");
        awaitLeader("server3", 1, 2, 3);
        awaitHistory("server1 with its history fetched from its peers", 1, 2, 3);
        steps.passed(5);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static void deleteHistoryDatabase(int n) throws IOException {
        for (String name : new String[] {"history.db", "history.db-wal", "history.db-shm"}) {
            Files.deleteIfExists(cluster.dataFolder(n).resolve(name));
        }
    }

    /** Server N's log since its last start (the log is kept across restarts). */
    private static String logSinceLastStart(int n) throws IOException {
        String log = Files.readString(cluster.serverLog(n));
        int start = log.lastIndexOf("WFLYSRV0049");
        return start < 0 ? log : log.substring(start);
    }

    private static void awaitLeader(String leader, int... servers) {
        ScriptCluster.awaitLeader(leader, CONVERGE, servers);
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

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
