package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncnet.it.PrometheusText.sum;
import static org.syncnet.it.ChatClient.type;
import static org.syncnet.it.IrcClient.command;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metrics an operator scrapes (docs/metrics.md), on one server: the Prometheus text at {@code /metrics} on the
 * management port answers without authentication and has the JVM's meters and SyncNet's; chat traffic through both
 * doors moves the connections per door, the events, the deliveries, the delivery latency histogram, the commit
 * latency and the history's writes; the status page's JSON view has the same meters.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SingleServerMetricsIT {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String SCRAPE = "http://127.0.0.1:" + SingleServerIT.MANAGEMENT + "/metrics";
    static final int MESSAGES = 40;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The browser's rate limit lets the test's burst through (the IRC door holds its lines back and goes on). */
    @Deployment(testable = false)
    static WebArchive syncnet() {
        Map<String, String> settings = TestWars.with(SingleServerIT.GOOD, "syncnet.chat.rate.burst", "" + 4 * MESSAGES);
        return TestWars.withSettings("syncnet.war", settings, null);
    }

    @Test
    void thePrometheusEndpointHasTheJvmsMetersAndTheClustersWithoutAuthentication() throws Exception {
        Map<String, Double> m = awaitScrape("this server leading",
                s -> sum(s, "syncnet_cluster_role{", "role=\"leader\"") == 1);
        for (String jvm : new String[] {"jvm_memory_used_bytes{", "jvm_threads_live_threads", "jvm_gc_",
                "jvm_classes_loaded_classes", "cpu_process_cpu_time_seconds"}) {
            assertTrue(m.keySet().stream().anyMatch(k -> k.startsWith(jvm)), "JVM meter " + jvm);
        }
        assertTrue(sum(m, "syncnet_cluster_epoch{", "server=\"solo\"") >= 1, "epoch");
        assertEquals(1, sum(m, "syncnet_cluster_quorum{", ""), "quorum");
        assertTrue(sum(m, "syncnet_cluster_leader_changes_total{", "") >= 1, "leader changes");
        assertTrue(m.keySet().stream().anyMatch(k -> k.startsWith("syncnet_cluster_datagrams_dropped_total{")
                && k.contains("reason=\"bad_mac\"")), "dropped datagrams by reason: " + syncnetOnly(m));
    }

    @Test
    void chatTrafficThroughBothDoorsMovesTheMeters() throws Exception {
        Map<String, Double> before = scrape();
        try (IrcClient irc = IrcClient.register("gauge", SingleServerIrcIT.IRC, WAIT);
             ChatClient ws = ChatClient.connect("meter", SingleServerIT.HTTP)) {
            ws.hello("meter", "meter-session", 0);
            ws.await("welcome", type("welcome", "nick", "meter"), WAIT);
            ws.join("#metrics", 0);
            ws.await("members", type("members", "room", "#metrics"), WAIT);
            irc.send("JOIN #metrics");
            irc.await("own join", command("JOIN", "gauge"), WAIT);
            Map<String, Double> open = awaitScrape("a connection through each door", s ->
                    connections(s, "irc") >= connections(before, "irc") + 1
                    && connections(s, "websocket") >= connections(before, "websocket") + 1);
            assertTrue(connections(open, "irc") >= 1 && connections(open, "websocket") >= 1);

            for (int i = 1; i <= MESSAGES; i++) {
                irc.send("PRIVMSG #metrics :from irc " + i);
                ws.say("#metrics", "m-" + i, "from the browser " + i);
            }
            ws.awaitMessages("every message", msgs -> msgs.size() >= 2 * MESSAGES && ws.unconfirmed().isEmpty(),
                    WAIT);

            Map<String, Double> after = awaitScrape("the chat's meters moved", s ->
                    grew(before, s, "syncnet_chat_events_total{", 2 * MESSAGES)
                    && grew(before, s, "syncnet_chat_deliveries_total{", 2 * MESSAGES)
                    && grew(before, s, "syncnet_chat_delivery_latency_seconds_count{", 1)
                    && grew(before, s, "syncnet_cluster_commit_latency_seconds_count{", 2 * MESSAGES)
                    && grew(before, s, "syncnet_history_persisted_total{", 2 * MESSAGES));
            double sampled = sum(after, "syncnet_chat_delivery_latency_seconds_count{", "")
                    - sum(before, "syncnet_chat_delivery_latency_seconds_count{", "");
            double inBuckets = sum(after, "syncnet_chat_delivery_latency_buckets_total{", "le=\"+Inf\"")
                    - sum(before, "syncnet_chat_delivery_latency_buckets_total{", "le=\"+Inf\"");
            assertEquals(sampled, inBuckets, "every sampled delivery is in the histogram's +Inf bucket");
            assertTrue(sum(after, "syncnet_chat_delivery_latency_seconds_sum{", "")
                    > sum(before, "syncnet_chat_delivery_latency_seconds_sum{", ""), "delivery latency sum");
            assertTrue(sum(after, "syncnet_chat_delivery_latency_buckets_total{", "le=\"10\"")
                    <= sum(after, "syncnet_chat_delivery_latency_buckets_total{", "le=\"+Inf\""), "cumulative");
            assertTrue(sum(after, "syncnet_history_write_seconds_count{", "") >= 1, "history batches written");

            JsonObject view = statusView();
            assertTrue(meter(view, "syncnet.chat.events", "count") >= 2 * MESSAGES, "the page's view: " + view);
            assertTrue(meter(view, "syncnet.chat.connections", "value") >= 1, "the page's view has connections");
        }
        awaitScrape("the connections closed", s -> connections(s, "irc") == connections(before, "irc")
                && connections(s, "websocket") == connections(before, "websocket"));
    }

    private Map<String, Double> awaitScrape(String what, Predicate<Map<String, Double>> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, Double> last = scrape();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT.toMillis() + " ms: " + what + "; syncnet meters: "
                        + syncnetOnly(last));
            }
            Thread.sleep(100);
            last = scrape();
        }
        return last;
    }

    /** The Prometheus text as series (name and labels, as printed) to value. */
    private Map<String, Double> scrape() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(SCRAPE)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "GET " + SCRAPE + " without credentials");
        return PrometheusText.series(r.body());
    }

    private JsonObject statusView() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + SingleServerIT.HTTP + "/syncnet/api/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    /** The sum of {@code statistic} over the view's meters named {@code name}. */
    private static double meter(JsonObject view, String name, String statistic) {
        double sum = 0;
        for (JsonValue v : view.getJsonArray("meters")) {
            JsonObject m = v.asJsonObject();
            if (m.getString("name").equals(name) && m.getJsonObject("values").containsKey(statistic)) {
                sum += m.getJsonObject("values").getJsonNumber(statistic).doubleValue();
            }
        }
        return sum;
    }

    private static boolean grew(Map<String, Double> before, Map<String, Double> now, String prefix, double by) {
        return sum(now, prefix, "") >= sum(before, prefix, "") + by;
    }

    private static double connections(Map<String, Double> series, String door) {
        return sum(series, "syncnet_chat_connections{", "door=\"" + door + "\"");
    }

    private static Map<String, Double> syncnetOnly(Map<String, Double> series) {
        Map<String, Double> s = new LinkedHashMap<>();
        series.forEach((k, v) -> {
            if (k.startsWith("syncnet_") && !k.contains("refusals") && !k.contains("buckets")) {
                s.put(k, v);
            }
        });
        return s;
    }
}
