package org.syncnet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.syncnet.door.irc.wire.FramedLine;
import org.syncnet.door.irc.wire.IrcLineFramer;

/**
 * Many idle chat clients held open on one server (a tool that prints numbers, not a test;
 * scripts/bench_connections.sh runs it to measure what an idle connection costs the server). It opens
 * {@code --count} connections through one door, at most {@code --parallel} registering at a time; each registers and
 * joins one room shared by {@code --room-size} of them, then stays silent, answering only the server's pings (IRC
 * PING, WebSocket ping frames). Once every client is in its room (or failed) it prints one {@code READY} line and
 * holds them until its standard input says {@code quit} or ends; {@code status} prints how many are still open.
 * <pre>
 *   --door=irc --target=127.0.0.1:8290            IRC: NICK, USER, JOIN; in its room at 366 (end of NAMES)
 *   --door=ws  --target=ws://127.0.0.1:8370/syncnet/chat   WebSocket: hello, join; in its room at "members"
 *   --count=10000 --parallel=200 --room-size=100 --timeout=300 (s for all to join)
 * </pre>
 */
public final class IdleConnections {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

    private final String door;
    private final String target;
    private final int count;
    private final int roomSize;
    private final Semaphore registering;
    private final String tag = BenchRun.tag(3);
    private final AtomicInteger joined = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicInteger pings = new AtomicInteger();
    private final List<AutoCloseable> clients = new ArrayList<>();
    private volatile String firstFailure;

    private IdleConnections(String door, String target, int count, int parallel, int roomSize) {
        this.door = door;
        this.target = target;
        this.count = count;
        this.roomSize = roomSize;
        this.registering = new Semaphore(parallel);
    }

    public static void main(String[] args) throws Exception {
        IdleConnections run;
        int timeout;
        try {
            BenchArgs a = new BenchArgs(args);
            String door = a.text("door", "irc");
            BenchArgs.require(door.equals("irc") || door.equals("ws"), "--door must be irc or ws");
            String target = a.text("target", null);
            BenchArgs.require(target != null, "--target is required");
            int count = a.integer("count", 10_000);
            int parallel = a.integer("parallel", 200);
            int roomSize = a.integer("room-size", 100);
            timeout = a.integer("timeout", 300);
            BenchArgs.require(count >= 0 && parallel >= 1 && roomSize >= 1 && timeout >= 1,
                    "--count >= 0, --parallel, --room-size and --timeout >= 1");
            a.requireAllUsed();
            run = new IdleConnections(door, target, count, parallel, roomSize);
        } catch (IllegalArgumentException e) {
            System.err.println("IdleConnections: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run.run(timeout));
    }

    private int run(int timeoutSeconds) throws Exception {
        List<NioLoop> loops = List.of(new NioLoop("idle-nio-0"), new NioLoop("idle-nio-1"));
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (int i = 0; i < count; i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !registering.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                break;
            }
            NioLoop loop = loops.get(i % loops.size());
            String room = "#idle-" + tag + "-" + i / roomSize;
            // 16 characters at most (the chat's nick limit): "i", the tag, the index.
            String nick = "i" + tag + Integer.toString(i, 36);
            synchronized (clients) {
                clients.add(door.equals("irc") ? new Irc(loop, nick, room) : new Ws(loop, nick, room));
            }
        }
        while (joined.get() + failed.get() < count && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "READY door=%s joined=%d failed=%d lost=%d seconds=%.1f%s%n", door,
                joined.get(), failed.get(), lost.get(), seconds,
                firstFailure == null ? "" : " first_failure=" + firstFailure.replace(' ', '_'));
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.trim().equals("quit"); ) {
            if (line.trim().equals("status")) {
                System.out.printf("STATUS door=%s open=%d lost=%d pings=%d%n", door, joined.get() - lost.get(),
                        lost.get(), pings.get());
                System.out.flush();
            }
        }
        synchronized (clients) {
            for (AutoCloseable c : clients) {
                c.close();
            }
        }
        Thread.sleep(500);  // lets the loops write the QUITs and close frames
        loops.forEach(NioLoop::close);
        return joined.get() == count ? 0 : 1;
    }

