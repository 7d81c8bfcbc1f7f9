package org.syncnet.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.syncnet.testclient.IrcLine;

/**
 * Chat at a steady pace into one room from clients on this host, through both doors, while faults happen: on each
 * node a WebSocket user and an IRC user, each sending a numbered line ("ws1 17") every interval and recording what
 * it hears. A user whose connection ends reconnects to the next node: the WebSocket user as the browser page does
 * (same session, {@code resumeFrom} its last seq, its unconfirmed messages resent with their ids); the IRC user as an
 * IRC client does (a new connection, JOIN again; what it missed meanwhile is gone for it, and a line it sent without
 * its echo is neither confirmed nor resent).
 */
final class SteadyChat implements AutoCloseable {
    static final String ROOM = "#faults";
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** One line a user sent; confirmed when the cluster's answer came back (WebSocket: its id; IRC: the echo). */
    static final class Line {
        final String sender;
        final int n;
        final String text;
        final long sentAt;
        volatile long confirmedAt;
        volatile String refused;

        Line(String sender, int n) {
            this.sender = sender;
            this.n = n;
            this.text = sender + " " + n;
            this.sentAt = System.nanoTime();
        }
    }

    /** What one user heard, in arrival order: the text, over WebSocket its seq (-1 over IRC), and when. */
    record Heard(String text, long seq, long atNanos) {
    }

    abstract static class User {
        final String name;
        final List<Line> sent = new ArrayList<>();
        final List<Heard> heard = new ArrayList<>();
        /** Answers that said the cluster could not take a line now (UNAVAILABLE, the IRC door's NOTICE). */
        final AtomicInteger told = new AtomicInteger();
        final AtomicInteger reconnects = new AtomicInteger();
        /** Its connections' story (node, resume point, what a resume brought), for a violation's message. */
        final List<String> journal = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile int node;

        User(String name, int node) {
            this.name = name;
            this.node = node;
        }

        synchronized List<Line> sent() {
            return List.copyOf(sent);
        }

        synchronized List<Heard> heard() {
            return List.copyOf(heard);
        }

        synchronized void hear(String text, long seq) {
            heard.add(new Heard(text, seq, System.nanoTime()));
        }

        abstract boolean resumes();

        abstract void connect(String host) throws Exception;

        abstract boolean connected();

        abstract void send(Line line);

        /** Whether the user sends a new line now (not while too many wait for the cluster). */
        boolean mayType() {
            return true;
        }

        abstract void disconnect();
    }

    private final List<String> hosts;
    private final long everyMillis;
    final List<User> users = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    /** @param hosts the nodes' addresses, in node order */
    SteadyChat(List<String> hosts, long everyMillis) {
        this.hosts = hosts;
        this.everyMillis = everyMillis;
    }

    /** Connects a WebSocket and an IRC user to every node and starts them sending. */
    void start() throws Exception {
        for (int i = 0; i < hosts.size(); i++) {
            users.add(new WsUser("ws" + (i + 1), i));
            users.add(new IrcUser("irc" + (i + 1), i));
        }
        for (User u : users) {
            u.connect(hosts.get(u.node));
        }
        for (User u : users) {
            Thread t = new Thread(() -> run(u), "steady-" + u.name);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** The user's life: a line every interval, and a reconnect to the next node whenever its connection ends. */
    private void run(User u) {
        long next = System.nanoTime();
        int n = 0;
        while (running.get()) {
            if (!u.connected()) {
                reconnect(u);
                continue;
            }
            if (u.mayType()) {
                u.send(new Line(u.name, ++n));
            }
            next += everyMillis * 1_000_000;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);  // the sender's pace, not a wait for anything
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime();  // after a reconnect: keep the pace from now, no burst
            }
        }
    }

