package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncnet.it.ChatClient.type;
import static org.syncnet.it.SingleServerHistoryIT.HTTP;
import static org.syncnet.it.SingleServerHistoryIT.IRC;
import static org.syncnet.it.SingleServerHistoryIT.WAIT;
import static org.syncnet.it.SingleServerHistoryIT.awaitPersisted;
import static org.syncnet.it.SingleServerHistoryIT.get;
import static org.syncnet.it.SingleServerHistoryIT.register;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The history's retention on one server (container "single"), deployed with small limits — the newest
 * {@value #MAX_MESSAGES} messages of a room, none older than {@value #MAX_AGE_SECONDS} s, a cleanup every second — and
 * checked through the REST API: a room's pages hold only its newest messages, old messages go, and nothing but room
 * messages is ever removed (what the cleanups removed plus the messages stored is exactly what was said, while nicks,
 * joins, a topic and a part were logged in between). The burst measures the deletes while the chat is busy.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleServerRetentionIT {
    static final int MAX_MESSAGES = 5;
    static final int MAX_AGE_SECONDS = 15;

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static WebArchive syncnet() {
        Map<String, String> settings = TestWars.with(SingleServerIT.GOOD, "syncnet.chat.rate.burst", "100000");
        settings = TestWars.with(settings, "syncnet.chat.rate.per-second", "100000");
        settings = TestWars.with(settings, "syncnet.history.max-messages-per-room", "" + MAX_MESSAGES);
        settings = TestWars.with(settings, "syncnet.history.max-age", MAX_AGE_SECONDS + "s");
        settings = TestWars.with(settings, "syncnet.history.retention-interval", "1s");
        return TestWars.withSettings("syncnet.war", settings, null);
    }

    /**
     * First: the database holds no message (a steady start), so every message stored or removed afterwards is one
     * this test said.
     */
    @Test
    @Order(1)
    void onlyTheNewestAndYoungMessagesStayAndNothingButMessagesIsRemoved() throws Exception {
        try (ChatClient alice = ChatClient.connect("alice", HTTP); ChatClient bob = ChatClient.connect("bob", HTTP);
             IrcClient carol = IrcClient.register("carol", IRC, WAIT)) {
            // carol creates #capped, so she is its operator and may set its topic (+t, a new room's default)
            carol.send("JOIN #capped");
            carol.await("the own join", IrcClient.command("JOIN", "carol"), WAIT);
            register(alice, "alice", "#capped");
            register(bob, "bob", "#aged");
            JsonObject start = awaitNoMessageStored();
            long removedBefore = removed(start);

            // #aged: three messages now, two more some seconds later
            long saidA = System.currentTimeMillis();
            for (int i = 1; i <= 3; i++) {
                bob.say("#aged", "a-" + i, "old " + i);
            }
            // #capped: 13 messages from both doors, with a topic and a part among them
            carol.send("TOPIC #capped :kept whatever the retention does");
            alice.await("the topic", type("topic", "room", "#capped"), WAIT);
            for (int i = 1; i <= 12; i++) {
                alice.say("#capped", "c-" + i, "capped " + i);
                if (i == 6) {
                    carol.send("PRIVMSG #capped :from IRC");
                }
            }
            carol.send("PART #capped :bye");
            alice.await("carol's part", ChatClient.presence("carol", "part"), WAIT);
            alice.awaitMessages("every send confirmed", m -> alice.unconfirmed().isEmpty()
                    && m.stream().anyMatch(e -> e.getString("text").equals("from IRC")), WAIT);
            bob.awaitMessages("bob's sends confirmed", m -> bob.unconfirmed().isEmpty(), WAIT);
            awaitPersisted(Math.max(alice.lastSeq(), bob.lastSeq()));

            JsonObject status = awaitCleanups(2);
            List<String> capped = texts("#capped");
            // The IRC line and alice's may be ordered either way: the newest five in the log's order, as alice got them.
            List<String> inLogOrder = alice.messages().stream().filter(m -> "#capped".equals(m.getString("room", "")))
                    .map(m -> m.getString("text")).toList();
            assertEquals(13, inLogOrder.size(), inLogOrder.toString());
            assertEquals(inLogOrder.subList(13 - MAX_MESSAGES, 13), capped, "the newest " + MAX_MESSAGES + " of 13");
            assertEquals(List.of("old 1", "old 2", "old 3"), texts("#aged"), "under both limits: all stay");
            JsonObject retention = status.getJsonObject("retention");
            assertEquals(MAX_MESSAGES + 3, retention.getJsonNumber("storedMessages").longValue(), status.toString());
            assertEquals(13 - MAX_MESSAGES, removed(status) - removedBefore, "only the 8 extra messages: " + status);

            // the age: wait (the server's clock must pass it) until the first three are old, the two new are not
            long saidB = saidA + (MAX_AGE_SECONDS / 2) * 1_000L;
            Thread.sleep(Math.max(0, saidB - System.currentTimeMillis()));  // time passing is what is tested
            bob.say("#aged", "b-1", "young 1");
            bob.say("#aged", "b-2", "young 2");
            bob.awaitMessages("bob's sends confirmed", m -> bob.unconfirmed().isEmpty(), WAIT);
            long deadline = System.nanoTime() + Duration.ofSeconds(MAX_AGE_SECONDS + 15).toNanos();
            while (texts("#aged").size() > 2) {
                assertTrue(System.nanoTime() < deadline, "the old messages never went: " + get("/history"));
                Thread.sleep(100);  // polling the REST API: the retention has no push to wait on
            }
            assertEquals(List.of("young 1", "young 2"), texts("#aged"), "the young ones stay");
            JsonObject end = awaitCleanups(1);
            retention = end.getJsonObject("retention");
            long stored = retention.getJsonNumber("storedMessages").longValue();
            assertEquals(3 + 13 + 2, stored + removed(end) - removedBefore,
                    "every row removed was one of the 18 messages said (none of the other events): " + end);
            assertTrue(retention.getJsonNumber("removedByAge").longValue() >= 3, end.toString());
            assertEquals(0, retention.getJsonNumber("failures").longValue(), end.toString());
        }
    }

    /**
     * A burst into rooms kept to their newest {@value #MAX_MESSAGES}: the cleanups remove thousands of messages in
     * transactions of at most 1000 rows while the chat goes on — nothing is dropped, every message is confirmed, a
     * room's pages answer throughout — and the delete throughput, the longest delete transaction and the slowest page
     * are printed as RESULT ({@code -Dretention.burst=N} messages per connection).
     */
    @Test
    @Order(2)
    void aBurstIsTrimmedInShortTransactionsWhileTheChatGoesOn() throws Exception {
        int senders = 4;
        int perSender = Integer.getInteger("retention.burst", 2500);
        List<ChatClient> clients = new ArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong slowestPageNanos = new AtomicLong();
        AtomicLong pages = new AtomicLong();
        AtomicReference<Throwable> readFailure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (reading.get()) {
                    long t = System.nanoTime();
                    get("/rooms/%23trim0/messages?limit=200");
                    slowestPageNanos.accumulateAndGet(System.nanoTime() - t, Math::max);
                    pages.incrementAndGet();
                    Thread.sleep(10);  // a reader scrolling, not a load test of the REST API
                }
            } catch (Throwable e) {
                readFailure.set(e);
            }
        }, "page reader");
        try {
            for (int s = 0; s < senders; s++) {
                ChatClient c = ChatClient.connect("trim" + s, HTTP);
                clients.add(c);
                register(c, "trim" + s, "#trim" + s);
            }
            JsonObject before = get("/history");
            reader.start();
            long start = System.nanoTime();
            long lastSeq = ChatClient.burst(clients, "#trim", perSender,
                    i -> "trimmed " + i + " " + "x".repeat(100), WAIT);
            long committed = System.nanoTime();
            awaitPersisted(lastSeq);
            long persisted = System.nanoTime();
            JsonObject after = awaitCleanups(2);
            reading.set(false);
            reader.join(10_000);
            assertEquals(null, readFailure.get(), "every page read during the burst answered");

            for (int s = 0; s < senders; s++) {
                List<String> expected = IntStream.rangeClosed(perSender - MAX_MESSAGES + 1, perSender)
                        .mapToObj(i -> "trimmed " + i + " " + "x".repeat(100)).toList();
                assertEquals(expected, texts("#trim" + s), "#trim" + s);
            }
            JsonObject r0 = before.getJsonObject("retention");
            JsonObject r1 = after.getJsonObject("retention");
            long removed = removed(after) - removed(before);
            long deletes = r1.getInt("deletes") - r0.getInt("deletes");
            double deleteMillis = r1.getJsonNumber("deleteMillis").doubleValue()
                    - r0.getJsonNumber("deleteMillis").doubleValue();
            double longest = r1.getJsonNumber("longestDeleteMillis").doubleValue();
            assertTrue(removed >= (long) senders * (perSender - MAX_MESSAGES), "removed " + removed + ": " + after);
            assertEquals(0, after.getJsonNumber("dropped").longValue(), "nothing dropped: " + after);
            assertEquals(0, after.getJsonNumber("failures").longValue(), after.toString());
            assertEquals(0, r1.getJsonNumber("failures").longValue(), after.toString());
            assertTrue(deletes * 1_000 >= removed, "no transaction removed more than 1000 rows: " + r1);
            long writeMillis = after.getJsonNumber("writeMillis").longValue()
                    - before.getJsonNumber("writeMillis").longValue();
            long events = after.getJsonNumber("persisted").longValue() - before.getJsonNumber("persisted").longValue();
            System.out.printf("RESULT retention burst: %d messages from %d connections committed in %.2f s (%.0f/s),"
                            + " last stored %d ms after the last confirmation, %d events written in %d ms of database"
                            + " time; retention removed %d messages in %d deletes, %.1f ms inside them (%.0f rows/s of"
                            + " delete time), the longest %.1f ms; %d pages read meanwhile, the slowest in %.1f ms%n",
                    senders * perSender, senders, (committed - start) / 1e9,
                    senders * perSender / ((committed - start) / 1e9), (persisted - committed) / 1_000_000, events,
                    writeMillis, removed, deletes, deleteMillis, removed * 1000.0 / Math.max(0.1, deleteMillis),
                    longest, pages.get(), slowestPageNanos.get() / 1e6);
        } finally {
            reading.set(false);
            clients.forEach(ChatClient::close);
        }
    }

    /** Beside the running deployment (another UDP port and context root): it fails naming the setting. */
    @Test
    @Order(3)
    void aBadRetentionSettingFailsTheDeploymentNamingIt() throws Exception {
        Map<String, String> settings = TestWars.with(SingleServerIT.GOOD, SingleServerIT.MEMBERS,
                "solo@127.0.0.1:8137/0");
        settings = TestWars.with(settings, "syncnet.history.max-age", "30");
        WebArchive war = TestWars.withSettings("syncnet-bad-retention.war", settings, "/syncnet-bad-retention");
        String failure = FailingDeployment.deploy(management.getControllerClient(), war).failure();
        assertTrue(failure.contains("Invalid setting syncnet.history.max-age: '30' is not an age like 30d"), failure);
        assertTrue(get("/history").getJsonObject("retention").getBoolean("active"), "the running deployment goes on");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The texts of a room's stored messages (at most 200), oldest first. */
    private static List<String> texts(String room) throws Exception {
        return get("/rooms/" + room.replace("#", "%23") + "/messages?limit=200").getJsonArray("messages")
                .getValuesAs(JsonObject.class).stream().map(m -> m.getString("text")).toList();
    }

    private static long removed(JsonObject status) {
        return status.getJsonObject("retention").getJsonNumber("removed").longValue();
    }

    /** The status once {@code n} more cleanups ended than when called: the last began after everything before it. */
    private static JsonObject awaitCleanups(int n) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonObject status = get("/history");
        long until = status.getJsonObject("retention").getJsonNumber("runs").longValue() + n;
        while (status.getJsonObject("retention").getJsonNumber("runs").longValue() < until) {
            assertTrue(System.nanoTime() < deadline, n + " cleanups not within " + WAIT + ": " + status);
            Thread.sleep(50);  // polling the status: the retention has no push to wait on
            status = get("/history");
        }
        return status;
    }

    /** Waits until a cleanup found no room message stored (earlier tests' ones have aged out by then). */
    private static JsonObject awaitNoMessageStored() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(MAX_AGE_SECONDS + 30).toNanos();
        JsonObject status = awaitCleanups(1);
        while (status.getJsonObject("retention").getJsonNumber("storedMessages").longValue() != 0) {
            assertTrue(System.nanoTime() < deadline, "messages still stored: " + status);
            status = awaitCleanups(1);
        }
        return status;
    }
}
