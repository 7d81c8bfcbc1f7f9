package org.syncnet.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * One benchmark chat client: a WebSocket to one server that says hello, joins the bench room, records every
 * message it receives (seq, message number, arrival) and, if it is a sender, sends messages and keeps each one
 * until its own event confirms it. When its server goes away it does what a browser page does: connects to the
 * next server, says hello with the same session and {@code resumeFrom}, rejoins with {@code resumeFrom} and
 * resends its unconfirmed messages with the same ids. A message's text is "k intendedNanos", so every receiver
 * knows which message it got and when it was meant to be sent (one JVM: one {@code System.nanoTime} origin).
 */
final class BenchClient implements LoadPhase.Sender {
    /** What the run learns from a client, called on the client's receiving thread. */
    interface Observer {
        /** The first receipt of a message at this client. */
        void delivered(long arrivalNanos);

        /** One of this client's own messages was confirmed for the first time. */
        void confirmed(BenchClient client);
    }

    private static final JsonReaderFactory JSON = Json.createReaderFactory(null);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final long RETRY_MILLIS = 100;
    private static final long RATE_LIMIT_RETRY_MILLIS = 50;

    private final int index;
    private final String nick;
    private final String session;
    private final String room;
    private final List<URI> servers;
    private final NioLoop loop;
    /** For wss:// servers; null when all are ws://. */
    private final SSLContext tls;
    private final ScheduledExecutorService timer;
    private final Observer observer;
    private final CompletableFuture<Void> joined = new CompletableFuture<>();
    /** Prints this client's frames (except message traffic) to stderr: -Dbench.trace=<client index>. */
    private final boolean trace;

    // Everything below is guarded by this.
    private Conn current;
    private int serverIndex;
    private boolean ready;
    private boolean closing;
    private long[] seqs = new long[4096];
    private int[] ks = new int[4096];
    private long[] arrivals = new long[4096];
    private int size;
    private final BitSet got = new BitSet();
    private int distinct;
    private long lastSeq;
    /** Every seq received, so a resend's confirmation (the original seq again) is not taken for a delivery. */
    private final java.util.Set<Long> seen = new java.util.HashSet<>();
    private final LatencyHistogram latency = new LatencyHistogram();
    private DeliveryTimeline timeline;
    /** The cheap reading of event frames (reused: frames are handled one at a time, under this). */
    private final EventFrame fast = new EventFrame();
    /** Own messages not yet confirmed, by message number, in send order, as the frame to (re)send. */
    private final Map<Integer, String> unconfirmed = new LinkedHashMap<>();
    /** Own messages refused as UNAVAILABLE: resent once a leader is announced. */
    private final Set<Integer> waitingForLeader = new HashSet<>();
    private int reconnects;
    private int incompleteHistories;
    private int refusedMessages;
    private final Map<String, Integer> errors = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();

    BenchClient(int index, String nick, String session, String room, List<URI> servers, int home, NioLoop loop,
                SSLContext tls, ScheduledExecutorService timer, Observer observer) {
        this.index = index;
        this.nick = nick;
        this.session = session;
        this.room = room;
        this.servers = List.copyOf(servers);
        this.serverIndex = home;
        this.loop = loop;
        this.tls = tls;
        this.timer = timer;
        this.observer = observer;
        this.trace = Integer.getInteger("bench.trace", -1) == index;
    }

    private void trace(String direction, String frame) {
        if (trace && !frame.contains("\"type\":\"event\"") && !frame.contains("\"type\":\"message\"")) {
            System.err.printf("%tT.%<tL %s %s %s%n", System.currentTimeMillis(), nick, direction,
                    frame.length() > 300 ? frame.substring(0, 300) + "..." : frame);
        }
    }

    int index() {
        return index;
    }

    String nick() {
        return nick;
    }

    /** Completes once this client is in the room (its members snapshot or its own join arrived). */
    CompletableFuture<Void> joined() {
        return joined;
    }

    synchronized void connect() {
        open(serverIndex);
    }

