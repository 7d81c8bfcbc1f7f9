package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncnet.it.ChatClient.presence;
import static org.syncnet.it.ChatClient.type;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Chat across three managed WildFly servers (the arquillian.xml group "cluster"), with WebSocket clients on every
 * server. One scenario in ordered steps; a step whose predecessor failed is skipped:
 * <ol>
 * <li>cross-server chat: presence, members, one order for everyone, history for a late joiner;</li>
 * <li>two servers' clients claim one nick at once: the first claim in the log wins;</li>
 * <li>the leader (server3) is killed while two clients keep talking: the chat pauses for the failure detection
 * only, and every message arrives exactly once, in one order, everywhere; server3's client quits;</li>
 * <li>server3 returns and leads again;</li>
 * <li>a client's server (server1) freezes and is killed while it has messages in flight: the client reconnects
 * to server2, resumes its nick and rooms from its last seen event, resends what was unconfirmed, and nothing is
 * missing or doubled; only server1's other client quits.</li>
 * </ol>
 */
class ThreeServerChatIT extends ThreeServerCluster {
    static final String LOBBY = "#lobby";
    static final Duration WAIT = Duration.ofSeconds(20);
    /** The chat may pause for the failure timeout (5.0 s) plus one heartbeat (2.0 s), and not much longer. */
    static final Duration CRASH_PAUSE_BOUND = Duration.ofMillis(5_000 + 2_000 + 1_000);
    /** Below the default rate limit (5 frames/s per connection). */
    static final Duration SEND_INTERVAL = Duration.ofMillis(250);
    /** Clients that live from one step to the next. */
    private static final Map<String, ChatClient> clients = new HashMap<>();

    private final ClusterViews views = new ClusterViews();

    @Override
    int lastStep() {
        return 5;
    }

    @Override
    void scenarioOver() {
        clients.values().forEach(ChatClient::close);
        clients.clear();
    }

    @Test
    @Order(1)
    void crossServerChatWithPresenceHistoryAndOneOrder() throws Exception {
        requireStepsPassed(0);
        startAllWithServer3Leading();

        ChatClient alice = register("alice", HTTP1, "server1");
        ChatClient bob = register("bob", HTTP2, "server2");
        ChatClient carol = register("carol", HTTP3, "server3");
        for (ChatClient c : List.of(alice, bob, carol)) {
            c.join(LOBBY, 0);
            c.await("members of " + LOBBY, type("members", "room", LOBBY), WAIT);
        }
        JsonObject members = carol.await("members", type("members", "room", LOBBY), WAIT);
        assertEquals(List.of("alice", "bob", "carol"), strings(members, "nicks"), "join order, across servers");
        alice.await("carol's join", presence("carol", "join"), WAIT);

        alice.say(LOBBY, "a-1", "hello from server1");
        bob.say(LOBBY, "b-1", "hello from server2");
        carol.say(LOBBY, "c-1", "hello from server3 <b>not bold</b>");
        for (ChatClient c : List.of(alice, bob, carol)) {
            c.awaitMessages("all three greetings", m -> m.size() == 3, WAIT);
        }
        List<Long> order = seqs(alice.messages());
        assertEquals(order, seqs(bob.messages()), "one order on every server");
        assertEquals(order, seqs(carol.messages()), "one order on every server");
        assertTrue(alice.unconfirmed().isEmpty() && bob.unconfirmed().isEmpty() && carol.unconfirmed().isEmpty(),
                "each sender saw its own message come back with its id");

        ChatClient dave = register("dave", HTTP2, "server2");
        dave.join(LOBBY, 0);
        JsonObject history = dave.await("history", type("history", "room", LOBBY), WAIT);
        assertEquals(order, seqs(history.getJsonArray("messages").getValuesAs(JsonObject.class)),
                "a late joiner gets the recent history in order");
        assertTrue(history.getBoolean("complete"));
        dave.send(jakarta.json.Json.createObjectBuilder().add("type", "part").add("room", LOBBY)
                .add("reason", "bye").build());
        carol.await("dave's part", presence("dave", "part").and(f -> f.getString("reason").equals("bye")), WAIT);
        dave.close();
        stepPassed(1);
    }

