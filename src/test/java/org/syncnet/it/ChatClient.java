package org.syncnet.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * A WebSocket chat client for the integration tests (java.net.http): records every object the server sends (as
 * "frames": in protocol version 2, which it speaks unless told otherwise, a text frame holds one or more, a line
 * each), waits for frames with a deadline, and keeps the client side of the protocol's bookkeeping — the last event
 * seen (the resume point) and the messages sent and not yet confirmed.
 */
final class ChatClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final String label;
    private final int version;
    private final WebSocket ws;
    private final List<JsonObject> frames = new ArrayList<>();
    /** How many objects each text frame held, in arrival order. */
    private final List<Integer> objectsPerTextFrame = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();
    private final Map<String, String> unconfirmed = new LinkedHashMap<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private long lastSeq;
    /** Frames before this index were consumed by {@link #next}. */
    private int cursor;

    private ChatClient(String label, int httpPort, int version) throws Exception {
        this(label, HTTP, URI.create("ws://127.0.0.1:" + httpPort + "/syncnet/chat"), version);
    }

    private ChatClient(String label, HttpClient http, URI uri, int version) throws Exception {
        this.label = label;
        this.version = version;
        this.ws = http.newWebSocketBuilder().buildAsync(uri, new Listener()).get(20, TimeUnit.SECONDS);
    }

    /** Counts down the server's WebSocket pings. */
    final CountDownLatch pings = new CountDownLatch(3);

    static ChatClient connect(String label, int httpPort) throws Exception {
        return new ChatClient(label, httpPort, 2);
    }

    static ChatClient connect(String label, int httpPort, int version) throws Exception {
        return new ChatClient(label, httpPort, version);
    }

    /** To any endpoint URI ({@code wss://} through an {@code http} client that has the test servers' SSLContext). */
    static ChatClient connect(String label, HttpClient http, URI uri) throws Exception {
        return new ChatClient(label, http, uri, 2);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String[] lines = partial.toString().split("\n", -1);
                synchronized (ChatClient.this) {
                    objectsPerTextFrame.add(lines.length);
                }
                for (String line : lines) {
                    received(Json.createReader(new StringReader(line)).readObject());
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
            pings.countDown();  // the JDK's WebSocket answers with a pong by itself
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            closed.complete(code + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete("error " + error);
        }
    }

    private synchronized void received(JsonObject frame) {
        frames.add(frame);
        arrivals.add(System.nanoTime());
        for (JsonObject e : events(frame)) {
            lastSeq = Math.max(lastSeq, e.getJsonNumber("seq").longValue());
            if (e.containsKey("id")) {
                unconfirmed.remove(e.getString("id"));
            }
        }
        notifyAll();
    }

    /** The chat messages a frame carries: an event, or a history's messages. */
    private static List<JsonObject> events(JsonObject frame) {
        return switch (frame.getString("type")) {
            case "event" -> List.of(frame);
            case "history" -> frame.getJsonArray("messages").getValuesAs(JsonObject.class);
            default -> List.of();
        };
    }

    void send(JsonObject frame) {
        sendRaw(frame.toString());
    }

    void sendRaw(String text) {
        ws.sendText(text, true).join();
    }

    void sendBinary(java.nio.ByteBuffer data) {
        ws.sendBinary(data, true).join();
    }

    void hello(String nick, String session, long resumeFrom) {
        var b = Json.createObjectBuilder().add("type", "hello").add("nick", nick).add("session", session);
        if (version != 1) {
            b.add("version", version);
        }
        if (resumeFrom > 0) {
            b.add("resumeFrom", resumeFrom);
        }
        send(b.build());
    }

    void join(String room, long resumeFrom) {
        var b = Json.createObjectBuilder().add("type", "join").add("room", room);
        if (resumeFrom > 0) {
            b.add("resumeFrom", resumeFrom);
        }
        send(b.build());
    }

    /** A join offering the key of a {@code +k} room. */
    void join(String room, String key) {
        send(Json.createObjectBuilder().add("type", "join").add("room", room).add("key", key).build());
    }

    /** One channel mode change, such as {@code mode("#r", true, "v", "bob")}; {@code arg} null for none. */
    void mode(String room, boolean set, String letter, String arg) {
        var change = Json.createObjectBuilder().add("set", set).add("mode", letter);
        if (arg != null) {
            change.add("arg", arg);
        }
        send(Json.createObjectBuilder().add("type", "mode").add("room", room)
                .add("changes", Json.createArrayBuilder().add(change)).build());
    }

    void kick(String room, String nick, String reason) {
        send(Json.createObjectBuilder().add("type", "kick").add("room", room).add("nick", nick).add("reason", reason)
                .build());
    }

    void invite(String room, String nick) {
        send(Json.createObjectBuilder().add("type", "invite").add("room", room).add("nick", nick).build());
    }

    void part(String room) {
        send(Json.createObjectBuilder().add("type", "part").add("room", room).build());
    }

    void say(String room, String id, String text) {
        synchronized (this) {
            unconfirmed.put(id, room + "\n" + text);
        }
        send(Json.createObjectBuilder().add("type", "message").add("id", id).add("room", room).add("text", text)
                .build());
    }

    /**
     * A burst of messages: in turn, client s says the i-th of {@code perSender} messages, {@code text.apply(i)}, in
     * room {@code roomPrefix + s}. Returns the highest seq once every client has every one of its messages confirmed.
     */
    static long burst(List<ChatClient> clients, String roomPrefix, int perSender, IntFunction<String> text,
                      Duration wait) throws InterruptedException {
        for (int i = 1; i <= perSender; i++) {
            for (int s = 0; s < clients.size(); s++) {
                clients.get(s).say(roomPrefix + s, "b-" + i, text.apply(i));
            }
        }
        long lastSeq = 0;
        for (ChatClient c : clients) {
            c.awaitMessages("all confirmed", m -> c.unconfirmed().isEmpty(), wait);
            lastSeq = Math.max(lastSeq, c.lastSeq());
        }
        return lastSeq;
    }

    /** Sends the messages another connection of this user left unconfirmed, with their ids. */
    void resend(Map<String, String> messages) {
        messages.forEach((id, roomAndText) -> {
            String[] parts = roomAndText.split("\n", 2);
            say(parts[0], id, parts[1]);
        });
    }

    synchronized Map<String, String> unconfirmed() {
        return new LinkedHashMap<>(unconfirmed);
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    synchronized List<Integer> objectsPerTextFrame() {
        return List.copyOf(objectsPerTextFrame);
    }

    synchronized List<JsonObject> frames() {
        return List.copyOf(frames);
    }

    /** Every chat message this connection received, in arrival order (events and history entries). */
    synchronized List<JsonObject> messages() {
        List<JsonObject> all = new ArrayList<>();
        for (JsonObject f : frames) {
            all.addAll(events(f));
        }
        return all;
    }

    /** When each of {@link #messages()} arrived ({@link System#nanoTime()}). */
    synchronized List<Long> messageArrivals() {
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            for (int n = events(frames.get(i)).size(); n > 0; n--) {
                all.add(arrivals.get(i));
            }
        }
        return all;
    }

    /** The first frame ever received that matches; waits for it until the deadline. */
    synchronized JsonObject await(String what, Predicate<JsonObject> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < frames.size(); checked++) {
                if (condition.test(frames.get(checked))) {
                    return frames.get(checked);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(label + ": no " + what + " within " + timeout.toMillis() + " ms; frames: "
                        + frames);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** The first matching frame after the one the previous call returned; waits for it until the deadline. */
    synchronized JsonObject next(String what, Predicate<JsonObject> condition, Duration timeout)
            throws InterruptedException {
        int from = cursor;
        JsonObject found = await(what, f -> frames.indexOf(f) >= from && condition.test(f), timeout);
        cursor = frames.indexOf(found) + 1;
        return found;
    }

    /** Waits until the messages this connection received satisfy {@code condition}. */
    synchronized void awaitMessages(String what, Predicate<List<JsonObject>> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(messages())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(label + ": not " + what + " within " + timeout.toMillis() + " ms; messages: "
                        + messages());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    static Predicate<JsonObject> type(String type) {
        return f -> f.getString("type").equals(type);
    }

    static Predicate<JsonObject> type(String type, String field, String value) {
        return f -> f.getString("type").equals(type) && f.get(field) != null
                && f.get(field).getValueType() == JsonValue.ValueType.STRING && f.getString(field).equals(value);
    }

    /** A presence frame: {@code nick}'s {@code change} (join, part, quit, nick) in any room. */
    static Predicate<JsonObject> presence(String nick, String change) {
        return type("presence", "nick", nick).and(f -> change.equals(f.getString("change")));
    }

    /** Starts the closing handshake from the client's side; the server's close frame completes {@link #closed()}. */
    void sendClose(int code, String reason) {
        ws.sendClose(code, reason).join();
    }

    /** The close code and reason once the server closed the connection. */
    CompletableFuture<String> closed() {
        return closed;
    }

    @Override
    public void close() {
        ws.abort();
    }
}
