package org.syncnet.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.syncnet.testclient.WsFrameReader;
import org.syncnet.testclient.WsFrameWriter;
import org.syncnet.testclient.WsHandshake;

/**
 * A WebSocket chat client that connects from a loopback address of its own choosing (127.0.0.x), so that the logins
 * and registrations a test makes count against that address only: the server throttles failed logins and limits
 * registrations per address, cluster-wide, and the other tests log in from 127.0.0.1. Blocking and small: it sends
 * JSON objects and reads the server's objects (one or more a text frame, a line each) until one it waits for.
 */
final class LoopbackChatClient implements AutoCloseable {
    private final Socket socket = new Socket();
    private final OutputStream out;
    private final InputStream in;
    private final ArrayDeque<JsonObject> objects = new ArrayDeque<>();
    /** Everything received, for the failure message of a wait. */
    private final List<JsonObject> seen = new ArrayList<>();
    private final WsFrameReader reader = new WsFrameReader(new WsFrameReader.Handler() {
        @Override
        public void text(String message) {
            for (String line : message.split("\n")) {
                objects.add(Json.createReader(new StringReader(line)).readObject());
            }
        }

        @Override
        public void ping(byte[] payload, int length) {
            // not answered: the test is over long before the server would mind
        }

        @Override
        public void close(int code, String reason) {
            objects.add(Json.createObjectBuilder().add("type", "closed").add("code", code).add("reason", reason)
                    .build());
        }
    });
    private final byte[] buffer = new byte[8192];

    LoopbackChatClient(String localAddress, int port) throws IOException {
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        WsHandshake handshake = new WsHandshake();
        out.write(handshake.request("127.0.0.1:" + port, "/syncnet/chat"));
        handshake.check(WsHandshake.readResponse(in));
    }


    void send(JsonObject frame) throws IOException {
        out.write(WsFrameWriter.frame(WsFrameWriter.OP_TEXT, frame.toString().getBytes(StandardCharsets.UTF_8)));
        out.flush();
    }

    /** The next object that matches, skipping the others; fails after {@code timeout}. */
    JsonObject next(String what, Predicate<JsonObject> condition, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            while (!objects.isEmpty()) {
                JsonObject o = objects.poll();
                seen.add(o);
                if (condition.test(o)) {
                    return o;
                }
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("no " + what + " within " + timeout.toMillis() + " ms; received: " + seen);
            }
            socket.setSoTimeout((int) Math.max(1, left));
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new AssertionError("connection closed while waiting for " + what + "; received: " + seen);
                }
                reader.feed(ByteBuffer.wrap(buffer, 0, n));
            } catch (SocketTimeoutException e) {
                // the deadline is checked above
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.write(WsFrameWriter.close(1000, "bye"));  // as a page that goes away says it
            out.flush();
        } finally {
            socket.close();
        }
    }
}
