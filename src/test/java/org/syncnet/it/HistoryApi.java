package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One server's history REST API as the tests use it: the writer's status ({@code /api/history}), a room's pages
 * ({@code /api/rooms/{room}/messages}) and a wait until a seq is persisted.
 */
final class HistoryApi {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Far above any answer's time: only a server that hangs (frozen, cut off) reaches it. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** {@code http://host:port/syncnet/api} */
    private final String api;

    HistoryApi(int httpPort) {
        this("127.0.0.1", httpPort);
    }

    HistoryApi(String host, int httpPort) {
        this.api = "http://" + host + ":" + httpPort + "/syncnet/api";
    }

    /** {@code GET /api/history}. */
    JsonObject status() throws Exception {
        return get("/history");
    }

    /** Waits until the server's history holds everything up to {@code seq}. */
    void awaitPersisted(long seq, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        JsonObject status = status();
        while (status.getJsonNumber("highestSeq").longValue() < seq) {
            assertTrue(System.nanoTime() < deadline, "seq " + seq + " not persisted within " + wait + ": " + status);
            Thread.sleep(20);  // polling the status: the history has no push to wait on
            status = status();
        }
        assertTrue(status.getBoolean("enabled"), status.toString());
    }

    /** The messages of one page of {@code room} (URL-encoded, e.g. {@code %23lobby}); {@code query}: its parameters. */
    List<JsonObject> page(String room, String query) throws Exception {
        return get("/rooms/" + room + "/messages?" + query).getJsonArray("messages").getValuesAs(JsonObject.class);
    }

    /**
     * The room's whole history, followed back from the newest page through each page's {@code before} cursor in
     * pages of {@code limit}: each page ascending, full but for the last; there must be {@code pages} of them.
     */
    List<JsonObject> pageBack(String room, int limit, int pages) throws Exception {
        List<JsonObject> all = new ArrayList<>();
        String before = null;
        for (int p = 1; p <= pages; p++) {
            JsonObject page = get("/rooms/" + room + "/messages?limit=" + limit
                    + (before == null ? "" : "&before=" + before));
            List<JsonObject> messages = page.getJsonArray("messages").getValuesAs(JsonObject.class);
            for (int i = 1; i < messages.size(); i++) {
                assertTrue(messages.get(i - 1).getJsonNumber("seq").longValue()
                        < messages.get(i).getJsonNumber("seq").longValue(), "ascending: " + page);
            }
            all.addAll(0, messages);
            boolean last = p == pages;
            assertEquals(last, page.isNull("before"), "page " + p + " of " + pages + ": " + page);
            assertTrue(last || messages.size() == limit, "only the last page is short: " + page);
            before = last ? null : "" + page.getJsonNumber("before").longValue();
        }
        return all;
    }

    /**
     * Every message the server stores for {@code room} (not encoded, e.g. {@code #lobby}), oldest first, paged back
     * through the API.
     */
    List<JsonObject> roomMessages(String room) throws Exception {
        List<JsonObject> messages = new ArrayList<>();
        String encoded = java.net.URLEncoder.encode(room, java.nio.charset.StandardCharsets.UTF_8);
        String before = "";
        while (true) {
            JsonObject page = get("/rooms/" + encoded + "/messages?limit=200" + before);
            messages.addAll(0, page.getJsonArray("messages").getValuesAs(JsonObject.class));
            if (page.isNull("before")) {
                return messages;
            }
            before = "&before=" + page.getJsonNumber("before").longValue();
        }
    }

    /** The texts of {@link #roomMessages}; null when the server does not answer. */
    List<String> roomTexts(String room) {
        try {
            return roomMessages(room).stream().map(m -> m.getString("text")).toList();
        } catch (Exception | AssertionError e) {
            return null;
        }
    }

    /**
     * Every event the server stores up to {@code upTo}, as the peers' transfer reads them
     * ({@code /api/history/events}, signed with the cluster secret), oldest first.
     */
    List<JsonObject> storedEvents(String secret, long upTo) throws Exception {
        org.syncnet.history.TransferAuth auth = new org.syncnet.history.TransferAuth(
                secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<JsonObject> events = new ArrayList<>();
        long after = 0;
        while (after < upTo) {
            int limit = 5000;
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(
                    URI.create(api + "/history/events?after=" + after + "&limit=" + limit))
                    .header(org.syncnet.history.TransferAuth.HEADER,
                            auth.sign("test", System.currentTimeMillis(), after, limit)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), "stored events after " + after + ": " + r.body());
            List<JsonObject> page = Json.createReader(new StringReader(r.body())).readObject().getJsonArray("events")
                    .getValuesAs(JsonObject.class);
            for (JsonObject e : page) {
                if (e.getJsonNumber("seq").longValue() > upTo) {
                    return events;
                }
                events.add(e);
            }
            if (page.size() < limit) {
                return events;
            }
            after = page.get(page.size() - 1).getJsonNumber("seq").longValue();
        }
        return events;
    }

    /** WebSocket events as the history API gives them back: without their event ids, notice false if absent. */
    static List<JsonObject> withoutIds(List<JsonObject> events) {
        return events.stream().map(m -> Json.createObjectBuilder()
                .add("seq", m.getJsonNumber("seq").longValue())
                .add("room", m.getString("room"))
                .add("nick", m.getString("nick"))
                .add("text", m.getString("text"))
                .add("time", m.getJsonNumber("time").longValue())
                .add("notice", m.getBoolean("notice", false))
                .build()).toList();
    }

    private JsonObject get(String path) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(
                URI.create(api + path)).timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return Json.createReader(new StringReader(r.body())).readObject();
    }
}
