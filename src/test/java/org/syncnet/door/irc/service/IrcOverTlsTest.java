package org.syncnet.door.irc.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncnet.chat.app.LocalChat;
import org.syncnet.door.irc.IrcConfig;
import org.syncnet.door.irc.IrcServerInfo;
import org.syncnet.door.irc.net.TcpConnection;
import org.syncnet.door.irc.net.TcpHandler;
import org.syncnet.door.irc.net.TcpListener;
import org.syncnet.door.irc.net.TcpServer;
import org.syncnet.door.irc.net.TcpServerOptions;
import org.syncnet.door.irc.net.TlsOptions;
import org.syncnet.tls.ServerTls;
import org.syncnet.tls.TestKeyStores;

/**
 * The IRC door over TLS through real sockets, with a log the test commits by hand: a client registers and chats as over
 * plain TCP, however its lines are cut into records; its connection knows it is secure; the flood limits hold.
 */
class IrcOverTlsTest {
    @TempDir
    static Path dir;
    private static ServerTls serverTls;
    private static SSLContext clientTls;

    private final HandCommittedLog log = new HandCommittedLog();
    private final LocalChat chat = log.chat;
    private final BlockingQueue<IrcConnection> opened = new LinkedBlockingQueue<>();
    private final ExecutorService applier = Executors.newSingleThreadExecutor();
    private final ExecutorService checker = Executors.newSingleThreadExecutor();
    private final List<Socket> sockets = new ArrayList<>();
    private TcpServer<IrcConnection> server;

    @BeforeAll
    static void makeKeyStore() throws Exception {
        Path keyStore = TestKeyStores.selfSigned(dir);
        serverTls = TestKeyStores.serverTls(keyStore);
        clientTls = TestKeyStores.clientTrusting(keyStore);
    }

    @BeforeEach
    void start() {
        chat.start(applier);
        IrcConfig config = IrcConfig.fromSettings(name -> null);
        IrcServerInfo info = IrcServerInfo.forServer("server1", "test", "today", List.of());
        TlsOptions tls = new TlsOptions(serverTls.context(), serverTls.parameters(), Duration.ofSeconds(10));
        TcpServerOptions options = new TcpServerOptions("test: IRC", "127.0.0.1",
                List.of(TcpListener.plain(0), TcpListener.tls(0, tls)), 10, IrcConnections.FULL, 1 << 20,
                Duration.ofMillis(20), Duration.ofMillis(500));
        server = new TcpServer<>(options, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }, new Recording(new IrcConnections(chat, info, config, checker, TestAccounts.of(chat))));
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        server.stop();
        chat.stop();
        applier.shutdownNow();
        checker.shutdownNow();
    }

    /** The door's handler, noting each connection it attaches. */
    private final class Recording implements TcpHandler<IrcConnection> {
        private final IrcConnections door;

        Recording(IrcConnections door) {
            this.door = door;
        }

        @Override
        public void opened(TcpConnection<IrcConnection> c) {
            door.opened(c);
            opened.add(c.attachment());
        }

        @Override
        public void received(TcpConnection<IrcConnection> c, ByteBuffer bytes) {
            door.received(c, bytes);
        }

        @Override
        public void tick(TcpConnection<IrcConnection> c, long nowNanos) {
            door.tick(c, nowNanos);
        }

        @Override
        public void woken(TcpConnection<IrcConnection> c) {
            door.woken(c);
        }

        @Override
        public void closed(TcpConnection<IrcConnection> c, String reason) {
            door.closed(c, reason);
        }
    }

    private SSLSocket tlsSocket() throws IOException {
        SSLSocket s = (SSLSocket) clientTls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                server.boundPorts().get(1));
        sockets.add(s);
        s.setSoTimeout(5000);
        return s;
    }

    private IrcConnection nextOpened() throws InterruptedException {
        IrcConnection c = opened.poll(10, TimeUnit.SECONDS);
        assertTrue(c != null, "no connection opened");
        return c;
    }

    /** Lines until one whose command (second word) is {@code command}, that one included. */
    private static List<String> readThrough(BufferedReader in, String command) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = in.readLine();
            assertTrue(line != null, "closed; got " + lines);
            lines.add(line);
            String[] words = line.split(" ");
            if (words.length > 1 && words[1].equals(command)) {
                return lines;
            }
        }
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Writes {@code text} one byte a record (an SSLSocket makes a record of every write). */
    private static void writeByteByByte(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.write(b);
        }
    }

    @Test
    void aTlsClientRegistersAndChatsAndItsConnectionIsSecure() throws Exception {
        SSLSocket socket = tlsSocket();
        BufferedReader in = reader(socket);
        writeByteByByte(socket, "NICK alice\r\nUSER a 0 * :Alice\r\n");
        log.commit(log.next());
        List<String> welcome = readThrough(in, "422");
        assertTrue(welcome.get(0).contains(" 001 alice "), welcome.get(0));
        assertTrue(nextOpened().secure());

        socket.getOutputStream().write("JOIN #tls\r\nPING a\r\nPING b\r\n".getBytes(StandardCharsets.UTF_8));
        log.commit(log.next());
        List<String> joined = readThrough(in, "PONG");
        assertEquals(List.of("JOIN", "353", "366", "PONG"), joined.stream().map(l -> l.split(" ")[1]).toList());
        assertTrue(joined.get(3).endsWith("a"), joined.get(3));
        String second = in.readLine();
        assertTrue(second.contains(" PONG ") && second.endsWith("b"), second);
    }

    @Test
    void aPlainClientsConnectionIsNotSecure() throws Exception {
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.boundPorts().get(0));
        sockets.add(plain);
        plain.setSoTimeout(5000);
        assertFalse(nextOpened().secure());
    }

    @Test
    void aFloodOverTlsIsCutOffAsOverPlainTcp() throws Exception {
        SSLSocket socket = tlsSocket();
        BufferedReader in = reader(socket);
        socket.getOutputStream().write("NICK bob\r\nUSER b 0 * :Bob\r\n".getBytes(StandardCharsets.UTF_8));
        log.commit(log.next());
        readThrough(in, "422");
        String flood = ("PING :" + "x".repeat(100) + "\r\n").repeat(200);  // beyond the 8 KiB that may be held back
        socket.getOutputStream().write(flood.getBytes(StandardCharsets.UTF_8));
        String line;
        do {
            line = in.readLine();
            assertTrue(line != null, "closed without an ERROR");
        } while (!line.startsWith("ERROR "));
        assertTrue(line.endsWith("(Excess Flood)"), line);
        assertNull(in.readLine(), "closed after the ERROR");
    }
}
