package org.syncnet.door.ws;

import jakarta.websocket.Session;
import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncnet.chat.ChatLimits;

/**
 * The IP address a browser connects from, which the login throttle and the registration limit count. The WebSocket API
 * does not expose it (before WebSocket 2.3); Undertow's session does, through its channel's
 * {@code getSourceAddress()}, read here reflectively so that the WAR needs no Undertow module. Another container, or
 * a change in Undertow, gives the fallback: the throttle then counts the whole server as one address.
 */
final class PeerAddress {
    private static final Logger LOG = Logger.getLogger("org.syncnet.chat");

    private PeerAddress() {
    }

    static String of(Session ws, String fallback) {
        try {
            Object channel = ws.getClass().getMethod("getWebSocketChannel").invoke(ws);
            Object source = channel.getClass().getMethod("getSourceAddress").invoke(channel);
            if (source instanceof InetSocketAddress a && a.getAddress() != null) {
                String ip = a.getAddress().getHostAddress();
                if (ChatLimits.isValidHost(ip)) {
                    return ip;
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, fallback + ": no peer address for a WebSocket", e);
        }
        return fallback;
    }
}
