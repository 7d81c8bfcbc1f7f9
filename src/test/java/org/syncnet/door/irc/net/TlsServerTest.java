package org.syncnet.door.irc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncnet.tls.ServerTls;
import org.syncnet.tls.TestKeyStores;

/**
 * A server with a plain and a TLS listener, with real sockets on the loopback interface: lines over TLS however the
 * records are cut, refused and unfinished handshakes, the send queue, close_notify, and the shared connection limit.
 */
class TlsServerTest {
    /** Long enough for any real handshake on a busy machine; the deadline's own test sets a short one. */
    private static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(20);
    private static final Duration SHORT_HANDSHAKE_DEADLINE = Duration.ofMillis(300);

    @TempDir
    static Path dir;
    private static ServerTls serverTls;
    private static SSLContext clientTls;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private TcpServer<String> server;

    @BeforeAll
    static void makeKeyStore() throws Exception {
        Path keyStore = TestKeyStores.selfSigned(dir);
        serverTls = TestKeyStores.serverTls(keyStore);
        clientTls = TestKeyStores.clientTrusting(keyStore);
    }

    @AfterEach
    void closeEverything() throws Exception {
        pool.shutdownNow();
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private void start(RecordingHandler handler, int maxConnections, int sendQBytes) {
        start(handler, maxConnections, sendQBytes, HANDSHAKE_DEADLINE);
    }

    private void start(RecordingHandler handler, int maxConnections, int sendQBytes, Duration handshakeDeadline) {
        TlsOptions tls = new TlsOptions(serverTls.context(), serverTls.parameters(), handshakeDeadline);
        TcpServerOptions options = new TcpServerOptions("test: TCP connector", "127.0.0.1",
                List.of(TcpListener.plain(0), TcpListener.tls(0, tls)), maxConnections,
                "ERROR :Closing Link: too many connections\r\n".getBytes(StandardCharsets.US_ASCII), sendQBytes,
                Duration.ofMillis(20), Duration.ofMillis(500));
        server = new TcpServer<>(options, RecordingHandler.THREADS, handler);
        server.start();
    }

    private int tlsPort() {
        return server.boundPorts().get(1);
    }

    private SSLSocket tlsSocket(int receiveBuffer, String... protocols) throws IOException {
        SSLSocket s = (SSLSocket) clientTls.getSocketFactory().createSocket();
        toClose.add(s);
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.setSoTimeout(10_000);
        if (protocols.length > 0) {
            s.setEnabledProtocols(protocols);
        }
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tlsPort()), 5_000);
        return s;
    }

    private TlsTestClient tlsClient() throws IOException {
        TlsTestClient c = new TlsTestClient(tlsPort(), clientTls);
        toClose.add(c);
        return c;
    }

    private TestClient plainClient(int port) throws IOException {
        TestClient c = new TestClient(port);
        toClose.add(c);
        return c;
    }

    /** Polls {@code value} until it is {@code expected} or 10 s passed. */
    private static void await(String what, int expected, IntSupplier value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.getAsInt() != expected) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": " + value.getAsInt() + ", not " + expected);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aTlsClientExchangesLinesAndItsConnectionIsSecureWhileAPlainOneIsNot() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 10, 1 << 20);
        assertNotEquals(server.boundPorts().get(0), tlsPort());

        SSLSocket socket = tlsSocket(0);
        socket.startHandshake();
        assertEquals("TLSv1.3", socket.getSession().getProtocol());
        TcpConnection<String> c = handler.nextOpened();
        assertTrue(c.secure());
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        socket.getOutputStream().write("PING :hello\r\ncaf\u00e9\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("PING :hello", in.readLine());
        assertEquals("caf\u00e9", in.readLine());

        TestClient plain = plainClient(server.port());
        TcpConnection<String> p = handler.nextOpened();
        assertFalse(p.secure());
        plain.send("in clear\n");
        assertEquals("in clear", plain.readLine());
        assertEquals(2, server.connectionCount());
    }

    @Test
    void aTls12ClientGetsAnEcdheAeadSuite() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 10, 1 << 20);
        SSLSocket socket = tlsSocket(0, "TLSv1.2");
        socket.startHandshake();
        assertEquals("TLSv1.2", socket.getSession().getProtocol());
        String suite = socket.getSession().getCipherSuite();
        assertTrue(suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("CHACHA20")), suite);
        assertTrue(handler.nextOpened().secure());
    }

    @Test
    void aTls12ClientThatRenegotiatesIsClosed() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 10, 1 << 20);
        SSLSocket socket = tlsSocket(0, "TLSv1.2");
        socket.startHandshake();
        TcpConnection<String> c = handler.nextOpened();
        try {
            socket.startHandshake();  // a second handshake on the same connection
            socket.getOutputStream().write("still there?\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, socket.getInputStream().read());
        } catch (IOException expected) {
            // refused: the server closed the connection
        }
        assertEquals(c.id() + " TLS renegotiation refused", handler.nextClosed());
    }

    @Test
    void linesCutAcrossRecordsAndRecordsCutAcrossReadsArriveWhole() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 10, 1 << 20);
        TlsTestClient client = tlsClient().handshake();
        handler.nextOpened();

        String line = "PRIVMSG #lobby :a line cut into records of three bytes\r\n";
        client.sendRaw(client.records(line, 3), 1);  // and every record byte by byte
        assertEquals(line.strip(), client.readLine());
        for (int chunk : new int[] {2, 5, 7, 13, 64}) {
            client.sendRaw(client.records("chunks of " + chunk + "\r\n", 4), chunk);
            assertEquals("chunks of " + chunk, client.readLine());
        }
    }

    @Test
    void manyLinesInOneRecordAndMoreThanOneReadBufferInOneGo() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 10, 4 << 20);
        TlsTestClient client = tlsClient().handshake();
        handler.nextOpened();

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            many.append("PRIVMSG #lobby :line ").append(i).append("\r\n");
        }
        assertTrue(many.length() < 16 * 1024, "one record");
        client.send(many.toString());
        for (int i = 0; i < 300; i++) {
            assertEquals("PRIVMSG #lobby :line " + i, client.readLine());
        }

        StringBuilder lots = new StringBuilder();  // beyond the server's 64 KiB read buffer, in full records
        for (int i = 0; lots.length() < 300 * 1024; i++) {
            lots.append(i).append(' ').append("x".repeat(i % 500)).append("\r\n");
        }
        client.sendRaw(client.records(lots.toString(), 16 * 1024), 256 * 1024);
        String[] expected = lots.toString().split("\r\n");
        for (String e : expected) {
            assertEquals(e, client.readLine());
        }
    }

    @Test
    void aPlainTextClientOnTheTlsPortIsClosedWithoutReachingTheHandler() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 10, 1 << 20);
        TestClient confused = plainClient(tlsPort());
        confused.send("NICK bob\r\nUSER bob 0 * :Bob\r\n");
        assertOnlyAlerts(confused.readToEnd());
        await("connections", 0, server::connectionCount);
        assertTrue(handler.opened.isEmpty());
        assertTrue(handler.closed.isEmpty());
    }

    @Test
    void aHandshakeThatIsNeverFinishedIsClosedByItsDeadlineAndLoggedAtFine() throws Exception {
        List<LogRecord> fine = captureFineLogs();
        RecordingHandler handler = new RecordingHandler();
        start(handler, 10, 1 << 20, SHORT_HANDSHAKE_DEADLINE);
        byte[] hello = ClientHellos.hello(ClientHellos.TLS_1_2, ClientHellos.ECDHE_ECDSA_AES_128_GCM_SHA256);

        long before = System.nanoTime();
        TestClient silent = plainClient(tlsPort());
        TestClient halfHello = plainClient(tlsPort());
        halfHello.send(Arrays.copyOf(hello, 20));
        assertOnlyAlerts(silent.readToEnd());
        assertOnlyAlerts(halfHello.readToEnd());
        long tookNanos = System.nanoTime() - before;

        assertTrue(tookNanos >= SHORT_HANDSHAKE_DEADLINE.toNanos(), "not before its deadline: " + tookNanos);
        await("connections", 0, server::connectionCount);
        assertTrue(handler.opened.isEmpty());
        assertTrue(handler.closed.isEmpty());
        assertEquals(2, fine.stream().filter(r -> r.getLevel() == Level.FINE
                && r.getMessage().startsWith("test: TCP connector: TLS handshake with")
                && r.getMessage().endsWith(TcpConnection.HANDSHAKE_TIMEOUT)).count(), fine::toString);
    }

    @Test
    void tls11AndWeakSuitesAreRefused() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 10, 1 << 20);
        assertEquals(ClientHellos.HANDSHAKE, firstByteAnswering(
                ClientHellos.hello(ClientHellos.TLS_1_2, ClientHellos.ECDHE_ECDSA_AES_128_GCM_SHA256)),
                "the hand-made hello is good TLS 1.2");
        assertEquals(ClientHellos.ALERT, firstByteAnswering(ClientHellos.hello(ClientHellos.TLS_1_1,
                ClientHellos.ECDHE_ECDSA_AES_128_CBC_SHA, ClientHellos.ECDHE_ECDSA_AES_128_GCM_SHA256)), "TLS 1.1");
        assertEquals(ClientHellos.ALERT, firstByteAnswering(ClientHellos.hello(ClientHellos.TLS_1_2,
                ClientHellos.ECDHE_ECDSA_AES_128_CBC_SHA256, ClientHellos.RSA_AES_128_GCM_SHA256)), "CBC, or no ECDHE");
        await("connections", 0, server::connectionCount);
        assertTrue(handler.opened.isEmpty());

        SSLSocket tls11 = tlsSocket(0);
        tls11.setEnabledProtocols(new String[] {"TLSv1.2"});
        tls11.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
        assertThrows(SSLException.class, tls11::startHandshake, "a JDK client offering only a CBC suite");
    }

    /** The first byte of the server's answer to {@code hello} (after which the test hangs up). */
    private int firstByteAnswering(byte[] hello) throws IOException {
        try (TestClient c = new TestClient(tlsPort())) {
            c.send(hello);
            return c.input().read();
        }
    }

    @Test
    void aTlsClientThatDoesNotReadIsDroppedForSendQ() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 10, 256 * 1024);
        SSLSocket stuckSocket = tlsSocket(16 * 1024);
        stuckSocket.startHandshake();
        TcpConnection<String> stuck = handler.nextOpened();
        TlsTestClient reader = tlsClient().handshake();
        TcpConnection<String> fine = handler.nextOpened();

        byte[] line = new byte[1024];
        Arrays.fill(line, (byte) 'x');
        line[1023] = '\n';
        long maxQueued = 0;
        for (int i = 0; i < 10 * 1024 && stuck.isOpen(); i++) {
            stuck.send(line);
            maxQueued = Math.max(maxQueued, stuck.queuedBytes());
        }
        assertEquals(stuck.id() + " " + TcpConnection.SENDQ_EXCEEDED, handler.nextClosed());
        assertTrue(maxQueued <= 256 * 1024, "the limit counts the bytes before encryption: " + maxQueued);
        assertEquals(0, stuck.queuedBytes(), "the queue's memory is released");

        fine.send("still served\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("still served", reader.readLine());
    }

    @Test
    void concurrentSendsOverTlsArriveWholeAndInOrderPerThread() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 10, 64 * 1024 * 1024);
        SSLSocket socket = tlsSocket(16 * 1024);  // small, so that sends queue and the loop encrypts too
        socket.startHandshake();
        TcpConnection<String> c = handler.nextOpened();
        int threads = 8;
        int perThread = 500;
        CountDownLatch full = new CountDownLatch(1);
        Future<List<String>> lines = pool.submit(() -> {
            full.await(30, TimeUnit.SECONDS);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            List<String> all = new ArrayList<>();
            for (int i = 0; i < threads * perThread; i++) {
                all.add(in.readLine());
            }
            return all;
        });
        AtomicBoolean queued = new AtomicBoolean();
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            senders.add(pool.submit(() -> {
                Random random = new Random(thread);
                for (int seq = 0; seq < perThread; seq++) {
                    int padding = random.nextInt(3000);
                    String body = String.valueOf((char) ('a' + (thread + seq) % 26)).repeat(padding);
                    c.send((thread + " " + seq + " " + body + "\n").getBytes(StandardCharsets.US_ASCII));
                    if (c.queuedBytes() > 0) {
                        queued.set(true);
                        full.countDown();
                    }
                }
                return null;
            }));
        }
        for (Future<?> sender : senders) {
            sender.get(30, TimeUnit.SECONDS);
        }
        full.countDown();
        int[] next = new int[threads];
        for (String line : lines.get(30, TimeUnit.SECONDS)) {
            String[] parts = line.split(" ", 3);
            int thread = Integer.parseInt(parts[0]);
            int seq = Integer.parseInt(parts[1]);
            assertEquals(next[thread]++, seq, "thread " + thread + "'s sends in order");
            char fill = (char) ('a' + (thread + seq) % 26);
            assertTrue(parts[2].chars().allMatch(ch -> ch == fill), () -> "line " + seq + " arrived cut or mixed");
        }
        assertTrue(queued.get(), "the socket was full at times: the loop encrypted queued sends too");
        assertEquals(0, c.queuedBytes());
    }

    @Test
    void closeAfterSendingDeliversEverythingQueuedBeforeCloseNotify() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 10, 4 * 1024 * 1024);
        TlsTestClient client = tlsClient().handshake();
        TcpConnection<String> c = handler.nextOpened();
        String big = ("y".repeat(999) + "\n").repeat(2048);  // 2 MB: more than the socket takes at once
        c.send(big.getBytes(StandardCharsets.US_ASCII));
        c.closeAfterSending("ERROR :Closing Link: bye\r\n".getBytes(StandardCharsets.US_ASCII), "Quit: bye");
        for (int i = 0; i < 2048; i++) {
            assertEquals(999, client.readLine().length());
        }
        assertEquals("ERROR :Closing Link: bye", client.readLine());
        assertTrue(client.readToClose(), "close_notify after the last line");
        client.close();
        assertEquals(c.id() + " Quit: bye", handler.nextClosed());
    }

    @Test
    void closeAfterSendingWritesTheLastLineThenCloseNotify() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 10, 1 << 20);
        TlsTestClient client = tlsClient().handshake();
        TcpConnection<String> c = handler.nextOpened();
        c.closeAfterSending("ERROR :Closing Link: bye\r\n".getBytes(StandardCharsets.US_ASCII), "bye");
        assertEquals("ERROR :Closing Link: bye", client.readLine());
        assertTrue(client.readToClose(), "close_notify");
        client.close();
        assertEquals(c.id() + " bye", handler.nextClosed());
    }

    @Test
    void anAbruptCloseStillSaysCloseNotify() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 10, 1 << 20);
        TlsTestClient client = tlsClient().handshake();
        TcpConnection<String> c = handler.nextOpened();
        c.close("kicked");
        assertTrue(client.readToClose(), "close_notify");
        assertEquals(c.id() + " kicked", handler.nextClosed());
    }

    @Test
    void stopSendsTheFarewellAndCloseNotifyAndDropsHandshakes() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 10, 1 << 20);
        TlsTestClient client = tlsClient().handshake();
        TcpConnection<String> c = handler.nextOpened();
        TestClient shaking = plainClient(tlsPort());
        await("connections", 2, server::connectionCount);
        Future<Boolean> closeNotify = pool.submit(() -> {
            String farewell = client.readLine();
            boolean said = client.readToClose();
            client.close();  // as an IRC client does on ERROR: lets the server close at once
            return farewell.equals("ERROR :Closing Link: server stopping") && said;
        });
        server.stop("ERROR :Closing Link: server stopping\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(closeNotify.get(10, TimeUnit.SECONDS), "the farewell, then close_notify");
        assertOnlyAlerts(shaking.readToEnd());
        assertEquals(List.of(TcpConnection.SERVER_STOPPING), handler.closeReasons.get(c));
        assertEquals(1, handler.closeReasons.size(), "the handshaking connection never reached the handler");
    }

    @Test
    void plainAndTlsConnectionsShareTheLimit() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 2, 1 << 20);
        plainClient(server.port());
        handler.nextOpened();
        TestClient shaking = plainClient(tlsPort());  // a handshake in progress holds its place
        await("connections", 2, server::connectionCount);

        assertEquals("ERROR :Closing Link: too many connections\r\n",
                new String(plainClient(server.port()).readToEnd(), StandardCharsets.US_ASCII));
        assertEquals(0, plainClient(tlsPort()).readToEnd().length, "no plain-text ERROR to a TLS client");

        shaking.close();
        await("connections", 1, server::connectionCount);
        tlsClient().handshake();
        assertTrue(handler.nextOpened().secure());
    }

    /** What a client that did not finish its handshake hears: nothing, or TLS alerts (never IRC, never data). */
    private static void assertOnlyAlerts(byte[] answer) {
        for (int at = 0; at < answer.length; ) {
            assertEquals(ClientHellos.ALERT, answer[at], () -> Arrays.toString(answer));
            at += 5 + ((answer[at + 3] & 0xff) << 8 | answer[at + 4] & 0xff);
        }
    }

    /** Records of the connector's logger at FINE and above for the rest of the test. */
    private List<LogRecord> captureFineLogs() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger("org.syncnet.irc");
        Level before = log.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.setLevel(Level.FINE);
        log.addHandler(capture);
        toClose.add(() -> {
            log.removeHandler(capture);
            log.setLevel(before);
        });
        return records;
    }
}
