package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncnet.it.ChatClient.presence;
import static org.syncnet.it.ChatClient.type;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
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
    /** Room for every frame a test sends but the flood; refilled slowly, so a flood strikes out at once. */
    static final int BURST = 2500;
    /** The smallest queue allowed; the test fills it. */
    static final int QUEUE_KIB = 1024;

    @Deployment(testable = false)
    static WebArchive syncnet() {
        Map<String, String> settings = TestWars.with(SingleServerIT.GOOD, "syncnet.chat.rate.burst", "" + BURST);
        settings = TestWars.with(settings, "syncnet.chat.rate.per-second", "2");
        settings = TestWars.with(settings, "syncnet.chat.outbound-queue-kib", "" + QUEUE_KIB);
        settings = TestWars.with(settings, "syncnet.chat.ping-interval", "500ms");
        return TestWars.withSettings("syncnet.war", settings, null);
    }

    /**
     * A client that only reads gets a ping every ping-interval: its pong is what keeps WildFly's read timeout (90 s
     * without reading anything) from closing it. Checked with a short interval; the 90 s itself by hand.
     */
    @Test
    void aClientThatOnlyReadsIsPingedRegularly() throws Exception {
        try (ChatClient lurker = ChatClient.connect("lurker", HTTP)) {
            long start = System.nanoTime();
            assertTrue(lurker.pings.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "three pings");
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(1000),
                    "one every 500 ms, not all at once");
            assertFalse(lurker.closed().isDone());
        }
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

    /** A frame answered at once (an error) comes after the answer to the frame before it, which the log gives. */
    @Test
    void repliesComeInTheOrderOfTheFrames() throws Exception {
        try (ChatClient c = ChatClient.connect("orderly", HTTP)) {
            c.hello("orderly", "orderly-session", 0);
            c.await("welcome", type("welcome", "nick", "orderly"), WAIT);
            c.join("#orderly", 0);
            c.sendRaw("{\"type\":\"dance\"}");
            expectError(c, "UNKNOWN_TYPE");
            List<String> seen = new ArrayList<>();
            for (JsonObject f : c.frames()) {
                String what = f.getString("type") + (f.containsKey("code") ? " " + f.getString("code") : "");
                if (what.equals("members") || what.startsWith("error")) {
                    seen.add(what);
                }
            }
            assertEquals(List.of("members", "error UNKNOWN_TYPE"), seen);
        }
    }

    @Test
    void aVersion1ClientGetsAnObjectAFrameAVersion2ClientSeveral() throws Exception {
        try (ChatClient one = ChatClient.connect("one", HTTP, 1); ChatClient two = ChatClient.connect("two", HTTP, 2)) {
            for (ChatClient c : List.of(one, two)) {
                c.hello(c.label, c.label + "-session", 0);
                c.await("welcome", type("welcome", "nick", c.label), WAIT);
                c.join("#frames", 0);
                c.await("members", type("members", "room", "#frames"), WAIT);
            }
            for (int i = 1; i <= 10; i++) {
                one.say("#frames", "f-" + i, "line " + i);
            }
            List<String> sent = IntStream.rangeClosed(1, 10).mapToObj(i -> "line " + i).toList();
            for (ChatClient c : List.of(one, two)) {
                c.await("the last message", type("event", "text", "line 10"), WAIT);
                assertEquals(sent, c.messages().stream().map(m -> m.getString("text")).toList(), c.label);
            }
            assertTrue(one.objectsPerTextFrame().stream().allMatch(n -> n == 1), "version 1: " + one.objectsPerTextFrame());
            // the join's presence, members and history leave in one flush: one frame for version 2
            assertTrue(two.objectsPerTextFrame().stream().anyMatch(n -> n > 1), "version 2: " + two.objectsPerTextFrame());
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
     * A client that closes gets the server's close frame back at once, with its own code (RFC 6455 §5.5.1; without
     * it a browser waits 60 s in CLOSING, the JDK's client for ever), whether it was welcomed or not; its room mates
     * see it quit.
     */
    @Test
    void aClientThatClosesIsAnsweredAtOnceAndItsRoomMatesSeeItQuit() throws Exception {
        Duration reply = Duration.ofSeconds(5);
        try (ChatClient leaver = ChatClient.connect("leaver", HTTP);
             ChatClient mate = ChatClient.connect("mate", HTTP);
             ChatClient hasty = ChatClient.connect("hasty", HTTP)) {
            for (ChatClient c : List.of(leaver, mate)) {
                c.hello(c.label, c.label + "-session", 0);
                c.await("welcome", type("welcome", "nick", c.label), WAIT);
                c.join("#leaving", 0);
                c.await("members", type("members", "room", "#leaving"), WAIT);
            }
            leaver.sendClose(1000, "bye");
            assertEquals("1000 bye", closeReply(leaver, reply));
            JsonObject quit = mate.await("the leaver's quit", presence("leaver", "quit"), reply);
            assertEquals("Connection closed", quit.getString("reason"));

            hasty.hello("hasty", "hasty-session", 0);  // and closes at once, without waiting for its welcome
            hasty.sendClose(4000, "never mind");
            assertEquals("4000 never mind", closeReply(hasty, reply));
            assertFalse(mate.closed().isDone(), "the room mate stays connected");
        }
    }

    /**
     * A client that stops reading while a busy room keeps sending to it: the server's socket buffers fill (at most
     * 4 MB here), then its queue, and it is dropped as too slow. Meanwhile the writer in the same room keeps getting
     * its confirmations at once; everyone sees the slow client quit, and once it reads again it finds the close
     * frame (1013 TOO_SLOW) after what was sent before the drop.
     */
    @Test
    void aClientThatDoesNotReadIsDroppedWithoutHoldingUpOthers() throws Exception {
        try (ChatClient writer = ChatClient.connect("writer", HTTP);
             RawWebSocket slow = new RawWebSocket(HTTP, "/syncnet/chat")) {
            writer.hello("writer", "writer-session", 0);
            writer.await("welcome", type("welcome"), WAIT);
            writer.join("#big", 0);
            writer.await("members", type("members", "room", "#big"), WAIT);
            slow.sendText("{\"type\":\"hello\",\"nick\":\"slow\"}");
            assertTrue(slow.read().text().contains("\"welcome\""));
            slow.sendText("{\"type\":\"join\",\"room\":\"#big\"}");
            writer.await("the slow client's join", presence("slow", "join"), WAIT);

            // From here on the slow client reads nothing. About 1300 messages of 4 KB fill its buffers and queue.
            String big = "y".repeat(4000);
            int sent = 0;
            while (writer.frames().stream().noneMatch(presence("slow", "quit"))) {
                assertTrue(sent < BURST - 100, "still not dropped after " + sent + " messages");
                for (int i = 0; i < 50; i++) {
                    sent++;
                    writer.say("#big", "w-" + sent, sent + " " + big);
                }
                writer.await("confirmation of w-" + sent + " while the slow client stalls", type("event", "id",
                        "w-" + sent), Duration.ofSeconds(5));
            }
            JsonObject quit = writer.await("the slow client's quit", presence("slow", "quit"), WAIT);
            assertEquals("Too slow: outbound queue overflowed", quit.getString("reason"));
            RawWebSocket.Frame last;
            do {
                last = slow.read();
            } while (last.opcode() != RawWebSocket.CLOSE);
            assertEquals("1013 TOO_SLOW", last.closeStatus());
        }
    }

    /**
     * Channel moderation through the browser door, in protocol version 3: the creator of a room is its operator;
     * moderation (+m) silences the unvoiced until voiced; a ban with a kick keeps a member out; invite-only (+i)
     * lets in the invited only; a key (+k) and a limit (+l) refuse joins without it and beyond it. Each refusal
     * names its code and room, each change reaches every member.
     */
    @Test
    void anOperatorModeratesARoom() throws Exception {
        String room = "#moderated";
        try (ChatClient alice = ChatClient.connect("modalice", HTTP, 3);
             ChatClient bob = ChatClient.connect("modbob", HTTP, 3);
             ChatClient carol = ChatClient.connect("modcarol", HTTP, 3)) {
            for (ChatClient c : List.of(alice, bob, carol)) {
                c.hello(c.label, c.label + "-session", 0);
                c.await("welcome", type("welcome", "nick", c.label), WAIT);
            }
            alice.join(room, 0);
            JsonObject created = alice.await("the new room", type("members", "room", room), WAIT);
            assertEquals(List.of("modalice"), strings(created, "ops"), "the creator is operator: " + created);
            assertEquals("+nt", created.getString("modes"));
            bob.join(room, 0);
            JsonObject joined = bob.await("bob in the room", type("members", "room", room), WAIT);
            assertEquals(List.of("modalice"), strings(joined, "ops"));
            assertEquals(List.of(), strings(joined, "voiced"));

            alice.mode(room, true, "m", null);
            JsonObject moderated = bob.next("+m", type("mode", "room", room), WAIT);
            assertEquals("modalice", moderated.getString("nick"));
            assertEquals("+mnt", moderated.getString("modes"));
            bob.say(room, "mb-1", "may I?");
            JsonObject refused = expectError(bob, "MODERATED");
            assertEquals("mb-1", refused.getString("id"));
            assertEquals(room, refused.getString("room"));

            alice.mode(room, true, "v", "modbob");
            JsonObject voiced = bob.next("+v", type("mode", "room", room), WAIT);
            assertEquals("modbob", voiced.getJsonArray("changes").getJsonObject(0).getString("arg"));
            bob.say(room, "mb-2", "thank you");
            alice.await("bob's message once voiced", type("event", "text", "thank you"), WAIT);

            alice.mode(room, true, "b", "modbob");  // the chat stores the full mask
            JsonObject banned = alice.next("+b", type("mode", "room", room).and(f -> f.containsKey("bans")), WAIT);
            assertEquals("modbob!*@*", banned.getJsonArray("bans").getJsonObject(0).getString("mask"));
            alice.kick(room, "modbob", "bye");
            for (ChatClient c : List.of(alice, bob)) {
                JsonObject kick = c.next("the kick", type("kick", "room", room), WAIT);
                assertEquals("modbob", kick.getString("target"));
                assertEquals("bye", kick.getString("reason"));
            }
            bob.join(room, 0);
            assertEquals(room, expectError(bob, "BANNED").getString("room"));

            alice.mode(room, true, "i", null);
            alice.next("+i", type("mode", "room", room), WAIT);
            carol.join(room, 0);
            assertEquals(room, expectError(carol, "INVITE_ONLY").getString("room"));
            alice.invite(room, "modcarol");
            JsonObject invite = carol.await("the invitation", type("invite", "room", room), WAIT);
            assertEquals("modalice", invite.getString("nick"));
            carol.join(room, 0);
            carol.await("carol in the room", type("members", "room", room), WAIT);

            alice.mode(room, false, "i", null);  // else +i refuses carol's next join before her key is looked at
            alice.mode(room, true, "k", "s3cret");
            carol.next("+k", type("mode", "room", room).and(f -> f.containsKey("key")), WAIT);
            carol.part(room);
            alice.await("carol's part", ChatClient.presence("modcarol", "part"), WAIT);
            carol.join(room, 0);
            assertEquals(room, expectError(carol, "BAD_KEY").getString("room"));
            carol.join(room, "s3cret");
            JsonObject withKey = carol.next("carol back with the key", type("members", "room", room), WAIT);
            assertEquals("s3cret", withKey.getString("key"), "members see the key");

            alice.mode(room, false, "b", "modbob!*@*");
            alice.mode(room, true, "l", "2");
            alice.next("+l", type("mode", "room", room).and(f -> f.containsKey("limit")), WAIT);
            bob.join(room, "s3cret");  // no longer banned, with the key: but two of two are in
            assertEquals(room, expectError(bob, "CHANNEL_FULL").getString("room"));
            assertTrue(bob.frames().stream().noneMatch(type("error", "code", "BAD_FIELD")), bob.frames().toString());
        }
    }

    private static List<String> strings(JsonObject frame, String field) {
        return frame.getJsonArray(field).getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }

    /** The code and reason of the server's close frame, which a client that closed waits for until the deadline. */
    private static String closeReply(ChatClient c, Duration timeout) throws Exception {
        try {
            return c.closed().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(c.label + ": no close frame from the server within " + timeout.toMillis() + " ms");
        }
    }

    /** The next error frame has this code. */
    private static JsonObject expectError(ChatClient c, String code) throws InterruptedException {
        JsonObject error = c.next("an error", type("error"), WAIT);
        assertEquals(code, error.getString("code"), error.toString());
        return error;
    }
}
