package org.syncnet.it;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The three-node cluster of {@code docker/compose.yaml}, run by docker-compose under its own project name, and the
 * faults done to it: {@code docker kill}/{@code start}, {@code pause}/{@code unpause}, a disconnect from the servers'
 * network, iptables rules and netem in one container's network namespace. Every node has its own address on the
 * "front" network (where the clients on this host reach it) and on the internal "cluster" network (the servers'
 * own traffic). Everything it starts it removes in {@link #close()}: containers, networks, volumes, the image.
 */
final class ContainerCluster implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ContainerCluster.class.getName());
    static final String PROJECT = "syncnet-faults";
    static final String IMAGE = "syncnet-faults:test";

    /** One node: its number (1..3), server id and addresses as compose.yaml gives them. */
    record Node(int n) {
        String container() {
            return PROJECT + "_node" + n + "_1";
        }

        String serverId() {
            return "server" + n;
        }

        String frontIp() {
            return "172.31.250.1" + n;
        }

        String clusterIp() {
            return "172.31.251.1" + n;
        }

        @Override
        public String toString() {
            return serverId();
        }
    }

    final List<Node> nodes = List.of(new Node(1), new Node(2), new Node(3));
    private final ClusterViews views = new ClusterViews();
    final String secret;
    private final Path root;
    private final Path work;
    private final Map<String, String> env = new HashMap<>();
    private boolean up;

    ContainerCluster(Path root, Path work, String baseImage) throws IOException {
        this.root = root;
        this.work = work;
        Files.createDirectories(work);
        secret = Long.toHexString(new java.security.SecureRandom().nextLong())
                + Long.toHexString(new java.security.SecureRandom().nextLong());
        Path secretFile = work.resolve("cluster.secret");
        Files.writeString(secretFile, secret);
        env.put("SYNCNET_IMAGE", IMAGE);
        env.put("SYNCNET_BASE_IMAGE", baseImage);
        env.put("SYNCNET_SECRET_FILE", secretFile.toAbsolutePath().toString());
        // Published on other ports than a cluster started by hand here (28080, 28000, ...); the test itself talks
        // to the nodes' own addresses.
        env.put("SYNCNET_PORT_PREFIX", "2");
        // IRC clients that reconnect would otherwise get the room's last lines again, which the checker would
        // count as deliveries.
        env.put("SYNCNET_IRC_JOIN_HISTORY_LINES", "0");
    }

    /** Builds the image from the Maven build's output (docker build, as docker/Dockerfile says). */
    void build() {
        run(Duration.ofMinutes(10), List.of("docker", "build", "-q", "-f", "docker/Dockerfile",
                "--build-arg", "BASE_IMAGE=" + env.get("SYNCNET_BASE_IMAGE"), "-t", IMAGE, "."));
    }

    /** {@code docker-compose up -d} and waits until every node is healthy (its HEALTHCHECK: readiness). */
    void up(Duration wait) throws InterruptedException {
        up = true;
        down();  // what an aborted earlier run may have left
        compose(Duration.ofMinutes(2), "up", "-d", "--no-build");
        awaitHealthy(nodes, wait);
    }

    void awaitHealthy(List<Node> which, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (Node node : which) {
            while (!"healthy".equals(inspect(node, "{{.State.Health.Status}}"))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(node + " not healthy within " + wait + "; its log ends:\n" + tail(node));
                }
                Thread.sleep(250);  // polls docker's health status with a deadline
            }
        }
    }

    String inspect(Node node, String format) {
        return run(Duration.ofSeconds(20), List.of("docker", "inspect", "-f", format, node.container())).trim();
    }

    /** The node's cluster view ({@code /syncnet/api/cluster}), or empty while it does not answer. */
    Optional<JsonObject> view(Node node) {
        return views.get("http://" + node.frontIp() + ":8080/syncnet/api/cluster")
                .filter(a -> a.status() == 200 && a.json() != null).map(ClusterViews.Answer::json);
    }

    /** Polls until every node of {@code which} answers a view that {@code holds}; returns how long it took. */
    Duration await(String what, List<Node> which, Predicate<JsonObject> holds, Duration wait)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + wait.toNanos();
        while (true) {
            List<String> seen = new ArrayList<>();
            boolean all = true;
            for (Node node : which) {
                Optional<JsonObject> v = view(node);
                all &= v.isPresent() && holds.test(v.get());
                seen.add(node + ": " + v.map(j -> j.get("leader") + "/" + j.get("epoch") + "/" + j.get("role"))
                        .orElse("no answer"));
            }
            if (all) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not within " + wait + ": " + seen);
            }
            Thread.sleep(50);  // polls the REST views with a deadline
        }
    }

    /** The node every node of {@code which} names as leader, with a quorum, once they agree. */
    Node awaitLeader(List<Node> which, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            java.util.Set<String> leaders = new java.util.HashSet<>();
            for (Node node : which) {
                leaders.add(view(node).filter(v -> v.getBoolean("hasQuorum", false) && !v.isNull("leader"))
                        .map(v -> v.getString("leader")).orElse("none"));
            }
            if (leaders.size() == 1 && !leaders.contains("none")) {
                String id = leaders.iterator().next();
                return nodes.stream().filter(n -> n.serverId().equals(id)).findFirst().orElseThrow();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no one leader with a quorum on " + which + " within " + wait + ": " + leaders);
            }
            Thread.sleep(50);  // polls the REST views with a deadline
        }
    }

    /** Polls until every node has committed what the first one had committed when asked (the followers caught up). */
    void awaitCaughtUp(Duration wait) throws InterruptedException {
        long commit = view(nodes.get(0)).map(ContainerCluster::commitSeq).orElse(0L);
        await("every node at commit " + commit, nodes, v -> commitSeq(v) >= commit, wait);
    }

    private static long commitSeq(JsonObject view) {
        return view.getJsonObject("log").getJsonNumber("commitSeq").longValue();
    }

    void kill(Node node) {
        docker("kill", node.container());
    }

    void start(Node node) {
        docker("start", node.container());
    }

    void pause(Node node) {
        docker("pause", node.container());
    }

    void unpause(Node node) {
        docker("unpause", node.container());
    }

    /** Cuts the node off the servers' network (its clients on the front network still reach it). */
    void disconnect(Node node) {
        docker("network", "disconnect", PROJECT + "_cluster", node.container());
    }

    /** Connects it again, with its own address. */
    void connect(Node node) {
        docker("network", "connect", "--ip", node.clusterIp(), PROJECT + "_cluster", node.container());
    }

    /** In {@code to}'s network namespace: drops everything arriving from {@code from} on the servers' network. */
    void dropFrom(Node from, Node to) {
        inNamespace(to, "iptables", "-I", "INPUT", "-s", from.clusterIp(), "-j", "DROP");
    }

    void undoDropFrom(Node from, Node to) {
        inNamespace(to, "iptables", "-D", "INPUT", "-s", from.clusterIp(), "-j", "DROP");
    }

    /** Adds netem delay and loss on the node's cluster interface; false (and nothing changed) if the kernel lacks it. */
    boolean netem(Node node, String... spec) {
        List<String> cmd = new ArrayList<>(List.of("tc", "qdisc", "add", "dev", clusterInterface(node), "root",
                "netem"));
        cmd.addAll(List.of(spec));
        Result r = tryRun(Duration.ofSeconds(20), nsenter(node, cmd));
        if (r.code != 0) {
            LOG.info("netem is not available here: " + r.output.trim());
        }
        return r.code == 0;
    }

    void undoNetem(Node node) {
        inNamespace(node, "tc", "qdisc", "del", "dev", clusterInterface(node), "root");
    }

    private String clusterInterface(Node node) {
        String addresses = run(Duration.ofSeconds(20), nsenter(node, List.of("ip", "-o", "-4", "addr", "show")));
        for (String line : addresses.split("\n")) {
            if (line.contains(" " + node.clusterIp() + "/")) {
                return line.trim().split("\\s+")[1];
            }
        }
        throw new AssertionError(node + " has no interface with " + node.clusterIp() + ":\n" + addresses);
    }

    private void inNamespace(Node node, String... cmd) {
        run(Duration.ofSeconds(20), nsenter(node, List.of(cmd)));
    }

    private List<String> nsenter(Node node, List<String> cmd) {
        List<String> all = new ArrayList<>(List.of("nsenter", "-t", inspect(node, "{{.State.Pid}}"), "-n"));
        all.addAll(cmd);
        return all;
    }

    /** Restarts every node at once (each {@code docker restart}: SIGTERM, then start) and waits for them. */
    void restartAll(Duration wait) throws InterruptedException {
        List<Process> restarts = new ArrayList<>();
        for (Node node : nodes) {
            restarts.add(start(List.of("docker", "restart", "-t", "30", node.container())));
        }
        for (Process p : restarts) {
            if (!p.waitFor(wait.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("docker restart failed: " + output(p));
            }
        }
    }

    /** Every line each node logged (docker logs: all its runs), by node. */
    Map<Node, List<String>> logs() {
        Map<Node, List<String>> logs = new HashMap<>();
        for (Node node : nodes) {
            logs.put(node, List.of(run(Duration.ofSeconds(60), List.of("docker", "logs", node.container()))
                    .split("\n")));
        }
        return logs;
    }

    private String tail(Node node) {
        return tryRun(Duration.ofSeconds(20), List.of("docker", "logs", "--tail", "40", node.container())).output;
    }

    private void docker(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        run(Duration.ofSeconds(60), cmd);
    }

    private void compose(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker-compose", "-p", PROJECT, "-f", "docker/compose.yaml"));
        cmd.addAll(List.of(args));
        run(timeout, cmd);
    }

    private void down() {
        tryRun(Duration.ofMinutes(2), List.of("docker-compose", "-p", PROJECT, "-f", "docker/compose.yaml", "down",
                "-v", "-t", "5"));
    }

    @Override
    public void close() {
        if (up) {
            down();
        }
        tryRun(Duration.ofMinutes(1), List.of("docker", "rmi", "-f", IMAGE));
    }

    record Result(int code, String output) {
    }

    private String run(Duration timeout, List<String> cmd) {
        Result r = tryRun(timeout, cmd);
        if (r.code != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed (" + r.code + "): " + r.output);
        }
        return r.output;
    }

    Result tryRun(Duration timeout, List<String> cmd) {
        try {
            Process p = start(cmd);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeout + ": " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), output(p));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private Process start(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            // each command's output to its own file, read when it ends (no pipe to fill)
            Path out = Files.createTempFile(work, "cmd", ".out");
            pb.redirectOutput(out.toFile());
            Process p = pb.start();
            outputs.put(p, out);
            return p;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        }
    }

    private final Map<Process, Path> outputs = new java.util.concurrent.ConcurrentHashMap<>();

    private String output(Process p) {
        Path out = outputs.remove(p);
        try {
            String s = out == null ? "" : Files.readString(out, StandardCharsets.UTF_8);
            if (out != null) {
                Files.deleteIfExists(out);
            }
            return s;
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}