    /** Sends (or, while reconnecting, keeps for the resend) message {@code k} meant to be sent at {@code nanos}. */
    @Override
    public synchronized void send(int k, long intendedNanos) {
        String frame = frame(Json.createObjectBuilder().add("type", "message").add("id", "m" + k).add("room", room)
                .add("text", k + " " + intendedNanos));
        unconfirmed.put(k, frame);
        if (ready && current != null) {
            current.send(frame);
        }
    }

    synchronized int unconfirmedCount() {
        return unconfirmed.size();
    }

    /** How many of the messages 0..total-1 this client has received at least once. */
    synchronized int distinctReceived() {
        return distinct;
    }

    synchronized boolean hasAll(int total) {
        return distinct >= total && got.nextClearBit(0) >= total;
    }

    synchronized DeliveryCheck.Receipts receipts() {
        return new DeliveryCheck.Receipts(Arrays.copyOf(seqs, size), Arrays.copyOf(ks, size), size);
    }

    synchronized long[] arrivals() {
        return Arrays.copyOf(arrivals, size);
    }

    /** Records when deliveries arrive in the send phase from now on (set before it starts). */
    synchronized void startTimeline(long startNanos, double seconds) {
        timeline = new DeliveryTimeline(startNanos, seconds);
    }

    synchronized DeliveryTimeline timeline() {
        return timeline;
    }

    synchronized LatencyHistogram latency() {
        LatencyHistogram copy = new LatencyHistogram();
        copy.add(latency);
        return copy;
    }

    synchronized int reconnects() {
        return reconnects;
    }

    synchronized int incompleteHistories() {
        return incompleteHistories;
    }

    synchronized int refusedMessages() {
        return refusedMessages;
    }

    synchronized Map<String, Integer> errors() {
        return new TreeMap<>(errors);
    }

    synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /** The server index this client is on (or trying). */
    synchronized int server() {
        return serverIndex;
    }

    /** Closes the connection for good; no reconnect follows. */
    void close() {
        Conn c;
        synchronized (this) {
            closing = true;
            c = current;
            current = null;
        }
        if (c != null) {
            c.ws.sendClose(NioWebSocket.NORMAL_CLOSURE, "bench done");
            c.ws.abort();
        }
    }

    // ------------------------------------------------------------------------------------------ connection

    private void open(int server) {
        serverIndex = server;
        ready = false;
        Conn c = new Conn(servers.get(server));
        current = c;
        c.ws = NioWebSocket.connect(loop, c.uri, tls, CONNECT_TIMEOUT, c);
    }

    private synchronized void opened(Conn c) {
        if (c != current) {
            return;
        }
        hello(c);
    }

    private void hello(Conn c) {
        // version 2: the server joins what one flush sends into one frame, a line each
        JsonObjectBuilder hello = Json.createObjectBuilder().add("type", "hello").add("nick", nick).add("session", session)
                .add("version", 2);
        if (lastSeq > 0) {
            hello.add("resumeFrom", lastSeq);
        }
        c.send(frame(hello));
    }

