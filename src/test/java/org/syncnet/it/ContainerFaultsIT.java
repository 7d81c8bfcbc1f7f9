package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.syncnet.it.ContainerCluster.Node;

/**
 * The hard faults, on the three-node cluster of {@code docker/compose.yaml} (each server in its own container, with
 * its own address), while IRC and WebSocket clients on this host chat across all three at a steady pace: the leader
 * killed and started again, frozen longer than the failure timeout, partitioned from both others, one direction cut
 * between two servers, loss and delay on one server's link (where the kernel has netem), all three restarted at once.
 * After each fault and at the end {@link FaultChecker} proves nothing confirmed was lost, nothing delivered twice, one
 * order everywhere and one leader per epoch, and the test prints a table of what the clients saw.
 *
 * <p>Needs docker and docker-compose (and root, to start the engine when none runs, and for nsenter); {@code .ci/run}
 * installs them. The engine, the base image, the image, containers, networks and volumes it started or made are
 * gone afterwards, and the host's iptables are as before, also when it fails.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class ContainerFaultsIT {
    private static final Duration FAILURE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FAULT = Duration.ofSeconds(20);
    private static final Duration RECOVERY = Duration.ofSeconds(90);
    /** How long every node may take to store what was confirmed (the history is written in batches). */
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final Path ROOT = Path.of(System.getProperty("user.dir"));
    private static final String LOCAL_BASE = "syncnet-faults/debian:bookworm-slim";

    private static ContainerCluster cluster;
    private static boolean engineStarted;
    private static boolean baseMade;

    @BeforeAll
    static void startCluster() throws Exception {
        Assumptions.assumeTrue(onPath("docker") && onPath("docker-compose") && onPath("nsenter"),
                "docker, docker-compose and nsenter are needed (.ci/run installs docker.io and docker-compose)");
        Assumptions.assumeTrue(engineRuns() || isRoot(), "no Docker engine runs and starting one needs root");
        engineStarted = !engineRuns();
        script("docker/engine.sh", "start");
        // A base of the same distribution as the Dockerfile's default (debian:bookworm-slim), made here because no
        // registry can be reached; SYNCNET_TEST_BASE_IMAGE names another.
        String base = System.getenv().getOrDefault("SYNCNET_TEST_BASE_IMAGE", LOCAL_BASE);
        if (base.equals(LOCAL_BASE)) {
            baseMade = !imageExists(LOCAL_BASE);
            script("docker/local-base.sh", LOCAL_BASE);
        }
        cluster = new ContainerCluster(ROOT, ROOT.resolve("target/containers"), base);
        cluster.build();
        cluster.up(RECOVERY);
    }

    @AfterAll
    static void removeEverything() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (baseMade) {
            new ProcessBuilder("docker", "rmi", "-f", LOCAL_BASE).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
        }
        if (engineStarted) {
            script("docker/engine.sh", "stop");
        }
    }

    /** What the first node stored at the last check: the table's "delivered". */
    private List<FaultChecker.Stored> lastStored = List.of();

    /** One row of the table. */
    private record Row(String fault, long fromNanos, long toNanos, List<String> violations, String note) {
    }

    @Test
    void chatSurvivesEveryFault() throws Exception {
        List<Node> nodes = cluster.nodes;
        List<Row> rows = new ArrayList<>();
        try (SteadyChat chat = new SteadyChat(nodes.stream().map(Node::frontIp).toList(), 300)) {
            chat.start();
            Node leader = cluster.awaitLeader(nodes, RECOVERY);

            long from = System.nanoTime();
            Thread.sleep(10_000);  // the load alone, as the baseline row
            rows.add(checkpoint(chat, "none (baseline)", from, ""));

            from = System.nanoTime();
            Node killed = leader;
            cluster.kill(killed);
            Duration failover = cluster.await("a new leader", others(killed), v -> v.getBoolean("hasQuorum", false)
                    && !v.isNull("leader") && !killed.serverId().equals(v.getString("leader")), RECOVERY);
            cluster.start(killed);
            cluster.awaitHealthy(List.of(killed), RECOVERY);
            rows.add(checkpoint(chat, "kill leader " + killed + ", start it again", from,
                    "new leader after " + seconds(failover)));

            leader = cluster.awaitLeader(nodes, RECOVERY);
            from = System.nanoTime();
            cluster.pause(leader);
            Thread.sleep(8_000);  // the fault's length: frozen longer than the failure timeout
            cluster.unpause(leader);
            rows.add(checkpoint(chat, "pause leader " + leader + " 8 s", from, ""));

            leader = cluster.awaitLeader(nodes, RECOVERY);
            from = System.nanoTime();
            rows.add(partition(chat, leader, from));

            leader = cluster.awaitLeader(nodes, RECOVERY);
            Node follower = others(leader).get(0);
            from = System.nanoTime();
            cluster.dropFrom(leader, follower);
            try {
                Thread.sleep(FAULT.toMillis());  // the fault's length
            } finally {
                cluster.undoDropFrom(leader, follower);
            }
            rows.add(checkpoint(chat, "cut " + leader + " -> " + follower + " 20 s", from, ""));

            from = System.nanoTime();
            if (cluster.netem(follower, "delay", "40ms", "20ms", "loss", "5%")) {
                try {
                    Thread.sleep(FAULT.toMillis());  // the fault's length
                } finally {
                    cluster.undoNetem(follower);
                }
                rows.add(checkpoint(chat, "netem 40±20 ms, 5 % loss on " + follower + " 20 s", from, ""));
            } else {
                rows.add(new Row("netem on " + follower, from, System.nanoTime(), List.of(),
                        "skipped: this kernel has no netem"));
            }

            from = System.nanoTime();
            cluster.restartAll(RECOVERY);
            cluster.awaitHealthy(nodes, RECOVERY);
            rows.add(checkpoint(chat, "restart all three at once", from, ""));

            chat.stopSending();
            awaitConfirmed(chat);
            List<String> end = settle(chat, true);
            end.addAll(FaultChecker.epochViolations(leadersByEpoch()));
            end.addAll(metricsMoved(cluster.awaitLeader(nodes, RECOVERY)));
            rows.add(new Row("end: every node, every client", rows.get(0).fromNanos(), System.nanoTime(), end, ""));
            print(chat, rows);
        }
        for (Row r : rows) {
            assertEquals(List.of(), r.violations(), r.fault());
        }
    }

    /**
     * The leader cut off the servers' network for 20 s (its clients still reach it): within the failure timeout it
     * must stop committing, the other two elect a leader and serve, and the minority's clients wait and are told
     * (UNAVAILABLE, the IRC NOTICE); after the heal it follows and catches up, and their lines commit then, once.
     */
    private Row partition(SteadyChat chat, Node leader, long from) throws Exception {
        List<SteadyChat.User> minority = chat.users.stream().filter(u -> nodeOf(u) == leader).toList();
        Map<SteadyChat.User, Integer> reconnects = new LinkedHashMap<>();
        minority.forEach(u -> reconnects.put(u, u.reconnects.get()));
        Map<SteadyChat.User, Integer> toldBefore = new LinkedHashMap<>();
        minority.forEach(u -> toldBefore.put(u, u.told.get()));
        cluster.disconnect(leader);
        long stopped;
        long healed;
        try {
            Duration stepDown = cluster.await("the cut-off leader stops serving", List.of(leader),
                    v -> !v.getBoolean("hasQuorum", true), FAILURE_TIMEOUT.plusSeconds(3));
            stopped = System.nanoTime();
            assertTrue(stepDown.compareTo(FAILURE_TIMEOUT.plusSeconds(1)) <= 0,
                    "the cut-off leader served " + seconds(stepDown) + " after the cut, beyond the failure timeout");
            cluster.awaitLeader(others(leader), RECOVERY);
            Thread.sleep(Math.max(0, FAULT.toMillis() - (System.nanoTime() - from) / 1_000_000));  // the fault's length
        } finally {
            healed = System.nanoTime();
            cluster.connect(leader);
        }
        Row row = checkpoint(chat, "partition leader " + leader + " 20 s", from,
                "minority stopped after " + seconds(Duration.ofNanos(stopped - from)));
        List<String> violations = new ArrayList<>(row.violations());
        for (SteadyChat.User u : minority) {
            if (u.reconnects.get() != reconnects.get(u)) {
                continue;  // it moved: what it sent afterwards went through the majority
            }
            for (SteadyChat.Line line : u.sent()) {
                if (line.sentAt > stopped && line.confirmedAt != 0 && line.confirmedAt < healed) {
                    violations.add("the minority confirmed \"" + line.text + "\" during the partition");
                }
            }
            if (u.told.get() == toldBefore.get(u)) {
                violations.add(u.name + " on the minority side was never told its lines wait");
            }
        }
        return new Row(row.fault(), row.fromNanos(), row.toNanos(), violations, row.note());
    }

    private Node nodeOf(SteadyChat.User u) {
        return cluster.nodes.get(u.node);
    }

    /** After a fault: the cluster whole again and caught up, every line confirmed so far stored on every node. */
    private Row checkpoint(SteadyChat chat, String fault, long from, String note) throws Exception {
        cluster.awaitLeader(cluster.nodes, RECOVERY);
        cluster.awaitCaughtUp(RECOVERY);
        long to = System.nanoTime();  // the recovery belongs to the fault (docker's health may still say healthy)
        Row row = new Row(fault, from, to, settle(chat, false), note);
        System.out.println("after \"" + fault + "\": " + row.violations().size() + " violations " + note);
        row.violations().stream().limit(5).forEach(v -> System.out.println("    " + v));
        return row;
    }

    /** Polls the nodes' stored histories until they hold every confirmed line (or the deadline), then checks. */
    private List<String> settle(SteadyChat chat, boolean complete) throws Exception {
        long confirmedBefore = System.nanoTime();
        long deadline = confirmedBefore + SETTLE.toNanos();
        Map<String, List<FaultChecker.Stored>> stored;
        while (true) {
            stored = new LinkedHashMap<>();
            for (Node n : cluster.nodes) {
                stored.put(n.serverId(), FaultChecker.stored(n.frontIp()));
            }
            List<String> violations = FaultChecker.check(chat.users, stored, complete, confirmedBefore);
            if (violations.isEmpty() || System.nanoTime() > deadline) {
                lastStored = stored.values().iterator().next();
                return violations;
            }
            Thread.sleep(500);  // the history is written in batches: poll it with a deadline
        }
    }

    private static void awaitConfirmed(SteadyChat chat) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        for (SteadyChat.User u : chat.users) {
            while (u instanceof SteadyChat.WsUser ws && ws.unconfirmed() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);  // a browser user's resends are confirmed by the cluster's answers
            }
        }
    }

    /**
     * The nodes' Prometheus endpoints (their management ports) after all this: the leader's cluster meters moved —
     * commits timed, leadership changes counted, a replication lag for each follower, events applied, both doors'
     * connections — and delivery latencies were timed (each node times its own clients' events, so on some node).
     */
    private List<String> metricsMoved(Node leader) throws Exception {
        Map<String, Double> series = scrape(leader);
        List<String> violations = new ArrayList<>();
        for (String meter : List.of("syncnet_cluster_commit_latency_seconds_count", "syncnet_cluster_leader_changes_total",
                "syncnet_chat_events_total")) {
            if (PrometheusText.sum(series, meter + "{", "") <= 0) {
                violations.add(leader + ": " + meter + " did not move");
            }
        }
        for (Node follower : others(leader)) {
            String label = "follower=\"" + follower.serverId();
            if (!PrometheusText.has(series, "syncnet_cluster_replication_lag{", label)
                    || Double.isNaN(PrometheusText.sum(series, "syncnet_cluster_replication_lag{", label))) {
                violations.add(leader + ": no replication lag for " + follower);
            }
        }
        for (String door : List.of("irc", "websocket")) {
            if (!PrometheusText.has(series, "syncnet_chat_connections{", "door=\"" + door)) {
                violations.add(leader + ": no connections gauge for " + door);
            }
        }
        double timed = 0;
        for (Node node : cluster.nodes) {
            timed += PrometheusText.sum(scrape(node), "syncnet_chat_delivery_latency_seconds_count{", "");
        }
        if (timed <= 0) {
            violations.add("no node timed a delivery (syncnet_chat_delivery_latency_seconds_count)");
        }
        return violations;
    }

    private static Map<String, Double> scrape(Node node) throws Exception {
        return PrometheusText.series(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://" + node.frontIp() + ":9990/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body());
    }

    private Map<Long, Set<String>> leadersByEpoch() {
        return FaultChecker.leadersByEpoch(cluster.logs());
    }

    private void print(SteadyChat chat, List<Row> rows) {
        Set<String> stored = new java.util.HashSet<>();
        lastStored.forEach(s -> stored.add(s.text()));
        StringBuilder out = new StringBuilder("\nContainer fault suite (three nodes, " + chat.users.size()
                + " clients, a line every 300 ms each)\n");
        out.append(String.format("%-46s %10s %10s %6s %6s %9s %10s  %s%n", "fault", "max wait", "silence", "sent",
                "acked", "delivered", "violations", "note"));
        for (Row r : rows) {
            long sent = 0;
            long acked = 0;
            long delivered = 0;
            long longest = 0;
            for (SteadyChat.User u : chat.users) {
                for (SteadyChat.Line line : u.sent()) {
                    if (line.sentAt < r.fromNanos() || line.sentAt >= r.toNanos()) {
                        continue;
                    }
                    sent++;
                    if (line.confirmedAt != 0) {
                        acked++;
                        longest = Math.max(longest, line.confirmedAt - line.sentAt);
                    }
                    if (stored.contains(line.text)) {
                        delivered++;
                    }
                }
            }
            out.append(String.format("%-46s %9.2fs %9.2fs %6d %6d %9d %10d  %s%n", r.fault(), longest / 1e9,
                    longestSilence(chat, r) / 1e9, sent, acked, delivered, r.violations().size(), r.note()));
            r.violations().stream().limit(10).forEach(v -> out.append("    ").append(v).append('\n'));
        }
        out.append("leaders by epoch (from the servers' logs): ").append(leadersByEpoch());
        System.out.println(out);
    }

    /**
     * The longest any user went without hearing a line during the row's window (a client that stops sending while
     * it reconnects confirms nothing late, but hears nothing meanwhile either).
     */
    private static long longestSilence(SteadyChat chat, Row r) {
        long longest = 0;
        for (SteadyChat.User u : chat.users) {
            long previous = r.fromNanos();
            for (SteadyChat.Heard h : u.heard()) {
                if (h.atNanos() <= r.fromNanos()) {
                    continue;
                }
                if (h.atNanos() > r.toNanos()) {
                    break;
                }
                longest = Math.max(longest, h.atNanos() - previous);
                previous = h.atNanos();
            }
        }
        return longest;
    }

    private List<Node> others(Node node) {
        return cluster.nodes.stream().filter(n -> n != node).toList();
    }

    private static String seconds(Duration d) {
        return String.format("%.2f s", d.toMillis() / 1000.0);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static boolean engineRuns() throws Exception {
        Process p = new ProcessBuilder("docker", "info").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static boolean imageExists(String image) throws Exception {
        Process p = new ProcessBuilder("docker", "image", "inspect", image).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void script(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).inheritIO().start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " failed");
        }
    }
}
