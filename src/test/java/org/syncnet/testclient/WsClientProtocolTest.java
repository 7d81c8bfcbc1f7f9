package org.syncnet.testclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's handshake and frames, as the test clients share them; the frames read back by {@link WsFrameReader}. */
class WsClientProtocolTest {
    @Test
    void theRequestCarriesTheKeyAndOnlyTheMatchingAcceptPasses() throws Exception {
        WsHandshake h = new WsHandshake();
        String request = new String(h.request("127.0.0.1:8080", "/syncnet/chat"), StandardCharsets.US_ASCII);
        assertTrue(request.startsWith("GET /syncnet/chat HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"), request);
        assertTrue(request.contains("\r\nSec-WebSocket-Key: " + h.key() + "\r\n"), request);
        assertTrue(request.endsWith("\r\nSec-WebSocket-Version: 13\r\n\r\n"), request);
        h.check("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nsec-websocket-accept: "
                + WsHandshake.expectedAccept(h.key()) + "\r\n\r\n");
        assertThrows(ProtocolException.class, () -> h.check("HTTP/1.1 101 Switching Protocols\r\n"
                + "Sec-WebSocket-Accept: " + WsHandshake.expectedAccept("another key") + "\r\n\r\n"));
        assertThrows(ProtocolException.class, () -> h.check("HTTP/1.1 404 Not Found\r\n\r\n"));
    }

    @Test
    void headerCompleteAtTheBlankLine() {
        byte[] head = "HTTP/1.1 101 x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertTrue(WsHandshake.headerComplete(head, head.length));
        assertEquals(false, WsHandshake.headerComplete(head, head.length - 1));
    }

    @Test
    void maskedFramesOfEveryLengthReadBack() throws Exception {
        WsFrameReaderTest.Recorder recorder = new WsFrameReaderTest.Recorder();
        WsFrameReader reader = new WsFrameReader(recorder);
        List<String> expected = new ArrayList<>();
        for (int n : new int[] {0, 1, 125, 126, 65535, 65536, 100_000}) {
            String text = "é".repeat(n / 2) + "x".repeat(n % 2);
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            reader.feed(ByteBuffer.wrap(WsFrameWriter.frame(WsFrameWriter.OP_TEXT, payload)));
            expected.add("text:" + text);
        }
        reader.feed(ByteBuffer.wrap(WsFrameWriter.frame(WsFrameWriter.OP_PING, "p".getBytes(StandardCharsets.UTF_8))));
        reader.feed(ByteBuffer.wrap(WsFrameWriter.close(1000, "bye")));
        expected.add("ping:p");
        expected.add("close:1000:bye");
        assertEquals(expected, recorder.got);
    }
}
