package org.syncnet.door.irc.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A blocking TLS client on the loopback interface that drives its own {@link SSLEngine}, so that a test decides how
 * the application's bytes are cut into records and the records into writes. A read timeout keeps every test finite.
 */
final class TlsTestClient implements AutoCloseable {
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final SSLEngine engine;
    /** Records received and not yet decrypted (read mode). */
    private ByteBuffer records = ByteBuffer.allocate(0);
    /** Decrypted bytes not yet returned as lines. */
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private boolean closeNotifyReceived;

    TlsTestClient(int port, SSLContext context) throws IOException {
        socket = new Socket();
        socket.setSoTimeout(10_000);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        engine = context.createSSLEngine("localhost", port);
        engine.setUseClientMode(true);
    }

    /** Shakes hands; throws if the server refuses. */
    TlsTestClient handshake() throws IOException {
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> out.write(wrap(NOTHING));
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrapOne()) {
                        throw new SSLException("the server closed during the handshake");
                    }
                }
                case NEED_TASK -> engine.getDelegatedTask().run();
                default -> {
                    return this;
                }
            }
        }
    }

    /** {@code text} as records of at most {@code recordBytes} bytes of it each, back to back. */
    byte[] records(String text, int recordBytes) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int at = 0; at < bytes.length; at += recordBytes) {
            wire.write(wrap(ByteBuffer.wrap(bytes, at, Math.min(recordBytes, bytes.length - at))));
        }
        return wire.toByteArray();
    }

    /** Writes {@code wire} in writes of {@code chunk} bytes (the socket does not delay small writes). */
    void sendRaw(byte[] wire, int chunk) throws IOException {
        socket.setTcpNoDelay(true);
        for (int at = 0; at < wire.length; at += chunk) {
            out.write(wire, at, Math.min(chunk, wire.length - at));
            out.flush();
        }
    }

    /** Sends {@code text} in one record. */
    void send(String text) throws IOException {
        sendRaw(records(text, Integer.MAX_VALUE), Integer.MAX_VALUE);
    }

    /** The next line without its line end, or null once the server closed. */
    String readLine() throws IOException {
        while (true) {
            byte[] got = text.toByteArray();
            for (int i = 0; i < got.length; i++) {
                if (got[i] == '\n') {
                    text.reset();
                    text.write(got, i + 1, got.length - i - 1);
                    String line = new String(got, 0, i, StandardCharsets.UTF_8);
                    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                }
            }
            if (!unwrapOne()) {
                return null;
            }
        }
    }

    /** Reads (and drops) everything until the server closes; true if it said close_notify first. */
    boolean readToClose() throws IOException {
        while (unwrapOne()) {
            text.reset();
        }
        return closeNotifyReceived;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Decrypts the next record, reading more from the socket as needed; false at the end of the server's output. */
    private boolean unwrapOne() throws IOException {
        if (closeNotifyReceived) {
            return false;
        }
        while (true) {
            ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
            SSLEngineResult r = engine.unwrap(records, app);
            switch (r.getStatus()) {
                case OK -> {
                    text.write(app.array(), 0, app.position());
                    return true;
                }
                case CLOSED -> {
                    closeNotifyReceived = true;
                    return false;
                }
                case BUFFER_UNDERFLOW -> {
                    if (!readMore()) {
                        return false;
                    }
                }
                default -> throw new SSLException("unexpected " + r);
            }
        }
    }

    private boolean readMore() throws IOException {
        byte[] chunk = new byte[16 * 1024];
        int n;
        try {
            n = in.read(chunk);
        } catch (java.net.SocketException reset) {
            return false;
        }
        if (n < 0) {
            return false;
        }
        ByteBuffer more = ByteBuffer.allocate(records.remaining() + n);
        more.put(records).put(chunk, 0, n).flip();
        records = more;
        return true;
    }

    private byte[] wrap(ByteBuffer app) throws SSLException {
        ByteBuffer wire = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        do {
            wire.clear();
            SSLEngineResult r = engine.wrap(app, wire);
            if (r.getStatus() != SSLEngineResult.Status.OK && r.getStatus() != SSLEngineResult.Status.CLOSED) {
                throw new SSLException("unexpected " + r);
            }
            all.write(wire.array(), 0, wire.position());
        } while (app.hasRemaining());
        return all.toByteArray();
    }
}
