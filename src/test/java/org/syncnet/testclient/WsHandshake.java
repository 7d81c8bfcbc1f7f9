package org.syncnet.testclient;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client's side of the WebSocket opening handshake (RFC 6455 section 4.1): the upgrade request with a fresh key,
 * and the check of the server's response (status 101 and the Sec-WebSocket-Accept that belongs to the key). Shared
 * by the test clients whatever their socket: the blocking one of the integration tests and the load generator's NIO
 * one.
 */
public final class WsHandshake {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final String key;

    public WsHandshake() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    public String key() {
        return key;
    }

    /** The upgrade request for {@code path} (with any query) on {@code host} ("name" or "name:port"). */
    public byte[] request(String host, String path) {
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        return request.getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code head} (the bytes read so far, {@code length} of them) ends with the header's blank line. */
    /** Reads the server's response header from a blocking stream, byte by byte: the frames after it stay unread. */
    public static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!headerComplete(head.toByteArray(), head.size())) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    public static boolean headerComplete(byte[] head, int length) {
        return length >= 4 && head[length - 4] == '\r' && head[length - 3] == '\n' && head[length - 2] == '\r'
                && head[length - 1] == '\n';
    }

    /** Checks the server's response header (status line to blank line): an upgrade, for this key. */
    public void check(String header) throws ProtocolException {
        String[] lines = header.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].equals("101")) {
            throw new ProtocolException("WebSocket handshake refused: " + lines[0]);
        }
        String accept = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
                accept = lines[i].substring(colon + 1).trim();
            }
        }
        if (!expectedAccept(key).equals(accept)) {
            throw new ProtocolException("WebSocket handshake: wrong Sec-WebSocket-Accept " + accept);
        }
    }

    /** The Sec-WebSocket-Accept a server must answer {@code key} with. */
    public static String expectedAccept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
