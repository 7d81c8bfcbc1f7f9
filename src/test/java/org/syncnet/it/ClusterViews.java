package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the servers' cluster views ({@code GET /syncnet/api/cluster}) and health endpoints, and polls them with a
 * deadline until a condition holds on every server asked. Never sleeps a fixed time to "let things settle".
 */
final class ClusterViews {
    /** Poll fast enough that a measured failover time is accurate to a few tens of milliseconds. */
    private static final Duration POLL = Duration.ofMillis(25);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT)
            .build();

    /** An HTTP answer: status and body parsed as JSON (null when the body is not a JSON object). */
    record Answer(int status, JsonObject json, String body) {
    }

    /** This server's view, or empty while it does not answer with one (down, starting, not deployed). */
    Optional<JsonObject> view(int httpPort) {
        return get("http://127.0.0.1:" + httpPort + "/syncnet/api/cluster")
                .filter(a -> a.status() == 200 && a.json() != null)
                .map(Answer::json);
    }

    /** {@code GET http://127.0.0.1:<managementPort>/health/<kind>}, kind being "live" or "ready". */
    Answer health(int managementPort, String kind) {
        return get("http://127.0.0.1:" + managementPort + "/health/" + kind)
                .orElseThrow(() -> new AssertionError("no answer from /health/" + kind + " on " + managementPort));
    }

    Optional<Answer> get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return Optional.of(new Answer(response.statusCode(), parse(response.body()), response.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + url, e);
        }
    }

    private static JsonObject parse(String body) {
        if (body == null || !body.trim().startsWith("{")) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The views of several servers at one moment: the first moment a polled condition held on all of them. */
    record Agreement(long atNanos, Map<Integer, JsonObject> views) {
        JsonObject of(int httpPort) {
            return views.get(httpPort);
        }

        long millisSince(long startNanos) {
            return (atNanos - startNanos) / 1_000_000;
        }
    }

    /**
     * Polls the views of {@code httpPorts} until {@code condition} holds for all of them in one round, and returns
     * that round. Fails after {@code timeout} with every server's last view.
     */
    Agreement await(String what, Duration timeout, Predicate<JsonObject> condition, int... httpPorts) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Integer, String> last = new LinkedHashMap<>();
        while (true) {
            Map<Integer, JsonObject> round = new LinkedHashMap<>();
            boolean all = true;
            for (int port : httpPorts) {
                Optional<JsonObject> view = view(port);
                last.put(port, view.map(JsonObject::toString).orElse("(no view)"));
                if (view.isPresent() && condition.test(view.get())) {
                    round.put(port, view.get());
                } else {
                    all = false;
                }
            }
            long now = System.nanoTime();
            if (all) {
                return new Agreement(now, round);
            }
            if (now - deadline > 0) {
                StringBuilder message = new StringBuilder("Timed out after " + timeout.toMillis() + " ms waiting for: "
                        + what + "\nLast views:");
                last.forEach((port, view) -> message.append("\n  :").append(port).append(' ').append(view));
                fail(message.toString());
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling the cluster views", e);
        }
    }

    // ---- conditions on one view --------------------------------------------------------------------------

    /** The view names {@code id} as leader and says the leader holds a quorum. */
    static Predicate<JsonObject> leaderWithQuorum(String id) {
        return v -> id.equals(leader(v)) && v.getBoolean("hasQuorum", false);
    }

    static String leader(JsonObject view) {
        JsonValue leader = view.get("leader");
        return leader instanceof jakarta.json.JsonString s ? s.getString() : null;
    }

    static long epoch(JsonObject view) {
        return view.getJsonNumber("epoch").longValueExact();
    }

    /** The state ("ALIVE", "SUSPECT", "FAILED", "LEFT", ...) this view gives to member {@code id}. */
    static String memberState(JsonObject view, String id) {
        return view.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                .filter(m -> id.equals(m.getString("id")))
                .map(m -> m.getString("state"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no member " + id + " in view " + view));
    }
}
