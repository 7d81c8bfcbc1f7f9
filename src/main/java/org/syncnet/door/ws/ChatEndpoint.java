package org.syncnet.door.ws;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncnet.chat.ErrorCode;
import org.syncnet.web.WebSettings;

/**
 * The browser door, {@code wss://host:port/syncnet/chat} (and {@code ws://} while plain HTTP serves the chat): moves
 * text between the socket and the connection's {@link ClientConnection} (made by the {@link BrowserDoor}), which puts
 * the client's events into the chat; the protocol lives in {@link BrowserSession}, {@link ClientFrameDecoder} and
 * {@link ServerFrameEncoder} (docs/websocket-protocol.md). A handshake from another site's page is refused before
 * it gets here ({@link OriginFilter}, {@link OriginCheck}).
 */
@ServerEndpoint(value = "/chat", configurator = OriginCheck.class)
public class ChatEndpoint {
    private static final Logger LOG = Logger.getLogger("org.syncnet.chat");
    private static final String CONNECTION = "syncnet.connection";

    @Inject
    BrowserDoor door;
    @Inject
    WebSettings web;

    @OnOpen
    public void open(Session ws) throws IOException {
        if (!ws.isSecure() && !web.tls().plainHttp()) {
            // org.syncnet.web.PlainHttpFilter refuses this handshake already; this holds whatever the filters' order
            ws.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "plain ws:// is off here; use wss://"));
            return;
        }
        // Room above the protocol's limit, so an oversized frame is read and answered with FRAME_TOO_LARGE;
        // beyond this the container closes the connection (1009).
        ws.setMaxTextMessageBufferSize(2 * ClientFrameDecoder.MAX_FRAME_CHARS);
        ws.setMaxBinaryMessageBufferSize(1024);
        if (door.catchingUp()) {
            ws.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "server catching up"));
            return;
        }
        ClientConnection c = door.open(ws);
        if (c == null) {
            ws.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "server full"));
            return;
        }
        ws.getUserProperties().put(CONNECTION, c);
    }

    @OnMessage
    public void text(Session ws, String text) {
        ClientConnection c = connection(ws);
        if (c != null) {
            c.received(text);
        }
    }

    @OnMessage
    public void binary(Session ws, ByteBuffer data) {
        ClientConnection c = connection(ws);
        if (c != null) {
            c.send(new ServerFrame.Error(ErrorCode.BAD_JSON, "binary frames are not used; send JSON text", null));
        }
    }

    @OnClose
    public void close(Session ws, CloseReason reason) {
        try {
            // why: with batching on (ClientConnection), Undertow's reply to a client's close frame waits for a flush
            ws.getAsyncRemote().flushBatch();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "WebSocket flush on close failed", e);
        }
        ClientConnection c = connection(ws);
        if (c != null) {
            c.ended();
        }
    }

    @OnError
    public void error(Session ws, Throwable t) {
        LOG.log(Level.FINE, "WebSocket error", t);
    }

    private static ClientConnection connection(Session ws) {
        return (ClientConnection) ws.getUserProperties().get(CONNECTION);
    }
}
