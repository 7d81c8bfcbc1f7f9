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
import org.syncnet.testclient.IrcLine;

/**
 * An IRC client on a plain socket for the integration tests: sends raw lines, keeps every line it receives (answering
 * the server's PINGs), and waits for a line with a deadline. Parses lines with the test clients' own parser
 * ({@link IrcLine}), independently of the server's, so the tests check the wire format the server really writes.
 */
final class IrcClient implements AutoCloseable {
    private final String label;
    private final Socket socket;
    private final OutputStream out;
    private final List<IrcLine> received = new ArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Why reading ended, if not by the server's close (a reset, a line this client cannot parse). */
    private volatile String endedBy;
    private volatile boolean answerPings = true;
    /** Sees every line as it arrives, with its arrival time ({@link System#nanoTime()}), before it is kept. */
    private volatile java.util.function.BiConsumer<IrcLine, Long> tap = (line, at) -> { };

    private IrcClient(String label, Socket socket) throws IOException {
        this.label = label;
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "irc-" + label);
        reader.setDaemon(true);
        reader.start();
    }

    static IrcClient connect(String label, int port) throws IOException {
        return connect(label, "127.0.0.1", port);
    }

    static IrcClient connect(String label, String host, int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), 5_000);
        return new IrcClient(label, s);
    }

    /** Over TLS, trusting what {@code tls} trusts. */
    static IrcClient connectTls(String label, int port, javax.net.ssl.SSLContext tls) throws IOException {
        javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.startHandshake();
        return new IrcClient(label, s);
    }

    /**
     * Connects, registers and waits for 001 (welcome); fails on anything else that ends the registration. With
     * {@code caps}, requests them first (registration waits for {@code CAP END}) and fails unless they are ACKed.
     */
    static IrcClient register(String nick, int port, Duration wait, String... caps)
            throws IOException, InterruptedException {
        return register(nick, "127.0.0.1", port, wait, caps);
    }

    static IrcClient register(String nick, String host, int port, Duration wait, String... caps)
            throws IOException, InterruptedException {
        IrcClient c = connect(nick, host, port);
        if (caps.length > 0) {
            c.send("CAP REQ :" + String.join(" ", caps));
        }
        c.send("NICK " + nick);
        c.send("USER " + nick + " 0 * :" + nick + " the tester");
        if (caps.length > 0) {
            IrcLine answer = c.await("CAP ACK or NAK", l -> "CAP".equals(l.command()), wait);
            if (!"ACK".equals(answer.param(1))) {
                c.close();
                throw new AssertionError(nick + ": capabilities refused: " + answer.raw());
            }
            c.send("CAP END");
        }
        IrcLine welcome = c.await("welcome", l -> l.command().equals("001") || l.command().equals("433"), wait);
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
                IrcLine line = IrcLine.parse(raw);
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
    void tap(java.util.function.BiConsumer<IrcLine, Long> tap) {
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
    IrcLine await(String what, Predicate<IrcLine> match, Duration wait) throws InterruptedException {
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
            return received.stream().map(IrcLine::raw).toList();
        }
    }

    /** Whether a matching line was received and not taken (no waiting). */
    boolean has(Predicate<IrcLine> match) {
        synchronized (received) {
            return received.stream().anyMatch(match);
        }
    }

    CompletableFuture<Void> closed() {
        return closed;
    }

    static Predicate<IrcLine> numeric(String code) {
        return l -> code.equals(l.command());
    }

    static Predicate<IrcLine> command(String command, String nick) {
        return l -> command.equals(l.command()) && nick.equals(l.nick());
    }

    static Predicate<IrcLine> message(String from, String target, String text) {
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
