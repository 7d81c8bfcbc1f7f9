package org.syncnet.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.syncnet.door.irc.wire.FramedLine;
import org.syncnet.door.irc.wire.IrcLineFramer;
import org.syncnet.testclient.IrcLine;

/**
 * One benchmark IRC client on a {@link NioSocket}: registers ({@code CAP LS 302} and echo-message where offered, see
 * {@link ClientCapNegotiation}; NICK, USER), joins the bench room, records every benchmark PRIVMSG it receives (message
 * number, arrival, latency from the due time; see {@link IrcBenchText}) and, if it is a sender, sends PRIVMSGs.
 * It answers PINGs, over TLS when given a context. There is no reconnect: IRC has no resume, so a client that loses its connection stays gone and
 * what it misses counts as lost. Lines are cut with the IRC door's own {@link IrcLineFramer} and parsed with the test
 * clients' {@link IrcLine}, as the integration tests' IRC client parses them.
 */
final class IrcBenchClient implements NioSocket.Protocol, LoadPhase.Sender {
    /** What the run learns from a client, called on the loop thread. */
    interface Observer {
        /** The first receipt of message {@code m} at client {@code at}. */
        void delivered(IrcBenchClient at, IrcBenchText m, long arrivalNanos);
    }

    /** Until the client is in the room: connecting, registering, joining. */
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

    private final int index;
    private final String nick;
    private final String room;
    private final InetSocketAddress target;
    private final NioLoop loop;
    /** Null: plain TCP. */
    private final SSLContext tls;
    private final Observer observer;
    private final CompletableFuture<Void> joined = new CompletableFuture<>();
    // Loop thread only.
    private final IrcLineFramer framer = new IrcLineFramer();
    private final ClientCapNegotiation cap;
    private volatile NioSocket socket;
    private volatile boolean echo;

    // Guarded by this.
    private int[] ks = new int[4096];
    /** From the start of the send phase on (kept small: a saturation run brings millions of deliveries). */
    private DeliveryTimeline timeline;
    private int size;
    private final BitSet got = new BitSet();
    private final LatencyHistogram latency = new LatencyHistogram();
    private int[] sent = new int[1024];
    private int sentCount;
    private boolean gone;
    private boolean closing;
    private final Map<String, Integer> errors = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();

    IrcBenchClient(int index, String nick, String room, InetSocketAddress target, boolean wantEcho, NioLoop loop,
                   Observer observer) {
        this(index, nick, room, target, wantEcho, loop, null, observer);
    }

    /** {@code tls}: connect with TLS, trusting through this context; null for plain TCP. */
    IrcBenchClient(int index, String nick, String room, InetSocketAddress target, boolean wantEcho, NioLoop loop,
                   SSLContext tls, Observer observer) {
        this.index = index;
        this.nick = nick;
        this.room = room;
        this.target = target;
        this.loop = loop;
        this.tls = tls;
        this.observer = observer;
        this.cap = new ClientCapNegotiation(wantEcho);
    }

    int index() {
        return index;
    }

    String nick() {
        return nick;
    }

    InetSocketAddress target() {
        return target;
    }

    void connect() {
        socket = NioSocket.connect(loop, target, JOIN_TIMEOUT, tls, false, this);
    }

    /** Completes once this client's JOIN of the room came back; fails when its connection does first. */
    CompletableFuture<Void> joined() {
        return joined;
    }

    /** Whether the server acknowledged echo-message for this client (known once {@link #joined} completed). */
    boolean echo() {
        return echo;
    }

    /** Sends message {@code k} (a PRIVMSG to the room) that was due at {@code dueNanos}. Any thread. */
    @Override
    public void send(int k, long dueNanos) {
        synchronized (this) {
            if (sentCount == sent.length) {
                sent = Arrays.copyOf(sent, sentCount * 2);
            }
            sent[sentCount++] = k;
        }
        line("PRIVMSG " + room + " :" + new IrcBenchText(k, dueNanos, index).encode());
    }

    /** Says QUIT and closes the connection; nothing follows. */
    void close() {
        synchronized (this) {
            closing = true;
        }
        NioSocket s = socket;
        if (s != null) {
            s.sendLast("QUIT :bench done\r\n".getBytes(StandardCharsets.UTF_8));
            s.abort();
        }
    }

    // ------------------------------------------------------------------------------------------ results

    /** The message numbers this client sent. */
    synchronized int[] sent() {
        return Arrays.copyOf(sent, sentCount);
    }

    /** The message numbers received, in arrival order, duplicates included. */
    synchronized int[] received() {
        return Arrays.copyOf(ks, size);
    }

    /**
     * Records when deliveries arrive in the send phase from now on (set before it starts), into {@code shared}: the
     * timeline of every client on this client's loop thread, which alone records into it.
     */
    synchronized void startTimeline(DeliveryTimeline shared) {
        timeline = shared;
    }

