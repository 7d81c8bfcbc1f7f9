package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Steady chat through both doors into one room: IRC and WebSocket senders, each numbering its lines ("name n"), at
 * a fixed pace, and IRC and WebSocket listeners that log every line with its arrival time. Afterwards it checks what
 * a fault must not break: every listener got every line once, all in one order, each sender's lines in the order
 * sent; and it measures the longest pause between two lines at each listener.
 */
final class ChatLoad implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A line as a listener received it. */
    record Heard(String text, long atNanos) {
    }

    /** One listener: its door and server, and what it heard in order. */
    static final class Listener {
        final String name;
        private final List<Heard> heard = new ArrayList<>();
        private final ChatClient ws;

        Listener(String name, ChatClient ws) {
            this.name = name;
            this.ws = ws;
        }

        synchronized void add(String text, long at) {
            heard.add(new Heard(text, at));
        }

        synchronized List<Heard> heard() {
            if (ws == null) {
                return List.copyOf(heard);
            }
            List<Heard> all = new ArrayList<>();
            List<JsonObject> messages = ws.messages();
            List<Long> arrivals = ws.messageArrivals();
            for (int i = 0; i < messages.size(); i++) {
                all.add(new Heard(messages.get(i).getString("text"), arrivals.get(i)));
            }
            return all;
        }

        List<String> texts() {
            return heard().stream().map(Heard::text).toList();
        }
    }

    private final String room;
    private final long everyMillis;
    private final List<AutoCloseable> connections = new ArrayList<>();
    private final List<Thread> senders = new ArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();
    /** Per sender, the lines it sent, in order. */
    private final Map<String, List<String>> sent = new LinkedHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** The WebSocket senders, to show what the server answered them when their lines went missing. */
    private final List<ChatClient> wsSenders = new ArrayList<>();

    /** @param everyMillis each sender's pace */
    ChatLoad(String room, long everyMillis) {
        this.room = room;
        this.everyMillis = everyMillis;
    }

    /** An IRC client on {@code port} that only listens. */
    ChatLoad ircListener(String nick, int port) throws Exception {
        IrcClient c = IrcClient.register(nick, port, WAIT);
        connections.add(c);
        Listener l = new Listener(nick + "@irc:" + port, null);
        c.tap((line, at) -> {
            if ("PRIVMSG".equals(line.command()) && room.equals(line.param(0))) {
                l.add(line.last(), at);
            }
        });
        c.send("JOIN " + room);
        c.await("own JOIN", IrcClient.command("JOIN", nick), WAIT);
        listeners.add(l);
        return this;
    }

    /** A WebSocket client on {@code httpPort} that only listens. */
    ChatLoad wsListener(String nick, int httpPort) throws Exception {
        ChatClient c = wsJoined(nick, httpPort);
        listeners.add(new Listener(nick + "@ws:" + httpPort, c));
        return this;
    }

    /** An IRC client on {@code port} that sends a line every interval once {@link #start}ed. */
    ChatLoad ircSender(String nick, int port) throws Exception {
        IrcClient c = IrcClient.register(nick, port, WAIT);
        connections.add(c);
        c.send("JOIN " + room);
        c.await("own JOIN", IrcClient.command("JOIN", nick), WAIT);
        List<String> lines = register(nick);
        senders.add(new Thread(() -> pace(n -> {
            String text = nick + " " + n;
            c.send("PRIVMSG " + room + " :" + text);
            record(lines, text);
        }), "send-" + nick));
        return this;
    }

    /** A WebSocket client on {@code httpPort} that sends a message every interval once {@link #start}ed. */
    ChatLoad wsSender(String nick, int httpPort) throws Exception {
        ChatClient c = wsJoined(nick, httpPort);
        wsSenders.add(c);
        List<String> lines = register(nick);
        senders.add(new Thread(() -> pace(n -> {
            String text = nick + " " + n;
            c.say(room, room.substring(1) + "-" + n, text); // ids are the sender's own: unique per load
            record(lines, text);
        }), "send-" + nick));
        return this;
    }

    private ChatClient wsJoined(String nick, int httpPort) throws Exception {
        ChatClient c = ChatClient.connect(nick, httpPort);
        connections.add(c);
        c.hello(nick, room.substring(1) + "-" + nick, 0);
        c.await("welcome", ChatClient.type("welcome"), WAIT);
        c.join(room, 0);
        c.await("own join", ChatClient.presence(nick, "join"), WAIT);
        return c;
    }

    private synchronized List<String> register(String sender) {
        List<String> lines = new ArrayList<>();
        sent.put(sender, lines);
        return lines;
    }

    private void record(List<String> lines, String text) {
        synchronized (this) {
            lines.add(text);
        }
    }

    private void pace(java.util.function.IntConsumer send) {
        long next = System.nanoTime();
        for (int n = 1; running.get(); n++) {
            send.accept(n);
            next += everyMillis * 1_000_000;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));  // the pace of a sender, not a wait
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    void start() {
        senders.forEach(Thread::start);
    }

    /** Stops sending and waits until every listener heard every line sent (or the deadline). */
    void stop(Duration wait) throws InterruptedException {
        running.set(false);
        for (Thread t : senders) {
            t.join();
        }
        int total = sentCount();
        long deadline = System.nanoTime() + wait.toNanos();
        for (Listener l : listeners) {
            while (l.heard().size() < total && System.nanoTime() < deadline) {
                Thread.sleep(50);  // polls the listener's log: the lines arrive on the clients' own threads
            }
        }
    }

    synchronized int sentCount() {
        return sent.values().stream().mapToInt(List::size).sum();
    }

    String room() {
        return room;
    }

    List<Listener> listeners() {
        return listeners;
    }

    /**
     * Every listener heard every line sent, once, all in one order, which keeps each sender's lines in the order it
     * sent them. Returns that order.
     */
    List<String> assertDeliveredOnceInOneOrderKeepingEachSendersOrder() {
        Map<String, List<String>> bySender;
        synchronized (this) {
            bySender = new LinkedHashMap<>();
            sent.forEach((k, v) -> bySender.put(k, List.copyOf(v)));
        }
        assertTrue(sentCount() > 0, "nothing was sent");
        List<String> first = listeners.get(0).texts();
        for (Listener l : listeners) {
            List<String> texts = l.texts();
            assertEquals(texts.size(), texts.stream().distinct().count(), l.name + " heard a line twice");
            assertEquals(sentCount(), texts.size(), () -> l.name + " heard " + texts.size() + " of " + sentCount()
                    + " lines: " + missing(bySender, texts) + wsErrors());
            assertEquals(first, texts, l.name + " heard another order than " + listeners.get(0).name);
        }
        for (Map.Entry<String, List<String>> s : bySender.entrySet()) {
            List<String> inLog = first.stream().filter(t -> t.startsWith(s.getKey() + " ")).toList();
            assertEquals(s.getValue(), inLog, s.getKey() + "'s lines out of the order it sent them");
        }
        return first;
    }

    /** The first error each WebSocket sender got, if any. */
    private String wsErrors() {
        StringBuilder out = new StringBuilder();
        for (ChatClient c : wsSenders) {
            c.frames().stream().filter(f -> "error".equals(f.getString("type"))).findFirst()
                    .ifPresent(f -> out.append(c.label).append(" was told ").append(f).append("; "));
        }
        return out.toString();
    }

    /** Per sender: how many of its lines were not heard, and the first of them. */
    private static String missing(Map<String, List<String>> bySender, List<String> heard) {
        java.util.Set<String> got = new java.util.HashSet<>(heard);
        StringBuilder out = new StringBuilder();
        bySender.forEach((sender, lines) -> {
            List<String> lost = lines.stream().filter(t -> !got.contains(t)).toList();
            out.append(sender).append(": ").append(lost.size()).append(" of ").append(lines.size()).append(" missing")
                    .append(lost.isEmpty() ? "" : " from \"" + lost.get(0) + "\" to \"" + lost.get(lost.size() - 1)
                            + "\"").append("; ");
        });
        return out.toString();
    }

    /** The longest time between two consecutive lines at {@code l} that arrived between the two instants. */
    static long longestPauseMillis(Listener l, long fromNanos, long toNanos) {
        List<Heard> heard = l.heard();
        if (heard.isEmpty()) {
            return (toNanos - fromNanos) / 1_000_000;
        }
        long longest = 0;
        long previous = Math.max(fromNanos, heard.get(0).atNanos);
        toNanos = Math.min(toNanos, heard.get(heard.size() - 1).atNanos);
        for (Heard h : heard) {
            if (h.atNanos < fromNanos) {
                continue;
            }
            if (h.atNanos > toNanos) {
                break;
            }
            longest = Math.max(longest, h.atNanos - previous);
            previous = h.atNanos;
        }
        return Math.max(longest, toNanos - previous) / 1_000_000;
    }

    @Override
    public void close() {
        running.set(false);
        for (AutoCloseable c : connections) {
            try {
                c.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
    }
}
