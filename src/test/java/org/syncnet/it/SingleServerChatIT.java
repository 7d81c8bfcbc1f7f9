package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncnet.it.ChatClient.type;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WebSocket endpoint's defences on one server (container "single", a one-member cluster): every bad frame gets
 * an error frame and changes nothing, a flooding client and a client that does not read are disconnected with
 * their reason, and neither holds up anyone else.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SingleServerChatIT {
    static final int HTTP = SingleServerIT.HTTP;
    static final Duration WAIT = Duration.ofSeconds(20);
    static final int BURST = 60;
    /** The smallest queue allowed; the test fills it. */
    static final int QUEUE_KIB = 1024;

    @Deployment(testable = false)
    static WebArchive syncnet() {
        Map<String, String> settings = TestWars.with(SingleServerIT.GOOD, "syncnet.chat.rate.burst", "" + BURST);
        settings = TestWars.with(settings, "syncnet.chat.rate.per-second", "100");
        settings = TestWars.with(settings, "syncnet.chat.outbound-queue-kib", "" + QUEUE_KIB);
        return TestWars.withSettings("syncnet.war", settings, null);
    }

    @Test
    void badFramesGetErrorFramesAndTheConnectionGoesOn() throws Exception {
        try (ChatClient c = ChatClient.connect("probe", HTTP)) {
            c.send(Json.createObjectBuilder().add("type", "join").add("room", "#early").build());
            expectError(c, "NOT_REGISTERED");
            c.sendRaw("{not json");
            expectError(c, "BAD_JSON");
            c.sendRaw("{\"type\":\"dance\"}");
            expectError(c, "UNKNOWN_TYPE");
            c.sendRaw("{\"type\":\"hello\",\"nick\":\"probe\",\"colour\":\"red\"}");
            expectError(c, "BAD_FIELD");
            c.sendRaw("{\"type\":\"hello\",\"nick\":\"9lives\"}");
            expectError(c, "BAD_NICK");
            c.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            expectError(c, "BAD_JSON");
            c.sendRaw("{\"type\":\"hello\",\"nick\":\"" + "x".repeat(40_000) + "\"}");
            expectError(c, "FRAME_TOO_LARGE");

            c.hello("probe", "probe-session", 0);
            c.await("welcome", type("welcome", "nick", "probe"), WAIT);
            c.join("#bad room", 0);
            expectError(c, "BAD_ROOM");
            c.join("#ok", 0);
            c.await("members", type("members", "room", "#ok"), WAIT);
            c.say("#ok", "m-1", "x".repeat(4097));
            JsonObject tooLong = expectError(c, "BAD_TEXT");
            assertEquals("m-1", tooLong.getString("id"), "the refusal names the message");
            c.say("#ok", "m-2", "two\nlines");
            expectError(c, "BAD_TEXT");
            c.say("#elsewhere", "m-3", "hi");
            expectError(c, "NOT_IN_ROOM");
            c.say("#ok", "m-4", "ü".repeat(2048));  // 4096 bytes of UTF-8: the limit itself
            c.await("the message at the limit", type("event", "id", "m-4"), WAIT);
            assertEquals(1, c.messages().size(), "only the good message was posted: " + c.messages());
            assertTrue(!c.closed().isDone(), "still connected: " + c.frames());
        }
    }

    @Test
    void aFloodingClientIsCutOffAndTheOthersGoOn() throws Exception {
        try (ChatClient flood = ChatClient.connect("flood", HTTP); ChatClient calm = ChatClient.connect("calm", HTTP)) {
            calm.hello("calm", "calm-session", 0);
            calm.await("welcome", type("welcome"), WAIT);
            for (int i = 0; i < BURST + 40; i++) {
                flood.sendRaw("{\"type\":\"dance\"}");
            }
            String closed = flood.closed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals("1008 RATE_LIMITED", closed);
            assertTrue(flood.frames().stream().anyMatch(f -> type("error", "code", "RATE_LIMITED").test(f)));
            calm.join("#calm", 0);
            calm.await("members", type("members", "room", "#calm"), WAIT);
        }
    }

    /**
     * A client that stops reading is fed history frames (each about 900 KB: 200 messages of 4 KiB) until its queue
     * overflows. Meanwhile another client in the same room is served at once, and the slow one is dropped as too slow.
     */
    @Test
    void aClientThatDoesNotReadIsDroppedWithoutHoldingUpOthers() throws Exception {
        try (ChatClient writer = ChatClient.connect("writer", HTTP); ChatClient slow = ChatClient.connect("slow", HTTP)) {
            writer.hello("writer", "writer-session", 0);
            writer.await("welcome", type("welcome"), WAIT);
            writer.join("#big", 0);
            writer.await("members", type("members", "room", "#big"), WAIT);
            String big = "y".repeat(4000);
            for (int i = 1; i <= 200; i++) {
                writer.say("#big", "w-" + i, i + " " + big);
                if (i % 50 == 0) {  // stay within the rate limit: wait for the confirmations in between
                    String id = "w-" + i;
                    writer.await("confirmation of " + id, type("event", "id", id), WAIT);
                }
            }
            writer.await("the last confirmation", type("event", "id", "w-200"), WAIT);

            slow.hello("slow", "slow-session", 0);
            slow.await("welcome", type("welcome"), WAIT);
            slow.stopReading();
            for (int i = 0; i < 20 && !slow.closed().isDone(); i++) {
                slow.join("#big", 0);
                slow.sendRaw("{\"type\":\"part\",\"room\":\"#big\"}");
                writer.say("#big", "w-live-" + i, "still served " + i);
                writer.await("a live confirmation", type("event", "id", "w-live-" + i), Duration.ofSeconds(2));
            }
            JsonObject quit = writer.await("the slow client's quit", f -> type("presence", "nick", "slow").test(f)
                    && "quit".equals(f.getString("change")), WAIT);
            assertEquals("Too slow: outbound queue overflowed", quit.getString("reason"));
            slow.resumeReading();  // what was sent before the drop arrives, then the close
            assertEquals("1013 TOO_SLOW", slow.closed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /** The next error frame has this code. */
    private static JsonObject expectError(ChatClient c, String code) throws InterruptedException {
        JsonObject error = c.next("an error", type("error"), WAIT);
        assertEquals(code, error.getString("code"), error.toString());
        return error;
    }
}
