package org.syncnet.door.irc.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's life cycle, limits and robustness, with real sockets on the loopback interface. */
class TcpServerTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private TcpServer<String> server;

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private TcpServer<String> start(RecordingHandler handler, TcpServerOptions options) {
        server = new TcpServer<>(options, RecordingHandler.THREADS, handler);
        server.start();
        return server;
    }

    private TestClient connect() throws IOException {
        TestClient c = new TestClient(server.port());
        toClose.add(c);
        return c;
    }

    @Test
    void echoesThroughTheHandlerOnTheLoopThread() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, RecordingHandler.options(10, 1 << 20));
        assertNotEquals(0, server.port());

        TestClient client = connect();
        TcpConnection<String> c = handler.nextOpened();
        assertEquals(client.localPort(), c.remoteAddress().getPort());
        assertTrue(c.isOpen());
        client.send("PING :hello\r\n");
        assertEquals("PING :hello", client.readLine());
        client.send("caf\u00e9\r\n");
        assertEquals("caf\u00e9", client.readLine());
        assertEquals(1, server.connectionCount());
        assertEquals(1, new HashSet<>(handler.callbackThreads).size(), "one loop thread for everything");
    }

    @Test
    void twoHundredConnectionsAtOnce() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, RecordingHandler.options(1000, 1 << 20));
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            clients.add(connect());
        }
        for (int i = 0; i < 200; i++) {
            clients.get(i).send("client " + i + "\n");
        }
        for (int i = 0; i < 200; i++) {
            assertEquals("client " + i, clients.get(i).readLine());
        }
        for (int i = 0; i < 200; i++) {
            handler.nextOpened();
        }
        assertEquals(200, server.connectionCount());
        for (TestClient c : clients) {
            c.close();
        }
        for (int i = 0; i < 200; i++) {
            assertTrue(handler.nextClosed().endsWith(" " + TcpConnection.PEER_CLOSED));
        }
        assertEquals(0, server.connectionCount());
    }

    @Test
    void aConnectionBeyondTheLimitGetsTheRejectionAndNeverReachesTheHandler() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, RecordingHandler.options(3, 1 << 20));
        List<TestClient> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(connect());
            handler.nextOpened();
        }

        TestClient fourth = connect();
        assertEquals("ERROR :Closing Link: too many connections\r\n",
                new String(fourth.readToEnd(), StandardCharsets.US_ASCII));
        assertTrue(handler.opened.isEmpty());
        assertTrue(handler.closed.isEmpty());
        assertEquals(3, server.connectionCount());

        held.get(0).close();
        handler.nextClosed();
        TestClient fifth = connect();
        handler.nextOpened();
        fifth.send("room again\n");
        assertEquals("room again", fifth.readLine());
    }

    @Test
    void aPeerCloseIsReportedExactlyOnce() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, RecordingHandler.options(10, 1 << 20));
        TestClient client = connect();
        TcpConnection<String> c = handler.nextOpened();
        client.close();
        assertEquals(c.id() + " " + TcpConnection.PEER_CLOSED, handler.nextClosed());
        assertFalse(c.isOpen());
        c.send("too late\r\n".getBytes(StandardCharsets.US_ASCII));  // ignored, no error
        c.close("again");
        server.stop();
        assertEquals(List.of(TcpConnection.PEER_CLOSED), handler.closeReasons.get(c));
    }

    @Test
    void stopSendsTheFarewellClosesEveryConnectionOnceAndFreesThePort() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, RecordingHandler.options(10, 1 << 20));
        int port = server.port();
        ExecutorService readers = Executors.newFixedThreadPool(5);
        try {
            List<Future<String>> heard = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                TestClient client = connect();
                handler.nextOpened();
                heard.add(readers.submit(() -> {
                    String all = new String(client.readToEnd(), StandardCharsets.US_ASCII);
                    client.close();  // as an IRC client does on ERROR: lets the server close at once
                    return all;
                }));
            }
            server.stop("ERROR :Closing Link: server stopping\r\n".getBytes(StandardCharsets.US_ASCII));

            for (Future<String> h : heard) {
                assertEquals("ERROR :Closing Link: server stopping\r\n", h.get(10, TimeUnit.SECONDS));
            }
            assertEquals(5, handler.closeReasons.size(), "told before stop() returned");
            for (List<String> reasons : handler.closeReasons.values()) {
                assertEquals(List.of(TcpConnection.SERVER_STOPPING), reasons);
            }
            assertEquals(0, server.connectionCount());
            assertThrows(ConnectException.class, () -> new TestClient(port).close());
            server.stop();  // again: harmless
            assertEquals(5, handler.closed.size());
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void stopClosesAClientThatDoesNotCloseAfterTheDeadline() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, RecordingHandler.options(10, 1 << 20));
        TestClient client = connect();
        TcpConnection<String> c = handler.nextOpened();
        server.stop();
        assertEquals(List.of(TcpConnection.SERVER_STOPPING), handler.closeReasons.get(c));
        assertEquals(0, client.readToEnd().length);
    }

    @Test
    void aHandlerThatThrowsLosesOnlyThatConnection() throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger("org.syncnet.irc");
        log.addHandler(capture);
        try {
            RecordingHandler handler = new RecordingHandler() {
                @Override
                void onReceived(TcpConnection<String> connection, byte[] bytes) {
                    if (new String(bytes, StandardCharsets.UTF_8).startsWith("boom")) {
                        throw new IllegalStateException("handler bug");
                    }
                    super.onReceived(connection, bytes);
                }

                @Override
                public void opened(TcpConnection<String> connection) {
                    super.opened(connection);
                    if (connection.id() == 3) {
                        throw new StackOverflowError("an Error, not an exception");
                    }
                }
            };
            start(handler, RecordingHandler.options(10, 1 << 20));
            TestClient good = connect();
            TcpConnection<String> goodConnection = handler.nextOpened();
            TestClient bad = connect();
            TcpConnection<String> badConnection = handler.nextOpened();

            bad.send("boom\n");
            assertEquals(badConnection.id() + " " + TcpConnection.INTERNAL_ERROR, handler.nextClosed());
            assertEquals(0, bad.readToEnd().length);
            assertTrue(warnings.stream().anyMatch(r -> r.getThrown() instanceof IllegalStateException
                    && r.getMessage().contains("test: TCP connector")));

            TestClient third = connect();  // id 3: opened() throws an Error
            assertEquals("3 " + TcpConnection.INTERNAL_ERROR, handler.nextClosed());
            assertEquals(0, third.readToEnd().length);

            good.send("still here\n");
            assertEquals("still here", good.readLine());
            assertTrue(goodConnection.isOpen());
            TestClient fourth = connect();
            fourth.send("new one\n");
            assertEquals("new one", fourth.readLine());
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void aPortInUseFailsTheStartWithHostAndPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            TcpServerOptions options = new TcpServerOptions("test: TCP connector", "127.0.0.1", taken.getLocalPort(),
                    10, null, 1024);
            TcpServer<String> s = new TcpServer<>(options, RecordingHandler.THREADS, new RecordingHandler());
            UncheckedIOException e = assertThrows(UncheckedIOException.class, s::start);
            assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            s.stop();  // never started: nothing to do
        }
    }

    @Test
    void startsOnlyOnce() {
        start(new RecordingHandler(), RecordingHandler.options(10, 1024));
        assertThrows(IllegalStateException.class, server::start);
    }

    @Test
    void ticksEveryConnectionWithTheLoopsClock() throws Exception {
        Set<Long> ticked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Long> times = new CopyOnWriteArrayList<>();
        RecordingHandler handler = new RecordingHandler() {
            @Override
            void onTick(TcpConnection<String> connection, long nowNanos) {
                ticked.add(connection.id());
                times.add(nowNanos);
            }
        };
        start(handler, RecordingHandler.options(10, 1024));
        connect();
        connect();
        handler.nextOpened();
        handler.nextOpened();
        handler.awaitTicks(6);
        assertEquals(Set.of(1L, 2L), ticked);
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i) >= times.get(i - 1), "time never goes back");
        }
    }

    @Test
    void aWakeFromAnotherThreadCallsTheHandlerOnTheLoopThreadOncePerWakeOfAnOpenConnection() throws Exception {
        java.util.concurrent.BlockingQueue<Thread> woken = new java.util.concurrent.LinkedBlockingQueue<>();
        RecordingHandler handler = new RecordingHandler() {
            @Override
            public void woken(TcpConnection<String> connection) {
                woken.add(Thread.currentThread());
            }
        };
        start(handler, RecordingHandler.options(10, 1024));
        TestClient client = connect();
        TcpConnection<String> c = handler.nextOpened();
        connect();
        handler.nextOpened();  // keeps the loop ticking after c is closed
        client.send("x\r\n");
        client.readLine();  // the echo: the loop thread is the one that called back
        Thread other = new Thread(c::wake);
        other.start();
        other.join();
        Thread loop = woken.poll(10, TimeUnit.SECONDS);
        assertTrue(handler.callbackThreads.contains(loop), "on the loop thread: " + loop);
        c.close("bye");
        handler.nextClosed();
        c.wake();
        handler.awaitTicks(3);
        assertTrue(woken.isEmpty(), "a closed connection is not woken");
    }
}