    private void reconnect(User u) {
        u.disconnect();
        for (int attempt = 1; running.get(); attempt++) {
            u.node = (u.node + 1) % hosts.size();
            try {
                u.connect(hosts.get(u.node));
                u.reconnects.incrementAndGet();
                return;
            } catch (Exception | AssertionError e) {
                u.journal.add("node" + (u.node + 1) + ": " + e);
                u.disconnect();
                try {
                    Thread.sleep(Math.min(1000, 100L * attempt));  // a client's back-off between attempts
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Stops sending (the users stay connected and keep hearing). */
    void stopSending() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(10_000);
        }
    }

    @Override
    public void close() {
        running.set(false);
        users.forEach(User::disconnect);
    }

    /** A browser-like user: protocol version 2, one session across reconnects, resends until confirmed. */
    static final class WsUser extends User {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();
        /** Well below the rate limit's burst (syncnet.chat.rate.burst, 20). */
        private static final int MAX_UNCONFIRMED = 10;
        private final String session = "faults-" + Long.toHexString(System.nanoTime());
        private final Map<String, Line> unconfirmed = new LinkedHashMap<>();
        private final Map<Long, String> bySeq = new java.util.HashMap<>();
        /** Answers RATE_LIMITED: the pacing here must never earn one. */
        final AtomicInteger rateLimited = new AtomicInteger();
        private long lastSeq;
        private volatile WebSocket ws;
        private volatile CompletableFuture<Void> closed = CompletableFuture.completedFuture(null);
        private CompletableFuture<JsonObject> awaited;
        private String awaitedType;

        WsUser(String name, int node) {
            super(name, node);
        }

        @Override
        boolean resumes() {
            return true;
        }

        @Override
        void connect(String host) throws Exception {
            CompletableFuture<Void> ended = new CompletableFuture<>();
            WebSocket socket = HTTP.newWebSocketBuilder().connectTimeout(WAIT)
                    .buildAsync(URI.create("ws://" + host + ":8080/syncnet/chat"), new Listener(ended))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            long resumeFrom;
            synchronized (this) {
                resumeFrom = lastSeq;
            }
            JsonObject welcome = call(socket, Json.createObjectBuilder().add("type", "hello").add("nick", name)
                    .add("session", session).add("version", 2).add("resumeFrom", resumeFrom).build(), "welcome");
            if (!"welcome".equals(welcome.getString("type"))) {
                socket.abort();
                throw new IllegalStateException(name + ": hello answered " + welcome);
            }
            JsonObject members = call(socket, Json.createObjectBuilder().add("type", "join").add("room", ROOM)
                    .add("resumeFrom", resumeFrom).build(), "members");
            if (!"members".equals(members.getString("type"))) {
                socket.abort();
                throw new IllegalStateException(name + ": join answered " + members);
            }
            List<Line> resend;
            synchronized (this) {
                ws = socket;
                closed = ended;
                resend = List.copyOf(unconfirmed.values());
            }
            resend.forEach(this::transmit);  // as the page does: before anything new, with their ids
        }

        /**
         * A user whose lines are not confirmed stops typing after a few: so the lines queued in a frozen server, or
         * resent at a reconnect, stay within the rate limit's burst.
         */
        @Override
        synchronized boolean mayType() {
            return unconfirmed.size() < MAX_UNCONFIRMED;
        }

        /** Sends a frame and waits for the first frame of {@code type} or an error. */
        private JsonObject call(WebSocket socket, JsonObject frame, String type) throws Exception {
            CompletableFuture<JsonObject> answer = new CompletableFuture<>();
            synchronized (this) {
                awaited = answer;
                awaitedType = type;
            }
            socket.sendText(frame.toString(), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        boolean connected() {
            return ws != null && !closed.isDone();
        }

        @Override
        void send(Line line) {
            synchronized (this) {
                sent.add(line);
                unconfirmed.put(line.text, line);
            }
            transmit(line);
        }

        private void transmit(Line line) {
            WebSocket socket = ws;
            if (socket == null) {
                return;  // sent on the next connection
            }
            String id = name + "-" + line.n;
            socket.sendText(Json.createObjectBuilder().add("type", "message").add("id", id).add("room", ROOM)
                    .add("text", line.text).build().toString(), true);
        }

        @Override
        void disconnect() {
            WebSocket socket;
            synchronized (this) {
                socket = ws;
                ws = null;
            }
            if (socket != null) {
                socket.abort();
            }
        }

        private synchronized void received(JsonObject frame) {
            String type = frame.getString("type");
            if (awaited != null && (type.equals(awaitedType) || type.equals("error"))) {
                awaited.complete(frame);
                awaited = null;
            }
            switch (type) {
                case "event" -> event(frame);
                case "history" -> {
                    List<JsonObject> messages = frame.getJsonArray("messages").getValuesAs(JsonObject.class);
                    journal.add("node" + (node + 1) + ": history after " + lastSeq + ": " + messages.size()
                            + " messages" + (messages.isEmpty() ? "" : ", seq " + messages.get(0).get("seq") + ".."
                            + messages.get(messages.size() - 1).get("seq")) + ", complete " + frame.get("complete"));
                    messages.forEach(this::event);
                }
                case "error" -> {
                    if (frame.containsKey("id")) {
                        Line line = unconfirmed.get(textOf(frame.getString("id")));
                        String code = frame.getString("code", "");
                        if (code.equals("UNAVAILABLE")) {
                            told.incrementAndGet();
                        } else if (code.equals("RATE_LIMITED")) {
                            rateLimited.incrementAndGet();
                        } else if (line != null) {
                            line.refused = frame.getString("code", "?");
                            unconfirmed.remove(line.text);
                        }
                    }
                }
                default -> { }
            }
        }

        private String textOf(String id) {
            return name + " " + id.substring(id.lastIndexOf('-') + 1);
        }

        private void event(JsonObject e) {
            if (!ROOM.equals(e.getString("room", ""))) {
                return;
            }
            long seq = e.getJsonNumber("seq").longValue();
            String text = e.getString("text");
            if (e.containsKey("id")) {
                Line line = unconfirmed.remove(text);
                if (line != null) {
                    line.confirmedAt = System.nanoTime();
                }
            }
            String before = bySeq.putIfAbsent(seq, text);
            if (before == null) {
                hear(text, seq);  // a seq heard before is a resend's confirmation, not a delivery
            } else if (!before.equals(text)) {
                hear(text, seq);  // the checker reports two texts under one seq
            }
            lastSeq = Math.max(lastSeq, seq);
        }

        synchronized int unconfirmed() {
            return unconfirmed.size();
        }

        private final class Listener implements WebSocket.Listener {
            private final StringBuilder partial = new StringBuilder();
            private final CompletableFuture<Void> ended;

            Listener(CompletableFuture<Void> ended) {
                this.ended = ended;
            }

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    for (String line : partial.toString().split("\n")) {
                        received(Json.createReader(new StringReader(line)).readObject());
                    }
                    partial.setLength(0);
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                ended.complete(null);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                ended.complete(null);
            }
        }
    }

    /** An IRC client with echo-message: its own line's echo is the confirmation; no resend (IRC has no ids). */
    static final class IrcUser extends User {
        private volatile IrcClient irc;
        private final Map<String, Line> unconfirmed = new java.util.concurrent.ConcurrentHashMap<>();

        IrcUser(String name, int node) {
            super(name, node);
        }

        @Override
        boolean resumes() {
            return false;
        }

        @Override
        void connect(String host) throws Exception {
            // a new nick on each connection: the old one may be held until the cluster ends the old connection
            String wanted = reconnects.get() == 0 ? name : name + "_" + reconnects.get();
            IrcClient c = IrcClient.register(wanted, host, 8000, WAIT, "echo-message");
            c.tap((line, at) -> heard(wanted, line));
            c.send("JOIN " + ROOM);
            c.await("own JOIN", IrcClient.command("JOIN", wanted), WAIT);
            irc = c;
        }

        private void heard(String me, IrcLine line) {
            if ("NOTICE".equals(line.command()) && line.prefix() != null && !line.prefix().contains("!")) {
                told.incrementAndGet();  // the server's notice that a command could not be committed in time
            }
            if (!"PRIVMSG".equals(line.command()) || !ROOM.equalsIgnoreCase(line.param(0))) {
                return;
            }
            String text = line.last();
            if (me.equals(line.nick())) {
                Line own = unconfirmed.remove(text);
                if (own != null) {
                    own.confirmedAt = System.nanoTime();
                }
            }
            hear(text, -1);
        }

        @Override
        boolean connected() {
            IrcClient c = irc;
            return c != null && !c.closed().isDone();
        }

        @Override
        void send(Line line) {
            IrcClient c = irc;
            if (c == null) {
                return;
            }
            unconfirmed.put(line.text, line);  // before sending: the echo may come back at once
            try {
                c.send("PRIVMSG " + ROOM + " :" + line.text);
            } catch (AssertionError e) {
                unconfirmed.remove(line.text);
                return;  // the connection broke: the line was never sent
            }
            synchronized (this) {
                sent.add(line);
            }
        }

        @Override
        void disconnect() {
            IrcClient c = irc;
            irc = null;
            if (c != null) {
                c.close();
            }
        }
    }
}
