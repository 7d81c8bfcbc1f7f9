package org.syncnet.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Three servers run by the repository's own scripts ({@code scripts/start_all_servers.sh}, {@code kill_server.sh},
 * ...), as a user runs them, in a runtime folder of their own under {@code target/} and on their own ports (offset
 * {@value #OFFSET_BASE}: HTTP 8220-8222, IRC 8140-8142, cluster UDP 8160-8162, management 10130-10132), so they keep
 * their data across restarts (the Arquillian containers start from a clean base directory every time). Every
 * script's output goes to {@code scripts.log} there.
 * <p>
 * A JUnit extension for the scenario classes that run on these servers: registered in a static field
 * ({@code @RegisterExtension static final ScriptCluster cluster = new ScriptCluster("name")}), it starts all three
 * before the class's {@code @BeforeAll} methods and stops them after its {@code @AfterAll} methods, also when a step
 * failed.
 */
final class ScriptCluster implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    static final int OFFSET_BASE = 140;

    /** What a scenario leaves behind besides the servers, removed. */
    interface CleanUp {
        void run() throws IOException;
    }

    private static final long SCRIPT_TIMEOUT_SECONDS = 240;
    private static final long START_LEADER_SECONDS = 90;

    private final Path root = Path.of("").toAbsolutePath();
    private final Path runtime;
    private final Path log;
    private final Map<String, String> settings;
    private final CleanUp cleanUp;
    /** The server that must lead once all three are started, or null to wait for nothing more than the scripts do. */
    private String leaderAtStart;

    ScriptCluster(String name) {
        this(name, Map.of());
    }

    /** @param settings environment variables for the scripts and so for the servers (e.g. SYNCNET_CHAT_RATE_BURST) */
    ScriptCluster(String name, Map<String, String> settings) {
        this(name, settings, () -> { });
    }

    /**
     * @param cleanUp removes what a scenario may leave behind besides the servers (e.g. firewall rules); run before
     *                the servers start and again before they stop
     */
    ScriptCluster(String name, Map<String, String> settings, CleanUp cleanUp) {
        this.settings = Map.copyOf(settings);
        this.cleanUp = cleanUp;
        this.runtime = root.resolve("target").resolve(name);
        this.log = runtime.resolve("scripts.log");
    }

    /**
     * Once all three are started, waits (up to {@value #START_LEADER_SECONDS} s) until {@code leader} leads with a
     * quorum on all three, each of them caught up.
     */
    ScriptCluster startedWithLeader(String leader) {
        this.leaderAtStart = leader;
        return this;
    }

    /**
     * A fresh runtime folder (stopping the servers of a run that died before it cleaned up), then all three started
     * (and, if asked, led by the server named in {@link #startedWithLeader}).
     */
    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        cleanUp.run();
        if (Files.exists(runtime.resolve("server1"))) {
            run("stop_all_servers.sh");
        }
        deleteRecursively(runtime);
        Files.createDirectories(runtime);
        must("start_all_servers.sh");
        if (leaderAtStart != null) {
            awaitLeader(leaderAtStart, java.time.Duration.ofSeconds(START_LEADER_SECONDS), 1, 2, 3);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            cleanUp.run();
        } finally {
            close();
        }
    }

    static int httpPort(int n) {
        return 8080 + OFFSET_BASE + n - 1;
    }

    static int ircPort(int n) {
        return 8000 + OFFSET_BASE + n - 1;
    }

    /** Server N's own data folder, which the scripts keep across restarts. */
    Path dataFolder(int n) {
        return runtime.resolve("server" + n).resolve("data").resolve("syncnet");
    }

    static int udpPort(int n) {
        return 8020 + OFFSET_BASE + n - 1;
    }

    /** Waits until {@code leader} leads with a quorum on {@code servers} (numbers), each of them caught up. */
    static void awaitLeader(String leader, java.time.Duration timeout, int... servers) {
        int[] ports = new int[servers.length];
        for (int i = 0; i < servers.length; i++) {
            ports[i] = httpPort(servers[i]);
        }
        new ClusterViews().await(leader + " leads with a quorum and every server is caught up", timeout,
                ClusterViews.leaderWithQuorum(leader).and(v -> v.getBoolean("caughtUp")), ports);
    }

    /** Server N's JVM, as its pid file names it. */
    ProcessHandle jvm(int n) throws IOException {
        long pid = Long.parseLong(Files.readString(runtime.resolve("server" + n).resolve("server.pid")).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("server" + n + " (pid " + pid
                + ") is not running"));
    }

    Path serverLog(int n) {
        return runtime.resolve("server" + n).resolve("log").resolve("server.log");
    }

    /** Runs {@code scripts/<script> args}; its exit code (output in scripts.log). */
    int run(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("scripts").resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("SKIP_BUILD", "1");
        env.put("SYNCNET_RUNTIME_DIR", runtime.toString());
        env.put("SYNCNET_PORT_OFFSET_BASE", Integer.toString(OFFSET_BASE));
        env.put("SYNCNET_CLUSTER_SECRET", "script-cluster-it-secret-not-for-production");
        env.put("SYNCNET_START_TIMEOUT", "150");
        env.putAll(settings);
        try {
            if (Files.isDirectory(runtime)) {
                Files.writeString(log, "\n$ " + String.join(" ", command) + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            } else {
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            }
            Process p = pb.start();
            if (!p.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(script + " did not end within " + SCRIPT_TIMEOUT_SECONDS + " s; see " + log);
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + script, e);
        }
    }

    /** Runs a script that must succeed. */
    void must(String script, String... args) {
        int code = run(script, args);
        if (code != 0) {
            throw new AssertionError(script + " " + String.join(" ", args) + " failed (exit " + code + "); see "
                    + log);
        }
    }

    /** Stops every server the scripts started (gracefully, or killed after the scripts' timeout). */
    @Override
    public void close() {
        run("stop_all_servers.sh");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
