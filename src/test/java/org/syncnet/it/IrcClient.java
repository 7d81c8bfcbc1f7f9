package org.syncnet.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * An IRC client on a plain socket for the integration tests: sends raw lines, keeps every line it receives (answering
 * the server's PINGs), and waits for a line with a deadline. Parses lines itself ({@link Line}), independently of the
 * server's parser, so the tests check the wire format the server really writes.
 */
final class IrcClient implements AutoCloseable {
    private final String label;
    private final Socket socket;
    private final OutputStream out;
    private final List<Line> received = new ArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Why reading ended, if not by the server's close (a reset, a line this client cannot parse). */
    private volatile String endedBy;
    private volatile boolean answerPings = true;
    /** Sees every line as it arrives, with its arrival time ({@link System#nanoTime()}), before it is kept. */
    private volatile java.util.function.BiConsumer<Line, Long> tap = (line, at) -> { };

    /**
     * One received line: {@code [@tags] [:prefix] COMMAND params... [:trailing]}; {@code tags} is the tag section
     * without its '@' (null if none), e.g. {@code time=2026-11-27T10:00:00.000Z}.
     */
    record Line(String raw, String tags, String prefix, String command, List<String> params) {
        static Line parse(String raw) {
            String rest = raw;
            String tags = null;
            if (rest.startsWith("@")) {
                int space = rest.indexOf(' ');
                tags = rest.substring(1, space);
                rest = rest.substring(space + 1);
            }
            String prefix = null;
            if (rest.startsWith(":")) {
                int space = rest.indexOf(' ');
                prefix = rest.substring(1, space);
                rest = rest.substring(space + 1);
            }
            List<String> params = new ArrayList<>();
            String command = null;
            while (!rest.isEmpty()) {
                if (command != null && rest.startsWith(":")) {
                    params.add(rest.substring(1));
                    break;
                }
                int space = rest.indexOf(' ');
                String word = space < 0 ? rest : rest.substring(0, space);
                rest = space < 0 ? "" : rest.substring(space + 1);
                if (command == null) {
                    command = word;
                } else {
                    params.add(word);
                }
            }
            return new Line(raw, tags, prefix, command, List.copyOf(params));
        }

        /** The value of tag {@code key} (unescaped values are not needed here), or null. */
        String tag(String key) {
            if (tags == null) {
                return null;
            }
            for (String tag : tags.split(";")) {
                String[] kv = tag.split("=", 2);
                if (kv[0].equals(key)) {
                    return kv.length > 1 ? kv[1] : "";
                }
            }
            return null;
        }

        String param(int i) {
            return i < params.size() ? params.get(i) : null;
        }

        String last() {
            return params.isEmpty() ? null : params.get(params.size() - 1);
        }

        String nick() {
            return prefix == null ? null : prefix.split("!", 2)[0];
        }
    }

    private IrcClient(String label, Socket socket) throws IOException {
        this.label = label;
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "irc-" + label);
        reader.setDaemon(true);
        reader.start();
    }

    static IrcClient connect(String label, int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return new IrcClient(label, s);
    }

    /**
     * Connects, registers and waits for 001 (welcome); fails on anything else that ends the registration. With
     * {@code caps}, requests them first (registration waits for {@code CAP END}) and fails unless they are ACKed.
     */
    static IrcClient register(String nick, int port, Duration wait, String... caps)
            throws IOException, InterruptedException {
        IrcClient c = connect(nick, port);
        if (caps.length > 0) {
            c.send("CAP REQ :" + String.join(" ", caps));
        }
        c.send("NICK " + nick);
        c.send("USER " + nick + " 0 * :" + nick + " the tester");
        if (caps.length > 0) {
            Line answer = c.await("CAP ACK or NAK", l -> "CAP".equals(l.command()), wait);
            if (!"ACK".equals(answer.param(1))) {
                c.close();
                throw new AssertionError(nick + ": capabilities refused: " + answer.raw());
            }
            c.send("CAP END");
        }
        Line welcome = c.await("welcome", l -> l.command().equals("001") || l.command().equals("433"), wait);
        if (!welcome.command().equals("001")) {
            c.close();
            throw new AssertionError(nick + ": registration refused: " + welcome.raw());
        }
        c.await("end of MOTD", numeric("376").or(numeric("422")), wait);
        return c;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            String raw;
            while ((raw = in.readLine()) != null) {
                Line line = Line.parse(raw);
                tap.accept(line, System.nanoTime());
                if ("PING".equals(line.command()) && answerPings) {
                    send("PONG :" + line.last());
                }
                synchronized (received) {
                    received.add(line);
                    received.notifyAll();
                }
            }
        } catch (IOException | RuntimeException e) {
            endedBy = e.toString();  // closed: the future says so; a failing await tells how
        } finally {
            closed.complete(null);
            synchronized (received) {
                received.notifyAll();
            }
        }
    }

    /** Lines from now on are also handed to {@code tap}, with their arrival time, as they arrive. */
    void tap(java.util.function.BiConsumer<Line, Long> tap) {
        this.tap = tap;
    }

    /** From now on the client keeps silent when the server PINGs it (a dead client, as the server sees it). */
    void ignorePings() {
        answerPings = false;
    }

    void sendBytes(byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    void send(String line) {
        try {
            synchronized (out) {
                out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            throw new AssertionError(label + ": cannot send " + line, e);
        }
    }

    /** The first line received (from the start) that matches and was not taken by an earlier await. */
    Line await(String what, Predicate<Line> match, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (received) {
            while (true) {
                for (int i = 0; i < received.size(); i++) {
                    if (match.test(received.get(i))) {
                        return received.remove(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed.isDone()) {
                    throw new AssertionError(label + ": no " + what + " within " + wait.toMillis() + " ms"
                            + (closed.isDone() ? " (connection closed" + (endedBy == null ? "" : ": " + endedBy) + ")"
                            : "") + "; received: " + rawLines());
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Every line received and not taken yet. */
    List<String> rawLines() {
        synchronized (received) {
            return received.stream().map(Line::raw).toList();
        }
    }

    /** Whether a matching line was received and not taken (no waiting). */
    boolean has(Predicate<Line> match) {
        synchronized (received) {
            return received.stream().anyMatch(match);
        }
    }

    CompletableFuture<Void> closed() {
        return closed;
    }

    static Predicate<Line> numeric(String code) {
        return l -> code.equals(l.command());
    }

    static Predicate<Line> command(String command, String nick) {
        return l -> command.equals(l.command()) && nick.equals(l.nick());
    }

    static Predicate<Line> message(String from, String target, String text) {
        return l -> "PRIVMSG".equals(l.command()) && from.equals(l.nick()) && target.equals(l.param(0))
                && text.equals(l.last());
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