    @Test
    @Order(2)
    void aNickClaimedOnTwoServersAtOnceHasOneWinner() throws Exception {
        requireStepsPassed(1);
        try (ChatClient one = ChatClient.connect("zed@server1", HTTP1);
             ChatClient three = ChatClient.connect("zed@server3", HTTP3)) {
            one.hello("zed", "session-one", 0);
            three.hello("zed", "session-three", 0);
            JsonObject a = one.await("welcome or refusal", f -> type("welcome").test(f) || type("error").test(f), WAIT);
            JsonObject b = three.await("welcome or refusal", f -> type("welcome").test(f) || type("error").test(f),
                    WAIT);
            List<String> outcomes = List.of(a.getString("type"), b.getString("type"));
            assertTrue(outcomes.contains("welcome") && outcomes.contains("error"), "one winner: " + a + " / " + b);
            JsonObject refusal = a.getString("type").equals("error") ? a : b;
            assertEquals("NICK_IN_USE", refusal.getString("code"));
            ChatClient loser = refusal == a ? one : three;
            loser.hello("zed2", "session-zed2", 0);
            loser.await("welcome as zed2", type("welcome", "nick", "zed2"), WAIT);
        }
        stepPassed(2);
    }

    @Test
    @Order(3)
    void leaderKilledMidStreamLosesAndDoublesNothing() throws Exception {
        requireStepsPassed(2);
        ChatClient alice = clients.get("alice");
        ChatClient bob = clients.get("bob");
        int before = alice.messages().size();
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            // Each sends for 12 s, so messages are sent before, during and after the failover.
            Future<Integer> a = senders.submit(() -> stream(alice, "a-stream-", Duration.ofSeconds(12)));
            Future<Integer> b = senders.submit(() -> stream(bob, "b-stream-", Duration.ofSeconds(12)));
            alice.awaitMessages("the stream under way", m -> m.size() >= before + 4, WAIT);
            long killAt = killJvm("server3");
            int sent = a.get(1, TimeUnit.MINUTES) + b.get(1, TimeUnit.MINUTES);

            for (ChatClient c : List.of(alice, bob)) {
                c.awaitMessages("all " + sent + " streamed messages",
                        m -> m.size() >= before + sent, Duration.ofSeconds(30));
                assertExactlyOnceInOrder(c.messages());
            }
            assertEquals(seqs(alice.messages()), seqs(bob.messages()), "one order for everyone");
            assertTrue(alice.unconfirmed().isEmpty() && bob.unconfirmed().isEmpty(), "all confirmed, none resent");
            assertEquals(before + sent, alice.messages().size(), "nothing lost or doubled");

            long pause = longestPauseAfter(alice, killAt);
            log("leader killed mid-stream: " + sent + " messages, longest delivery pause " + pause + " ms");
            assertTrue(pause <= CRASH_PAUSE_BOUND.toMillis(), "the chat paused " + pause + " ms, more than "
                    + CRASH_PAUSE_BOUND.toMillis());
            alice.await("carol's quit",
                    presence("carol", "quit").and(f -> f.getString("reason").equals("server3 failed")), WAIT);
            alice.await("the new leader", type("cluster", "leader", "server2"), WAIT);
        } finally {
            senders.shutdownNow();
        }
        stepPassed(3);
    }

    @Test
    @Order(4)
    void server3ReturnsAndLeadsAgain() {
        requireStepsPassed(3);
        startAndDeploy("server3");
        views.await("server3 leads again", Duration.ofSeconds(90), ClusterViews.leaderWithQuorum("server3"),
                HTTP1, HTTP2, HTTP3);
        stepPassed(4);
    }

    @Test
    @Order(5)
    void aClientWhoseServerDiesResumesOnAnotherServer() throws Exception {
        requireStepsPassed(4);
        ChatClient alice = clients.get("alice");
        ChatClient bob = clients.get("bob");
        ChatClient erin = register("erin", HTTP1, "server1");
        erin.join(LOBBY, 0);
        bob.await("erin's join", presence("erin", "join"), WAIT);

        // Two messages on their way, then server1 freezes and takes three more it never handles, then dies.
        alice.say(LOBBY, "a-move-1", "alice before the move 1");
        alice.say(LOBBY, "a-move-2", "alice before the move 2");
        freeze("server1");
        for (int i = 3; i <= 5; i++) {
            alice.say(LOBBY, "a-move-" + i, "alice before the move " + i);
        }
        killJvm("server1");
        alice.closed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        for (int i = 1; i <= 3; i++) {
            bob.say(LOBBY, "b-move-" + i, "bob while alice moves " + i);
        }

        ChatClient moved = ChatClient.connect("alice@server2", HTTP2);
        clients.put("alice", moved);
        moved.hello("alice", "alice-session", alice.lastSeq());
        moved.await("welcome on server2", type("welcome", "server", "server2"), WAIT);
        moved.join(LOBBY, alice.lastSeq());  // a no-op if the session resumed the rooms
        Map<String, String> unconfirmed = alice.unconfirmed();
        assertTrue(unconfirmed.size() >= 3, "the frozen server confirmed nothing: " + unconfirmed);
        moved.resend(unconfirmed);
        log("alice moved to server2 with " + unconfirmed.size() + " of 5 messages unconfirmed");

        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            expected.add("alice before the move " + i);
        }
        for (int i = 1; i <= 3; i++) {
            expected.add("bob while alice moves " + i);
        }
        moved.awaitMessages("the missed and resent messages", m -> texts(combined(alice, moved)).containsAll(expected),
                WAIT);
        bob.awaitMessages("alice's messages", m -> texts(m).containsAll(expected), WAIT);
        assertExactlyOnceInOrder(combined(alice, moved));
        assertExactlyOnceInOrder(bob.messages());
        assertTrue(moved.unconfirmed().isEmpty(), "every resent message confirmed: " + moved.unconfirmed());

        // Once server1's failure is detected, its remaining client quits; alice, who moved, does not.
        bob.await("erin's quit", presence("erin", "quit").and(f -> f.getString("reason").equals("server1 failed")),
                Duration.ofSeconds(30));
        moved.say(LOBBY, "a-after", "still here");
        bob.awaitMessages("alice after the failure verdict", m -> texts(m).contains("still here"), WAIT);
        assertTrue(bob.frames().stream().noneMatch(presence("alice", "quit")), "alice never quit");
        stepPassed(5);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static ChatClient register(String nick, int port, String server) throws Exception {
        ChatClient c = ChatClient.connect(nick + "@" + server, port);
        clients.put(nick, c);
        c.hello(nick, nick + "-session", 0);
        JsonObject welcome = c.await("welcome", type("welcome"), WAIT);
        assertEquals(server, welcome.getString("server"));
        assertEquals(nick, welcome.getString("nick"));
        return c;
    }

    /** Sends numbered messages at a fixed pace for a while; returns how many. */
    private static int stream(ChatClient c, String prefix, Duration length) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        int n = 0;
        while (System.nanoTime() < end) {
            n++;
            c.say(LOBBY, prefix + n, prefix + n);
            TimeUnit.MILLISECONDS.sleep(SEND_INTERVAL.toMillis());  // the offered load's pace, not a wait for state
        }
        return n;
    }

    private static long longestPauseAfter(ChatClient c, long sinceNanos) {
        long previous = sinceNanos;
        long longest = 0;
        for (long at : c.messageArrivals()) {
            if (at > sinceNanos) {
                longest = Math.max(longest, at - previous);
                previous = at;
            }
        }
        return longest / 1_000_000;
    }

    /**
     * Every message once, in one growing order. A seq that comes again is the confirmation of a resend (docs/websocket-protocol.md:
     * the original comes back, e.g. after the resumed history already showed it): the same message, with its id.
     */
    private static void assertExactlyOnceInOrder(List<JsonObject> received) {
        Map<Long, JsonObject> bySeq = new HashMap<>();
        List<JsonObject> messages = new ArrayList<>();
        for (JsonObject m : received) {
            JsonObject earlier = bySeq.putIfAbsent(m.getJsonNumber("seq").longValue(), m);
            if (earlier == null) {
                messages.add(m);
            } else {
                assertEquals(earlier.getString("text"), m.getString("text"), "one seq, one message");
                assertTrue(m.containsKey("id"), "only the confirmation of a resend repeats a seq: " + m);
            }
        }
        List<Long> seqs = seqs(messages);
        for (int i = 1; i < seqs.size(); i++) {
            assertTrue(seqs.get(i) > seqs.get(i - 1), "sequence grows, no repeats: " + seqs);
        }
        Map<String, Long> counts = texts(messages).stream()
                .collect(Collectors.groupingBy(t -> t, Collectors.counting()));
        counts.forEach((text, n) -> assertEquals(1L, n, "'" + text + "' delivered " + n + " times"));
    }

    private static List<JsonObject> combined(ChatClient first, ChatClient second) {
        List<JsonObject> all = new ArrayList<>(first.messages());
        all.addAll(second.messages());
        return all;
    }

    private static List<Long> seqs(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getJsonNumber("seq").longValue()).toList();
    }

    private static List<String> texts(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getString("text")).toList();
    }

    private static List<String> strings(JsonObject o, String field) {
        return o.getJsonArray(field).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static void log(String line) {
        System.out.println("[ThreeServerChatIT] " + line);
    }
}
