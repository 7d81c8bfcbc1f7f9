package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.syncnet.testclient.WsHandshake;

/** The integration tests' blocking WebSocket client against a scripted server on the loopback interface. */
class RawWebSocketTest {
    @Test
    void handshakeTextOutFramesInPingsSkippedCloseStatus() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread script = new Thread(() -> serve(server), "scripted-server");
            script.setDaemon(true);
            script.start();
            try (RawWebSocket ws = new RawWebSocket(server.getLocalPort(), "/syncnet/chat")) {
                ws.sendText("hello");
                assertEquals("echo hello", ws.read().text());
                RawWebSocket.Frame last = ws.read();
                assertEquals(RawWebSocket.CLOSE, last.opcode());
                assertEquals("1013 TOO_SLOW", last.closeStatus());
            }
            script.join(5_000);
        }
    }

    private static void serve(ServerSocket server) {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String request = header(in);
            assertTrue(request.startsWith("GET /syncnet/chat HTTP/1.1\r\n"), request);
            String key = request.lines().filter(l -> l.startsWith("Sec-WebSocket-Key: ")).findFirst().orElseThrow()
                    .substring("Sec-WebSocket-Key: ".length());
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + WsHandshake.expectedAccept(key) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // the client's masked text frame
            int b0 = in.read();
            int len = in.read() & 0x7f;
            byte[] mask = in.readNBytes(4);
            byte[] payload = in.readNBytes(len);
            for (int i = 0; i < len; i++) {
                payload[i] ^= mask[i & 3];
            }
            assertEquals(0x81, b0);
            byte[] echo = ("echo " + new String(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            frames.write(0x89);  // a ping first: skipped
            frames.write(1);
            frames.write('p');
            frames.write(0x81);
            frames.write(echo.length);
            frames.writeBytes(echo);
            byte[] reason = "TOO_SLOW".getBytes(StandardCharsets.UTF_8);
            frames.write(0x88);
            frames.write(2 + reason.length);
            frames.write(1013 >> 8);
            frames.write(1013 & 0xff);
            frames.writeBytes(reason);
            out.write(frames.toByteArray());
            out.flush();
            in.read();  // until the client closes
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(in.read());
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
