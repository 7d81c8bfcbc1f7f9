package org.syncnet.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the current leader through {@code GET <server>/api/cluster} and kills its JVM with SIGKILL, by the PID in
 * {@code <runtimeDir>/<id>/server.pid}, after checking that the process really is that server (its command line
 * names that base dir), so a stale PID file never kills anything else.
 */
final class LeaderKiller {
    record Killed(String id, long pid, long atNanos) {
    }

    private final HttpClient http;
    private final List<BenchOptions.Server> servers;
    private final Path runtimeDir;

    LeaderKiller(HttpClient http, List<BenchOptions.Server> servers, Path runtimeDir) {
        this.http = http;
        this.servers = servers;
        this.runtimeDir = runtimeDir;
    }

    /** The leader named by the first server that names one. */
    Optional<String> leader() {
        for (BenchOptions.Server s : servers) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(s.http() + "/api/cluster"))
                        .timeout(Duration.ofSeconds(2)).GET().build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    continue;
                }
                try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                    JsonObject view = reader.readObject();
                    if (view.containsKey("leader") && !view.isNull("leader")) {
                        return Optional.of(view.getString("leader"));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // this server does not answer (or not with a view): ask the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    Killed killLeader() {
        String id = leader().orElseThrow(() -> new IllegalStateException("no server names a leader"));
        Path base = runtimeDir.resolve(id);
        long pid;
        try {
            pid = Long.parseLong(Files.readString(base.resolve("server.pid")).trim());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("no PID of " + id + " in " + base.resolve("server.pid") + ": " + e, e);
        }
        String cmdline;
        try {
            cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            throw new IllegalStateException(id + " (pid " + pid + ") is not running", e);
        }
        if (!cmdline.contains("-Djboss.server.base.dir=" + base + " ")) {
            throw new IllegalStateException("pid " + pid + " is not " + id + " of " + runtimeDir);
        }
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(id + " (pid " + pid + ") is gone"));
        long at = System.nanoTime();
        process.destroyForcibly();  // SIGKILL on Linux: no graceful leave, the others must detect the failure
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(id + " (pid " + pid + ") survived SIGKILL for 10 s", e);
        }
        return new Killed(id, pid, at);
    }
}