    private void clientFailed(String why) {
        if (firstFailure == null) {
            firstFailure = why;
        }
        failed.incrementAndGet();
        registering.release();
    }

    /** Where one client stands, either door: joining, in its room, or failed; its callbacks run on its loop thread. */
    private abstract class IdleClient implements AutoCloseable {
        private boolean in;
        private boolean over;

        /** Its room answered the join: counted once; true the first time. */
        final boolean joinedRoom() {
            if (in) {
                return false;
            }
            in = true;
            joined.incrementAndGet();
            registering.release();
            return true;
        }

        /** The server refused it before it was in its room: a failed client (once). */
        final void refused(String why) {
            if (!in && !over) {
                over = true;
                clientFailed(why);
            }
        }

        /** Its connection ended: a lost connection once it was in, else a failed client. */
        final void ended(String why) {
            if (in) {
                lost.incrementAndGet();
            } else {
                refused(why);
            }
        }
    }

    /** One idle IRC client. */
    private final class Irc extends IdleClient implements NioSocket.Protocol {
        private final String nick;
        private final String room;
        private final IrcLineFramer framer = new IrcLineFramer();
        private final NioSocket socket;

        Irc(NioLoop loop, String nick, String room) {
            this.nick = nick;
            this.room = room;
            InetSocketAddress address = address(target);
            this.socket = NioSocket.connect(loop, address, CONNECT_TIMEOUT, false, this);
        }

        @Override
        public void connected(NioSocket s) {
            s.send(("NICK " + nick + "\r\nUSER " + nick + " 0 * :idle\r\nJOIN " + room + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void received(NioSocket s, ByteBuffer bytes) {
            framer.feed(bytes, f -> {
                if (f instanceof FramedLine.Line l) {
                    line(s, l.text());
                }
            });
        }

        private void line(NioSocket s, String line) {
            String[] words = line.split(" ", 4);
            if (words[0].equals("PING")) {
                pings.incrementAndGet();
                s.send(("PONG " + line.substring(5) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            } else if (words.length > 1 && words[1].equals("366")) {
                if (joinedRoom()) {
                    s.established();
                }
            } else if (words[0].equals("ERROR") || words.length > 1 && words[1].matches("4\\d\\d")) {
                refused(line);
            }
        }

        @Override
        public void closed(NioSocket s) {
            ended("closed by the server");
        }

        @Override
        public void failed(NioSocket s, Throwable error) {
            ended(String.valueOf(error));
        }

        @Override
        public void close() {
            socket.sendLast("QUIT :done\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.abort();
        }
    }

    /** One idle browser client on the WebSocket door. */
    private final class Ws extends IdleClient implements NioWebSocket.Listener {
        private final String nick;
        private final String room;
        private final NioWebSocket ws;
        private boolean welcomed;

        Ws(NioLoop loop, String nick, String room) {
            this.nick = nick;
            this.room = room;
            this.ws = NioWebSocket.connect(loop, URI.create(target), CONNECT_TIMEOUT, this);
        }

        @Override
        public void onOpen(NioWebSocket w) {
            w.sendText("{\"type\":\"hello\",\"nick\":\"" + nick + "\",\"session\":\"" + nick + "-" + BenchRun.tag(8)
                    + "\",\"version\":2}");
        }

        @Override
        public void onText(NioWebSocket w, String message) {
            for (String frame : message.split("\n")) {
                if (!welcomed && frame.contains("\"type\":\"welcome\"")) {
                    welcomed = true;
                    w.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}");
                } else if (frame.contains("\"type\":\"members\"")) {
                    joinedRoom();
                } else if (frame.contains("\"type\":\"error\"")) {
                    refused(frame);
                }
            }
        }

        @Override
        public void onClose(NioWebSocket w, int code, String reason) {
            ended("closed " + code + " " + reason);
        }

        @Override
        public void onError(NioWebSocket w, Throwable error) {
            ended(String.valueOf(error));
        }

        @Override
        public void close() {
            ws.sendClose(NioWebSocket.NORMAL_CLOSURE, "done");
            ws.abort();
        }
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
