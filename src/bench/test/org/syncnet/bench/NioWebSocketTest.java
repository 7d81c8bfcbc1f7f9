package org.syncnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.syncnet.testclient.WsHandshake;

/** The client against a scripted server on the loopback interface (an ephemeral port). */
class NioWebSocketTest {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    private final NioWebSocket.Listener listener = new NioWebSocket.Listener() {
        @Override
        public void onOpen(NioWebSocket ws) {
            events.add("open");
        }

        @Override
        public void onText(NioWebSocket ws, String message) {
            events.add("text:" + message);
        }

        @Override
        public void onClose(NioWebSocket ws, int code, String reason) {
            events.add("close:" + code + ":" + reason);
        }

        @Override
        public void onError(NioWebSocket ws, Throwable error) {
            events.add("error:" + error.getClass().getSimpleName());
        }
    };

    private String next() throws InterruptedException {
        String e = events.poll(5, TimeUnit.SECONDS);
        return e == null ? "nothing" : e;
    }

    @Test
    void handshakeTextBothWaysPingAndClose() throws Exception {
        try (NioLoop loop = new NioLoop("test-nio");
             ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NioWebSocket ws = NioWebSocket.connect(loop, URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/syncnet/chat"),
                    Duration.ofSeconds(3), listener);
            try (Socket s = server.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                String request = header(in);
                assertTrue(request.startsWith("GET /syncnet/chat HTTP/1.1\r\n"), request);
                String key = request.lines().filter(l -> l.startsWith("Sec-WebSocket-Key: ")).findFirst().orElseThrow()
                        .substring("Sec-WebSocket-Key: ".length());
                // The 101 and the first frames in one write: the client must find the frames after the header.
                ByteArrayOutputStream first = new ByteArrayOutputStream();
                first.writeBytes(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + WsHandshake.expectedAccept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                first.writeBytes(new byte[] {(byte) 0x81, 2, 'h', 'i', (byte) 0x89, 1, 'p'});
                out.write(first.toByteArray());
                assertEquals("open", next());
                assertEquals("text:hi", next());
                assertEquals("pong:p", clientFrame(in));
                ws.sendText("x".repeat(200));  // a 16-bit length
                assertEquals("text:" + "x".repeat(200), clientFrame(in));
                out.write(new byte[] {(byte) 0x88, 4, 0x03, (byte) 0xE9, 'b', 'y'});  // close 1001 "by"
                assertEquals("close:1001:by", next());
                assertEquals("close:1001:", clientFrame(in));  // the echo
            }
            assertFalse(ws.sendText("late"), "nothing is sent after the close");
        }
    }

    @Test
    void refusedConnectionAndRefusedUpgradeAreErrorsAndEofIsA1006() throws Exception {
        try (NioLoop loop = new NioLoop("test-nio")) {
            int port;
            try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = closed.getLocalPort();
            }
            NioWebSocket.connect(loop, URI.create("ws://127.0.0.1:" + port + "/"), Duration.ofSeconds(3), listener);
            assertEquals("error:ConnectException", next());

            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/");
                NioWebSocket.connect(loop, uri, Duration.ofSeconds(3), listener);
                try (Socket s = server.accept()) {
                    header(new DataInputStream(s.getInputStream()));
                    s.getOutputStream().write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertEquals("error:ProtocolException", next());
                }
                NioWebSocket.connect(loop, uri, Duration.ofSeconds(3), listener);
                try (Socket s = server.accept()) {
                    String request = header(new DataInputStream(s.getInputStream()));
                    String key = request.lines().filter(l -> l.startsWith("Sec-WebSocket-Key: ")).findFirst().orElseThrow()
                            .substring("Sec-WebSocket-Key: ".length());
                    s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: "
                            + WsHandshake.expectedAccept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    assertEquals("open", next());
                }
                assertEquals("close:1006:", next());
            }
        }
    }

    private static String header(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("EOF in the request");
            }
            b.append((char) c);
        }
        return b.toString();
    }

    /** Reads one client frame, checks it is masked, and describes it. */
    private static String clientFrame(DataInputStream in) throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        assertTrue((b0 & 0x80) != 0, "FIN");
        assertTrue((b1 & 0x80) != 0, "client frames are masked");
        long n = b1 & 0x7F;
        if (n == 126) {
            n = in.readUnsignedShort();
        } else if (n == 127) {
            n = in.readLong();
        }
        byte[] mask = in.readNBytes(4);
        byte[] payload = in.readNBytes((int) n);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
        return switch (b0 & 0x0F) {
            case 0x1 -> "text:" + new String(payload, StandardCharsets.UTF_8);
            case 0xA -> "pong:" + new String(payload, StandardCharsets.UTF_8);
            case 0x8 -> "close:" + ((payload[0] & 0xFF) << 8 | (payload[1] & 0xFF)) + ":"
                    + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
            default -> "opcode " + (b0 & 0x0F);
        };
    }
}
