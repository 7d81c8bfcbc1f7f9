package org.syncnet.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Offers a server one TLS ClientHello of a chosen version and cipher suites and reads what comes back: the start of
 * a ServerHello or an alert. Written by hand because the JDK's own client no longer offers TLS 1.1 or the weak suites
 * (its disabled algorithms), so it cannot show that the server refuses them.
 */
final class TlsProbe {
    static final int TLS_1_1 = 0x0302;
    static final int TLS_1_2 = 0x0303;
    static final int ALERT_HANDSHAKE_FAILURE = 40;
    static final int ALERT_PROTOCOL_VERSION = 70;

    /** The server's answer: the cipher suite of its ServerHello, or the description of its alert. */
    record Answer(Integer cipherSuite, Integer alert) {
    }

    private TlsProbe() {
    }

    static Answer hello(int port, int version, int... cipherSuites) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(clientHello(version, cipherSuites));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int contentType = in.readUnsignedByte();
            in.readUnsignedShort();  // record version
            byte[] body = new byte[in.readUnsignedShort()];
            in.readFully(body);
            if (contentType == 21) {
                return new Answer(null, body[1] & 0xff);
            }
            if (contentType != 22 || body[0] != 2) {
                throw new IOException("neither a ServerHello nor an alert: record type " + contentType);
            }
            int sessionIdLength = body[4 + 2 + 32] & 0xff;
            int at = 4 + 2 + 32 + 1 + sessionIdLength;
            return new Answer(((body[at] & 0xff) << 8) | (body[at + 1] & 0xff), null);
        } catch (EOFException e) {
            throw new IOException("the server closed the connection without an answer", e);
        }
    }

    private static byte[] clientHello(int version, int... cipherSuites) {
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        short16(hello, version);
        byte[] random = new byte[32];
        ThreadLocalRandom.current().nextBytes(random);
        hello.writeBytes(random);
        hello.write(0);  // no session id
        short16(hello, cipherSuites.length * 2);
        for (int suite : cipherSuites) {
            short16(hello, suite);
        }
        hello.write(1);  // compression: null only
        hello.write(0);
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        extension(extensions, 0x000a, 0x0004, 0x001d, 0x0017);  // supported groups: x25519, secp256r1
        extension(extensions, 0x000d, 0x0006, 0x0403, 0x0804, 0x0401);  // signature algorithms
        extensions.writeBytes(new byte[] {0x00, 0x0b, 0x00, 0x02, 0x01, 0x00});  // EC point formats: uncompressed
        extensions.writeBytes(new byte[] {(byte) 0xff, 0x01, 0x00, 0x01, 0x00});  // renegotiation info: none
        extensions.writeBytes(new byte[] {0x00, 0x17, 0x00, 0x00});  // extended master secret
        short16(hello, extensions.size());
        hello.writeBytes(extensions.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(22);  // handshake
        short16(record, 0x0301);
        short16(record, hello.size() + 4);
        record.write(1);  // client hello
        record.write(0);
        short16(record, hello.size());
        record.writeBytes(hello.toByteArray());
        return record.toByteArray();
    }

    /** An extension whose data is the given 16-bit values (the first is the list's length in bytes). */
    private static void extension(ByteArrayOutputStream out, int type, int... values) {
        short16(out, type);
        short16(out, values.length * 2);
        for (int v : values) {
            short16(out, v);
        }
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value);
    }
}
