package org.syncnet.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The client against a scripted IRC server on the loopback interface (an ephemeral port). */
class IrcBenchClientTest {
    private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();

    @Test
    void registersWithEchoMessageJoinsAnswersPingsRecordsAndSends() throws Exception {
        try (NioLoop loop = new NioLoop("test-nio");
             ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IrcBenchClient client = new IrcBenchClient(0, "b0", "#r", (InetSocketAddress) server.getLocalSocketAddress(),
                    true, loop, (at, m, now) -> delivered.add(at.nick() + " got " + m.k() + " from " + m.sender()));
            client.connect();
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                assertEquals("CAP LS 302", in.readLine());
                assertEquals("NICK b0", in.readLine());
                assertTrue(in.readLine().startsWith("USER b0 0 * :"));
                write(out, ":srv CAP * LS :multi-prefix echo-message");
                assertEquals("CAP REQ :echo-message", in.readLine());
                write(out, ":srv CAP b0 ACK :echo-message");
                assertEquals("CAP END", in.readLine());
                write(out, ":srv 001 b0 :Welcome", ":srv 433 * b1 :Nickname is already in use");
                assertEquals("JOIN #r", in.readLine());
                assertFalse(client.joined().isDone());
                write(out, ":b0!~b0@127.0.0.1 JOIN :#r");
                client.joined().get(5, TimeUnit.SECONDS);
                assertTrue(client.echo());
                write(out, "PING :tok");
                assertEquals("PONG :tok", in.readLine());

                long due = System.nanoTime();
                write(out, ":o!u@h PRIVMSG #r :3 " + due + " 1",  // the fast path
                        "@time=x :o!u@h PRIVMSG #R :4 " + due + " 1",  // tags: the full parser
                        ":o!u@h PRIVMSG #r :hello, a person",     // foreign
                        ":o!u@h PRIVMSG #other :5 " + due + " 1",  // another room
                        ":o!u@h PRIVMSG #r :3 " + due + " 1",      // again
                        "PING :sync");
                assertEquals("PONG :sync", in.readLine(), "lines are handled in order: all of the above are done");
                assertEquals("b0 got 3 from 1", delivered.poll(5, TimeUnit.SECONDS));
                assertEquals("b0 got 4 from 1", delivered.poll(5, TimeUnit.SECONDS));
                client.send(7, 1234);
                assertEquals("PRIVMSG #r :7 1234 0", in.readLine());
                assertArrayEquals(new int[] {3, 4, 3}, client.received(), "the repeat is kept for the duplicate count");
                assertEquals(2, client.latency().count());
                assertArrayEquals(new int[] {7}, client.sent());
                assertEquals(Map.of("foreign message", 1, "433", 1), client.errors());
                assertFalse(client.hasAll(5, false), "0, 1 and 2 are missing");
                assertFalse(client.gone());
            }
            assertTrue(waitGone(client), "the server closed the connection");
            assertTrue(client.notes().toString().contains("closed by"), client.notes().toString());
            assertEquals(null, delivered.poll(100, TimeUnit.MILLISECONDS), "no delivery but the first receipts");
        }
    }

    @Test
    void aRefusedConnectionFailsTheJoin() throws Exception {
        try (NioLoop loop = new NioLoop("test-nio")) {
            InetSocketAddress closed;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = (InetSocketAddress) s.getLocalSocketAddress();
            }
            IrcBenchClient client = new IrcBenchClient(1, "b1", "#r", closed, true, loop, (at, m, now) -> { });
            client.connect();
            ExecutionException e = assertThrows(ExecutionException.class, () -> client.joined().get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("connecting to"), e.getCause().getMessage());
            assertTrue(client.gone());
        }
    }

    @Test
    void hasAllCountsOwnMessagesOnlyWithEcho() throws Exception {
        try (NioLoop loop = new NioLoop("test-nio");
             ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IrcBenchClient client = new IrcBenchClient(0, "b0", "#r", (InetSocketAddress) server.getLocalSocketAddress(),
                    false, loop, (at, m, now) -> delivered.add("got " + m.k()));
            client.connect();
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                in.readLine();
                client.send(0, 1);
                assertEquals("PRIVMSG #r :0 1 0", waitFor(in, "PRIVMSG"));
                write(s.getOutputStream(), ":o!u@h PRIVMSG #r :1 1 1");
                assertEquals("got 1", delivered.poll(5, TimeUnit.SECONDS));
                assertTrue(client.hasAll(2, false), "message 0 is its own: without echo it is not due here");
                assertFalse(client.hasAll(2, true));
                client.close();
            }
            assertFalse(client.gone(), "its own QUIT does not count as a lost connection");
        }
    }

    private static String waitFor(BufferedReader in, String command) throws Exception {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith(command)) {
                return line;
            }
        }
        return null;
    }

    private static boolean waitGone(IrcBenchClient client) throws InterruptedException {
        for (int i = 0; i < 250 && !client.gone(); i++) {
            Thread.sleep(20);  // polling a condition with a deadline, not a sleep instead of synchronisation
        }
        return client.gone();
    }

    private static void write(OutputStream out, String... lines) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append("\r\n");
        }
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