    /** What the timeline recorded; null if none was started. */
    synchronized DeliveryTimeline timeline() {
        return timeline;
    }

    /** Whether this client has every message 0..total-1 it should get (without echo, its own ones excepted). */
    synchronized boolean hasAll(int total, boolean withEcho) {
        int own = 0;
        if (!withEcho) {
            for (int i = 0; i < sentCount; i++) {
                if (sent[i] < total && !got.get(sent[i])) {
                    own++;
                }
            }
        }
        return got.get(0, total).cardinality() + own >= total;
    }

    /** Whether its connection is gone (closed by the server or failed). */
    synchronized boolean gone() {
        return gone;
    }

    synchronized LatencyHistogram latency() {
        LatencyHistogram copy = new LatencyHistogram();
        copy.add(latency);
        return copy;
    }

    synchronized Map<String, Integer> errors() {
        return new TreeMap<>(errors);
    }

    synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    // ------------------------------------------------------------------------------------------ NioSocket.Protocol

    @Override
    public void connected(NioSocket s) {
        socket = s;  // the same one connect() keeps, maybe before connect() does
        line(ClientCapNegotiation.OPEN);
        line("NICK " + nick);
        line("USER " + nick + " 0 * :SyncNet IRC bench");
    }

    @Override
    public void received(NioSocket s, ByteBuffer in) {
        framer.feed(in, this::framed);
    }

    @Override
    public void closed(NioSocket s) {
        lost("closed by " + target);
    }

    @Override
    public void failed(NioSocket s, Throwable error) {
        lost((joined.isDone() ? "connection to " : "connecting to ") + target + " failed: " + error);
    }

    private void lost(String why) {
        synchronized (this) {
            if (closing) {
                return;  // our own QUIT: the server's ERROR and close are the expected answer
            }
            gone = true;
            note(why);
        }
        joined.completeExceptionally(new IOException(nick + ": " + why));
    }

    // ------------------------------------------------------------------------------------------ lines in

    private void framed(FramedLine f) {
        if (f instanceof FramedLine.Line l) {
            handle(l.text(), System.nanoTime());
        } else {
            count(f instanceof FramedLine.TooLong ? "line too long" : "binary line");
        }
    }

    private void handle(String text, long now) {
        IrcBenchText fast = IrcBenchText.decodePrivmsg(text, room);
        if (fast != null) {
            receipt(fast, now);  // the hot path: no parser, no substrings
            return;
        }
        IrcLine m;
        try {
            m = IrcLine.parse(text);
        } catch (RuntimeException e) {
            m = null;
        }
        if (m == null || m.command() == null) {
            count("unparsable line");
            return;
        }
        switch (m.command()) {
            case "PRIVMSG" -> privmsg(m, now);
            case "PING" -> line("PONG :" + (m.params().isEmpty() ? "" : m.param(0)));
            case "CAP" -> {
                cap.onCap(m.params()).forEach(this::line);
                echo = cap.echo();
            }
            case "001" -> line("JOIN " + room);
            case "JOIN" -> {
                if (nick.equalsIgnoreCase(m.nick()) && room.equalsIgnoreCase(m.param(0))) {
                    socket.established();
                    joined.complete(null);
                }
            }
            case "ERROR" -> {
                synchronized (this) {
                    if (!closing) {
                        note("ERROR " + m.param(0));
                    }
                }
            }
            default -> {
                if (m.command().matches("[45][0-9][0-9]")) {  // an error numeric: 433 nick in use, 404 cannot send...
                    count(m.command());
                    noteSynchronized(text);
                }
            }
        }
    }

    private void privmsg(IrcLine m, long now) {
        if (!room.equalsIgnoreCase(m.param(0))) {
            return;
        }
        IrcBenchText t = m.params().size() == 2 ? IrcBenchText.decode(m.param(1)) : null;
        if (t == null) {
            count("foreign message");
            return;
        }
        receipt(t, now);
    }

    private void receipt(IrcBenchText t, long now) {
        boolean first;
        synchronized (this) {
            if (size == ks.length) {
                ks = Arrays.copyOf(ks, size * 2);
            }
            ks[size] = t.k();
            size++;
            if (timeline != null) {
                timeline.record(t.dueNanos(), now);
            }
            first = !got.get(t.k());
            if (first) {
                got.set(t.k());
                latency.record((now - t.dueNanos()) / 1000);
            }
        }
        if (first) {
            observer.delivered(this, t, now);
        }
    }

    // ------------------------------------------------------------------------------------------ lines out

    private void line(String line) {
        socket.send((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private synchronized void count(String what) {
        errors.merge(what, 1, Integer::sum);
    }

    private synchronized void noteSynchronized(String what) {
        note(what);
    }

    /** Keeps the first few distinct reasons for the report. Holds this. */
    private void note(String what) {
        String n = nick + ": " + what;
        if (notes.size() < 3 && !notes.contains(n)) {
            notes.add(n);
        }
    }
}
