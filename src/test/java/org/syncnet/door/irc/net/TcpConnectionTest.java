package org.syncnet.door.irc.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Output, closing and flow control of one connection, with real sockets on the loopback interface. */
class TcpConnectionTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private TcpServer<String> server;

    @AfterEach
    void closeEverything() throws Exception {
        pool.shutdownNow();
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (server != null) {
            server.stop();
        }
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    private void start(RecordingHandler handler, int sendQBytes) {
        server = new TcpServer<>(RecordingHandler.options(10, sendQBytes), RecordingHandler.THREADS, handler);
        server.start();
    }

    private TestClient connect(int receiveBuffer) throws IOException {
        TestClient c = new TestClient(server.port(), receiveBuffer);
        toClose.add(c);
        return c;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aClientThatDoesNotReadIsDroppedForSendQWhileAnotherKeepsReceiving() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 256 * 1024);
        connect(16 * 1024);
        TcpConnection<String> stuck = handler.nextOpened();
        TestClient reader = connect(0);
        TcpConnection<String> fine = handler.nextOpened();

        Future<byte[]> readerGot = pool.submit(() -> reader.input().readNBytes(4 * 1024 * 1024));
        byte[] line = new byte[1024];
        Arrays.fill(line, (byte) 'x');
        line[1023] = '\n';
        long start = System.nanoTime();
        for (int i = 0; i < 10 * 1024; i++) {  // 10 MB to the client that does not read
            stuck.send(line);
            if (i < 4 * 1024) {
                fine.send(line);
            }
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(stuck.id() + " " + TcpConnection.SENDQ_EXCEEDED, handler.nextClosed());
        assertFalse(stuck.isOpen());
        assertEquals(0, stuck.queuedBytes(), "the queue's memory is released");
        byte[] got = readerGot.get(10, TimeUnit.SECONDS);
        assertEquals(4 * 1024 * 1024, got.length);
        for (byte b : got) {
            if (b != 'x' && b != '\n') {
                throw new AssertionError("corrupt byte " + b);
            }
        }
        assertTrue(fine.isOpen());
        assertTrue(tookMillis < 5000, "the sender was never held up (" + tookMillis + " ms)");
    }

    @Test
    void concurrentSendsArriveWholeAndInOrderPerThread() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 64 * 1024 * 1024);
        TestClient client = connect(32 * 1024);  // small, so that sends queue and the loop writes too
        TcpConnection<String> c = handler.nextOpened();
        int threads = 8;
        int perThread = 1500;
        // The client reads only once the socket is full and sends queue: a reader that keeps up would leave the
        // loop's own writing of queued sends untested.
        CountDownLatch full = new CountDownLatch(1);
        Future<List<String>> lines = pool.submit(() -> {
            full.await(30, TimeUnit.SECONDS);
            List<String> all = new ArrayList<>();
            for (int i = 0; i < threads * perThread; i++) {
                all.add(client.readLine());
            }
            return all;
        });
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean queued = new AtomicBoolean();
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            senders.add(pool.submit(() -> {
                Random random = new Random(thread);
                go.await();
                for (int seq = 0; seq < perThread; seq++) {
                    int padding = random.nextInt(3000);
                    char fill = (char) ('a' + (thread + seq) % 26);
                    c.send(ascii(thread + " " + seq + " " + padding + " " + String.valueOf(fill).repeat(padding) + "\n"));
                    if (c.queuedBytes() > 0) {
                        queued.set(true);
                        full.countDown();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> s : senders) {
            s.get(30, TimeUnit.SECONDS);
        }
        int[] next = new int[threads];
        for (String line : lines.get(30, TimeUnit.SECONDS)) {
            String[] parts = line.split(" ", 4);
            int thread = Integer.parseInt(parts[0]);
            int seq = Integer.parseInt(parts[1]);
            int padding = Integer.parseInt(parts[2]);
            assertEquals(next[thread]++, seq, "thread " + thread + "'s sends in order");
            char fill = (char) ('a' + (thread + seq) % 26);
            String body = parts.length > 3 ? parts[3] : "";
            assertTrue(body.equals(String.valueOf(fill).repeat(padding)),
                    () -> "thread " + thread + "'s line " + seq + " arrived cut or mixed with another");
        }
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread, next[t]);
        }
        assertTrue(c.isOpen());
        assertTrue(queued.get(), "the socket was full at times: the loop wrote queued sends too");
        assertEquals(0, c.queuedBytes());
    }

    @Test
    void closeAfterSendingDeliversEverythingQueuedAndTheLastBytes() throws Exception {
        byte[] big = new byte[512 * 1024];
        Arrays.fill(big, (byte) 'q');
        RecordingHandler handler = new RecordingHandler() {
            @Override
            void onReceived(TcpConnection<String> connection, byte[] bytes) {
                connection.send(big);  // more than the socket takes at once: the rest is queued
                connection.closeAfterSending(ascii("ERROR :Closing Link: bye\r\n"), "Quit: bye");
                connection.send(ascii("after the end\r\n"));  // ignored
            }
        };
        start(handler, 1024 * 1024);
        TestClient client = connect(0);
        TcpConnection<String> c = handler.nextOpened();
        client.send("QUIT :bye\r\n");
        byte[] all = client.readToEnd();
        client.close();

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(big);
        expected.write(ascii("ERROR :Closing Link: bye\r\n"));
        assertArrayEquals(expected.toByteArray(), all);
        assertEquals(c.id() + " Quit: bye", handler.nextClosed());
    }

    @Test
    void closeAfterSendingGivesUpOnAClientThatNeitherReadsNorCloses() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 64 * 1024 * 1024);
        connect(16 * 1024);
        TcpConnection<String> c = handler.nextOpened();
        byte[] big = new byte[8 * 1024 * 1024];
        c.send(big);
        assertTrue(c.queuedBytes() > 0);
        c.closeAfterSending(ascii("ERROR :Closing Link: gone\r\n"), "Excess Flood");
        assertFalse(c.isOpen());
        // the options' close deadline is 500 ms
        assertEquals(c.id() + " Excess Flood", handler.nextClosed());
    }

    @Test
    void closeDropsWhatIsQueuedAndReportsTheFirstReason() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        start(handler, 64 * 1024 * 1024);
        TestClient client = connect(16 * 1024);
        TcpConnection<String> c = handler.nextOpened();
        c.send(new byte[4 * 1024 * 1024]);
        c.close("Killed (oper (bad))");
        c.close("second reason");
        assertEquals(0, c.queuedBytes());
        assertEquals(c.id() + " Killed (oper (bad))", handler.nextClosed());
        client.readToEnd();
    }

    @Test
    void readingSuspendedOnTheLoopResumesFromAnotherThread() throws Exception {
        RecordingHandler handler = new RecordingHandler() {
            @Override
            void onReceived(TcpConnection<String> connection, byte[] bytes) {
                if (new String(bytes, StandardCharsets.US_ASCII).startsWith("hold")) {
                    connection.suspendReading();  // on the loop thread, inside the handler
                }
                connection.send(bytes);
            }
        };
        start(handler, 1024 * 1024);
        TestClient client = connect(0);
        TcpConnection<String> c = handler.nextOpened();
        client.send("hold\n");
        assertEquals("hold", client.readLine());
        assertTrue(c.isReadingSuspended());
        handler.received.clear();

        client.send("held line\n");
        handler.awaitTicks(5);  // rounds in which an unsuspended connection would have read it
        assertTrue(handler.received.isEmpty(), "nothing read while suspended: " + handler.received);

        c.resumeReading();  // from the test thread
        assertEquals("held line", client.readLine());
    }

    @Test
    void readingSuspendedFromAnotherThreadResumesOnTheLoop() throws Exception {
        AtomicBoolean resume = new AtomicBoolean();
        RecordingHandler handler = new RecordingHandler() {
            @Override
            void onTick(TcpConnection<String> connection, long nowNanos) {
                if (resume.getAndSet(false)) {
                    connection.resumeReading();  // on the loop thread, as a penalty clock catching up would
                }
            }
        };
        start(handler, 1024 * 1024);
        TestClient client = connect(0);
        TcpConnection<String> c = handler.nextOpened();
        c.suspendReading();
        client.send("waits\n");
        handler.awaitTicks(5);
        assertTrue(handler.received.isEmpty(), "nothing read while suspended");

        resume.set(true);
        assertEquals("waits", client.readLine());
        assertFalse(c.isReadingSuspended());
    }

    @Test
    void theAttachmentStaysWithTheConnection() throws Exception {
        RecordingHandler handler = new RecordingHandler() {
            @Override
            public void opened(TcpConnection<String> connection) {
                connection.attach("session of " + connection.id());
                super.opened(connection);
            }

            @Override
            void onReceived(TcpConnection<String> connection, byte[] bytes) {
                connection.send(ascii(connection.attachment() + "\n"));
            }
        };
        start(handler, 1024 * 1024);
        TestClient client = connect(0);
        TcpConnection<String> c = handler.nextOpened();
        client.send("who\n");
        assertEquals("session of " + c.id(), client.readLine());
    }
}