    /** The connection ended or never came up: move on to the next server (as a page does). */
    private synchronized void lost(Conn c, String why) {
        if (c != current || closing) {
            return;
        }
        c.dead();
        current = null;
        ready = false;
        note(why);
        trace("xx", why);
        int next = (serverIndex + 1) % servers.size();
        timer.schedule(() -> reopen(next), RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void reopen(int server) {
        if (closing || current != null) {
            return;
        }
        reconnects++;
        open(server);
    }

    // ------------------------------------------------------------------------------------------ frames in

    /** A text frame: one or more objects, a line each (protocol version 2). */
    private synchronized void received(Conn c, String frames) {
        int from = 0;
        while (from <= frames.length()) {
            int nl = frames.indexOf('\n', from);
            int to = nl < 0 ? frames.length() : nl;
            receivedOne(c, frames.substring(from, to));
            from = to + 1;
        }
    }

    private void receivedOne(Conn c, String text) {
        if (c != current) {
            return;
        }
        long now = System.nanoTime();
        trace("<-", text);
        if (fast.parse(text) && fast.typeIs("event") && fast.hasSeq()) {
            event(now);  // the hot path: no JSON-P, no strings but the frame itself
            return;
        }
        JsonObject frame;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            frame = reader.readObject();
        } catch (RuntimeException e) {
            count("unparsable frame");
            return;
        }
        switch (frame.getString("type", "")) {
            case "welcome" -> welcomed(c);
            case "event" -> message(frame, now);
            case "history" -> {
                if (room.equalsIgnoreCase(frame.getString("room", ""))) {
                    for (JsonValue m : frame.getJsonArray("messages")) {
                        message(m.asJsonObject(), now);
                    }
                    if (!frame.getBoolean("complete", true)) {
                        incompleteHistories++;
                    }
                }
            }
            case "members" -> {
                if (room.equalsIgnoreCase(frame.getString("room", ""))) {
                    joined.complete(null);
                }
            }
            case "presence" -> {
                if (nick.equals(frame.getString("nick", "")) && "join".equals(frame.getString("change", ""))) {
                    joined.complete(null);
                }
            }
            case "cluster" -> {
                if (frame.containsKey("leader")) {
                    resendUnavailable();
                }
            }
            case "error" -> error(frame);
            default -> {
                // topic, private: not part of the benchmark
            }
        }
    }

    private void welcomed(Conn c) {
        ready = true;
        waitingForLeader.clear();  // everything unconfirmed is resent below
        JsonObjectBuilder join = Json.createObjectBuilder().add("type", "join").add("room", room);
        if (lastSeq > 0) {
            join.add("resumeFrom", lastSeq);
        }
        c.send(frame(join));
        for (String f : unconfirmed.values()) {
            c.send(f);
        }
    }

    /**
     * Only messages refused as UNAVAILABLE are resent when a leader appears: the others are held by the server and
     * forwarded to the new leader (docs/websocket-protocol.md), and resending them too would post them twice.
     */
    private void resendUnavailable() {
        if (ready && current != null) {
            for (Integer k : List.copyOf(waitingForLeader)) {
                String f = unconfirmed.get(k);
                if (f != null) {
                    current.send(f);
                }
            }
        }
        waitingForLeader.clear();
    }

    private void message(JsonObject m, long now) {
        if (!room.equalsIgnoreCase(m.getString("room", room))) {
            return;
        }
        String text = m.getString("text", "");
        int space = text.indexOf(' ');
        int k;
        long intended;
        try {
            k = Integer.parseInt(text.substring(0, space));
            intended = Long.parseLong(text.substring(space + 1));
        } catch (RuntimeException e) {
            count("foreign message");
            return;
        }
        long seq = m.getJsonNumber("seq").longValueExact();
        receipt(seq, k, intended, m.containsKey("id"), now);
    }

    /** {@link #message} for an event read by {@link EventFrame}: the same checks in the same order. */
    private void event(long now) {
        if (!fast.roomAbsentOrEqualsIgnoreCase(room)) {
            return;
        }
        String s = fast.source();
        int start = fast.hasText() ? fast.textStart() : 0;
        int end = fast.hasText() ? fast.textEnd() : 0;
        int space = s.indexOf(' ', start);
        int k;
        long intended;
        try {
            if (start == end || space < 0 || space >= end) {
                throw new NumberFormatException();  // as text.substring(0, -1) would throw
            }
            k = Integer.parseInt(s, start, space, 10);
            intended = Long.parseLong(s, space + 1, end, 10);
        } catch (RuntimeException e) {
            count("foreign message");
            return;
        }
        receipt(fast.seq(), k, intended, fast.hasId(), now);
    }

    private void receipt(long seq, int k, long intended, boolean hasId, long now) {
        if (!seen.add(seq)) {
            // A seq this client already has: the confirmation of a resend (docs/websocket-protocol.md), not a second delivery.
            if (hasId && unconfirmed.remove(k) != null) {
                observer.confirmed(this);
            }
            return;
        }
        if (size == seqs.length) {
            seqs = Arrays.copyOf(seqs, size * 2);
            ks = Arrays.copyOf(ks, size * 2);
            arrivals = Arrays.copyOf(arrivals, size * 2);
        }
        seqs[size] = seq;
        ks[size] = k;
        arrivals[size] = now;
        size++;
        lastSeq = Math.max(lastSeq, seq);
        if (k >= 0 && !got.get(k)) {
            got.set(k);
            distinct++;
            latency.record((now - intended) / 1000);
            if (timeline != null) {
                timeline.record(intended, now);
            }
            observer.delivered(now);
        }
        if (hasId && unconfirmed.remove(k) != null) {
            observer.confirmed(this);
        }
    }

    private void error(JsonObject e) {
        String code = e.getString("code", "?");
        count(code);
        String id = e.containsKey("id") && e.get("id").getValueType() == JsonValue.ValueType.STRING ? e.getString("id") : null;
        Integer k = id != null && id.startsWith("m") ? Integer.valueOf(id.substring(1)) : null;
        switch (code) {
            case "NICK_IN_USE" -> {
                Conn c = current;  // the old connection's session is not yet gone: say hello again a little later
                timer.schedule(() -> {
                    synchronized (this) {
                        if (c == current) {
                            hello(c);
                        }
                    }
                }, 3 * RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
            case "RATE_LIMITED" -> retryLater(k, RATE_LIMIT_RETRY_MILLIS);
            case "UNAVAILABLE" -> {
                if (k != null) {
                    waitingForLeader.add(k);
                }
            }
            default -> {
                if (k != null && unconfirmed.remove(k) != null) {
                    refusedMessages++;  // refused for good: stop resending it (it counts as lost)
                    note("message " + k + " refused: " + code + " " + e.getString("message", ""));
                }
            }
        }
    }

    private void retryLater(Integer k, long millis) {
        if (k == null) {
            return;
        }
        Conn c = current;
        timer.schedule(() -> {
            synchronized (this) {
                String f = unconfirmed.get(k);
                if (f != null && c == current && ready) {
                    c.send(f);
                }
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    /** Keeps the first few distinct reasons for the report. */
    private void note(String what) {
        String n = nick + ": " + what;
        if (notes.size() < 3 && !notes.contains(n)) {
            notes.add(n);
        }
    }

    private void count(String what) {
        errors.merge(what, 1, Integer::sum);
    }

    private static String frame(JsonObjectBuilder b) {
        return b.build().toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    // ------------------------------------------------------------------------------------------ one WebSocket

    /** One connection attempt: its WebSocket (which queues what is sent before the socket takes it). */
    private final class Conn implements NioWebSocket.Listener {
        final URI uri;
        volatile NioWebSocket ws;
        /** Whether the handshake succeeded: a failure before it is a failed connect (loop thread only). */
        private boolean opened;
        private volatile boolean dead;

        Conn(URI uri) {
            this.uri = uri;
        }

        @Override
        public void onOpen(NioWebSocket webSocket) {
            opened = true;
            opened(this);
        }

        @Override
        public void onText(NioWebSocket webSocket, String message) {
            // One or more frames, one per line.
            for (int from = 0; from < message.length(); ) {
                int end = message.indexOf('\n', from);
                end = end < 0 ? message.length() : end;
                received(this, message.substring(from, end));
                from = end + 1;
            }
        }

        @Override
        public void onClose(NioWebSocket webSocket, int statusCode, String reason) {
            lost(this, "closed by " + uri.getPort() + " (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
        }

        @Override
        public void onError(NioWebSocket webSocket, Throwable error) {
            if (opened) {
                lost(this, "connection to " + uri.getPort() + " failed: " + rootMessage(error));
            } else {
                lost(this, "connect to " + uri + " failed: " + rootMessage(error));
            }
        }

        void send(String frame) {
            trace("->", frame);
            if (!dead) {
                ws.sendText(frame);
            }
        }

        void dead() {
            dead = true;
            ws.abort();
        }
    }
}
