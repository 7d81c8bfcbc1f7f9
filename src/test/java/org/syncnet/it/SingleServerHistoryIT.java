package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncnet.it.ChatClient.type;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The durable history on one server (container "single"): what is said over WebSocket and IRC is persisted, and the
 * REST API ({@code /api/rooms/{room}/messages}) pages back through a room — every message once, in order, with the
 * fields the WebSocket delivered — with its cursor and limits, and answers bad parameters with 400 naming them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SingleServerHistoryIT {
    static final int HTTP = SingleServerIT.HTTP;
    static final int IRC = SingleServerIrcIT.IRC;
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static WebArchive syncnet() {
        // the load test sends thousands of messages a second from a few connections
        Map<String, String> settings = TestWars.with(SingleServerIT.GOOD, "syncnet.chat.rate.burst", "100000");
        settings = TestWars.with(settings, "syncnet.chat.rate.per-second", "100000");
        settings = TestWars.with(settings, "syncnet.history.batch-size", "200");
        return TestWars.withSettings("syncnet.war", settings, null);
    }

    @Test
    void aRoomsHistoryIsPagedBackEveryMessageOnceInOrder() throws Exception {
        try (ChatClient alice = ChatClient.connect("alice", HTTP); ChatClient bob = ChatClient.connect("bob", HTTP);
             IrcClient carol = IrcClient.register("carol", IRC, WAIT)) {
            register(alice, "alice", "#History");
            register(bob, "bob", "#history");
            bob.join("#elsewhere", 0);
            bob.await("members of #elsewhere", type("members", "room", "#elsewhere"), WAIT);
            carol.send("JOIN #HISTORY");
            carol.await("the own join", IrcClient.command("JOIN", "carol"), WAIT);

            for (int i = 1; i <= 120; i++) {
                alice.say("#History", "a-" + i, "alice says " + i + " ü😀");
                if (i % 3 == 0) {
                    bob.say("#elsewhere", "e-" + i, "not in #history " + i);
                }
                if (i % 5 == 0) {
                    bob.say("#history", "b-" + i, "bob says " + i);
                }
                if (i == 60) {
                    carol.send("NOTICE #history :a notice from IRC");
                }
            }
            alice.awaitMessages("every send confirmed", m -> alice.unconfirmed().isEmpty()
                    && m.stream().anyMatch(e -> e.getString("text").equals("bob says 120")), WAIT);
            alice.awaitMessages("carol's notice", m -> m.stream().anyMatch(e -> e.getBoolean("notice", false)), WAIT);
            bob.awaitMessages("bob's sends confirmed", m -> bob.unconfirmed().isEmpty(), WAIT);

            // what alice saw of the room, in delivery order: the room's history as it must come back
            List<JsonObject> said = alice.messages().stream().filter(m -> m.getString("room").equals("#History"))
                    .toList();
            assertEquals(120 + 24 + 1, said.size(), "alice's, bob's and carol's messages in #History");
            long lastSeq = said.get(said.size() - 1).getJsonNumber("seq").longValue();
            awaitPersisted(lastSeq);

            // newest first, pages of 50, each ascending; the cursor leads back to the first message
            List<JsonObject> paged = new ArrayList<>();
            String before = null;
            int pages = 0;
            do {
                JsonObject page = get("/rooms/%23history/messages?limit=50" + (before == null ? "" : "&before=" + before));
                List<JsonObject> messages = page.getJsonArray("messages").getValuesAs(JsonObject.class);
                assertEquals("#history", page.getString("room"), "the room as asked for");
                assertTrue(messages.size() == 50 || page.isNull("before"), "a short page is the last: " + page);
                assertAscending(messages);
                paged.addAll(0, messages);
                before = page.isNull("before") ? null : "" + page.getJsonNumber("before").longValue();
                if (before != null) {
                    assertEquals(messages.get(0).getJsonNumber("seq").longValue(), Long.parseLong(before),
                            "the cursor is the oldest seq of the page");
                }
                pages++;
            } while (before != null && pages < 10);
            assertEquals(3, pages, "145 messages: 50, 50, 45");
            assertSameMessages(said, paged);

            // one page of all, in any spelling of the room
            JsonObject all = get("/rooms/%23HISTORY/messages?limit=200");
            assertSameMessages(said, all.getJsonArray("messages").getValuesAs(JsonObject.class));
            assertTrue(all.isNull("before"), "nothing before the first message");
            JsonObject notice = all.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                    .filter(m -> m.getString("nick").equals("carol")).findFirst().orElseThrow();
            assertEquals(JsonValue.TRUE, notice.get("notice"));
            assertEquals("a notice from IRC", notice.getString("text"));

            // the default limit is 50; a page below a given seq
            JsonObject newest = get("/rooms/%23History/messages");
            assertSameMessages(said.subList(95, 145), newest.getJsonArray("messages").getValuesAs(JsonObject.class));
            long middle = said.get(70).getJsonNumber("seq").longValue();
            JsonObject three = get("/rooms/%23history/messages?before=" + middle + "&limit=3");
            assertSameMessages(said.subList(67, 70), three.getJsonArray("messages").getValuesAs(JsonObject.class));
            assertEquals(said.get(67).getJsonNumber("seq").longValue(), three.getJsonNumber("before").longValue());
            JsonObject first = get("/rooms/%23history/messages?before=" + said.get(0).getJsonNumber("seq") + "&limit=5");
            assertTrue(first.getJsonArray("messages").isEmpty());
            assertTrue(first.isNull("before"));

            // another room, and one that never was
            List<JsonObject> elsewhere = get("/rooms/%23elsewhere/messages?limit=200").getJsonArray("messages")
                    .getValuesAs(JsonObject.class);
            assertEquals(40, elsewhere.size());
            assertTrue(elsewhere.stream().allMatch(m -> m.getString("nick").equals("bob")));
            JsonObject nowhere = get("/rooms/%23nowhere/messages");
            assertTrue(nowhere.getJsonArray("messages").isEmpty());
            assertTrue(nowhere.isNull("before"));
        }
    }

    /** Beside the running deployment (another UDP port and context root): it fails naming the setting. */
    @Test
    void aBadHistorySettingFailsTheDeploymentNamingIt() throws Exception {
        Map<String, String> settings = TestWars.with(SingleServerIT.GOOD, SingleServerIT.MEMBERS, "solo@127.0.0.1:8137/0");
        settings = TestWars.with(settings, "syncnet.history.batch-size", "0");
        WebArchive war = TestWars.withSettings("syncnet-bad-history.war", settings, "/syncnet-bad-history");
        String failure = FailingDeployment.deploy(management.getControllerClient(), war).failure();
        assertTrue(failure.contains("Invalid setting syncnet.history.batch-size: '0' is not a whole number"), failure);
        assertTrue(get("/history").getBoolean("enabled"), "the running deployment goes on");
    }

    @Test
    void badParametersGet400NamingTheParameter() throws Exception {
        assertBad("/rooms/%23a/messages?limit=0", "limit");
        assertBad("/rooms/%23a/messages?limit=201", "limit");
        assertBad("/rooms/%23a/messages?limit=ten", "limit");
        assertBad("/rooms/%23a/messages?limit=", "limit");
        assertBad("/rooms/%23a/messages?before=0", "before");
        assertBad("/rooms/%23a/messages?before=-3", "before");
        assertBad("/rooms/%23a/messages?before=12x", "before");
        assertBad("/rooms/%23a/messages?before=99999999999999999999", "before");
        assertBad("/rooms/lobby/messages", "room");
        assertBad("/rooms/%23a%20b/messages", "room");
        assertBad("/rooms/%23a%2Cb/messages", "room");
        assertBad("/rooms/%23" + "x".repeat(50) + "/messages", "room");
    }

    /**
     * A burst from several connections, as fast as one server commits it: every event is persisted (none dropped),
     * and the writer's own time per event shows how many events a second the database takes (printed as RESULT;
     * -Dhistory.burst=N messages per connection for a longer run).
     */
    @Test
    void aBurstIsPersistedWithoutDroppingAnything() throws Exception {
        int senders = 4;
        int perSender = Integer.getInteger("history.burst", 1500);  // -Dhistory.burst=10000 for a longer measurement
        List<ChatClient> clients = new ArrayList<>();
        try {
            for (int s = 0; s < senders; s++) {
                ChatClient c = ChatClient.connect("load" + s, HTTP);
                clients.add(c);
                register(c, "load" + s, "#load" + s);
            }
            JsonObject before = get("/history");
            long start = System.nanoTime();
            long lastSeq = ChatClient.burst(clients, "#load", perSender,
                    i -> "load message " + i + " " + "x".repeat(100), WAIT);
            long committed = System.nanoTime();
            awaitPersisted(lastSeq);
            long persisted = System.nanoTime();
            JsonObject after = get("/history");

            long events = after.getJsonNumber("persisted").longValue() - before.getJsonNumber("persisted").longValue();
            long writeMillis = after.getJsonNumber("writeMillis").longValue()
                    - before.getJsonNumber("writeMillis").longValue();
            long batches = after.getJsonNumber("batches").longValue() - before.getJsonNumber("batches").longValue();
            assertTrue(events >= senders * perSender, "every message persisted: " + after);
            assertEquals(0, after.getJsonNumber("dropped").longValue(), "nothing dropped: " + after);
            assertEquals(0, after.getJsonNumber("failures").longValue(), after.toString());
            for (int s = 0; s < senders; s++) {
                JsonObject page = get("/rooms/%23load" + s + "/messages?limit=200");
                List<JsonObject> newest = page.getJsonArray("messages").getValuesAs(JsonObject.class);
                assertEquals(200, newest.size());
                assertEquals("load message " + perSender + " " + "x".repeat(100),
                        newest.get(newest.size() - 1).getString("text"));
                assertAscending(newest);
            }
            double chatSeconds = (committed - start) / 1e9;
            System.out.printf("RESULT history burst: %d messages from %d connections committed in %.2f s (%.0f/s);"
                            + " %d events persisted in %d batches, %d ms inside the database (%.0f events/s of"
                            + " database time); last event stored %d ms after the last confirmation%n",
                    senders * perSender, senders, chatSeconds, senders * perSender / chatSeconds, events, batches,
                    writeMillis, events * 1000.0 / Math.max(1, writeMillis), (persisted - committed) / 1_000_000);
        } finally {
            clients.forEach(ChatClient::close);
        }
    }

    // ---- helpers (SingleServerRetentionIT uses some) ---------------------------------------------------------

    static void register(ChatClient c, String nick, String room) throws InterruptedException {
        c.hello(nick, nick + "-session", 0);
        c.await("welcome", type("welcome", "nick", nick), WAIT);
        c.join(room, 0);
        c.await("members of " + room, type("members"), WAIT);
    }

    /** Waits until the server's history holds everything up to {@code seq}. */
    static void awaitPersisted(long seq) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonObject status = get("/history");
        while (status.getJsonNumber("highestSeq").longValue() < seq) {
            assertTrue(System.nanoTime() < deadline, "seq " + seq + " not persisted within " + WAIT + ": " + status);
            Thread.sleep(20);  // polling the status: the history has no push to wait on
            status = get("/history");
        }
        assertTrue(status.getBoolean("enabled"), status.toString());
    }

    static JsonObject get(String path) throws Exception {
        HttpResponse<String> r = send(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), path);
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    private static HttpResponse<String> send(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP + "/syncnet/api" + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertBad(String path, String parameter) throws Exception {
        HttpResponse<String> r = send(path);
        assertEquals(400, r.statusCode(), path + ": " + r.body());
        JsonObject error = Json.createReader(new StringReader(r.body())).readObject();
        assertEquals("BAD_PARAMETER", error.getString("error"), r.body());
        assertEquals(parameter, error.getString("parameter"), path + ": " + r.body());
        assertTrue(error.getString("message").startsWith(parameter + ": "), r.body());
    }

    private static void assertAscending(List<JsonObject> messages) {
        for (int i = 1; i < messages.size(); i++) {
            assertTrue(messages.get(i - 1).getJsonNumber("seq").longValue()
                    < messages.get(i).getJsonNumber("seq").longValue(), "ascending: " + messages);
        }
    }

    /** The REST items equal the WebSocket events, field by field (the events' own ids aside; notice false if absent). */
    private static void assertSameMessages(List<JsonObject> events, List<JsonObject> items) {
        assertEquals(HistoryApi.withoutIds(events), items);
    }
}
