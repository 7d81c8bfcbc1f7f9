package org.syncnet.door.irc.net;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * Hand-made TLS ClientHellos, for what an old or weak client offers whatever this JDK's own client would still allow:
 * a version and a list of cipher suites, with the extensions an ECDHE handshake needs (groups, point formats,
 * signature algorithms).
 */
final class ClientHellos {
    static final int TLS_1_1 = 0x0302;
    static final int TLS_1_2 = 0x0303;
    static final int ECDHE_ECDSA_AES_128_GCM_SHA256 = 0xc02b;
    static final int ECDHE_ECDSA_AES_128_CBC_SHA = 0xc009;
    static final int ECDHE_ECDSA_AES_128_CBC_SHA256 = 0xc023;
    static final int RSA_AES_128_GCM_SHA256 = 0x009c;
    /** A record's first byte: a handshake message (the ServerHello) or an alert (a refusal). */
    static final int HANDSHAKE = 0x16;
    static final int ALERT = 0x15;

    private ClientHellos() {
    }

    /** One record holding a ClientHello for {@code version} offering {@code suites}. */
    static byte[] hello(int version, int... suites) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        short16(body, version);
        byte[] random = new byte[32];
        new Random(1).nextBytes(random);
        body.writeBytes(random);
        body.write(0);  // no session id
        short16(body, suites.length * 2);
        for (int s : suites) {
            short16(body, s);
        }
        body.write(1);  // compression methods: null only
        body.write(0);
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        extension(extensions, 0x000a, 0x0004, 0x0017, 0x001d);  // supported groups: list length, secp256r1, x25519
        short16(extensions, 0x000b);  // point formats: a list of one byte, uncompressed
        short16(extensions, 2);
        extensions.write(1);
        extensions.write(0);
        extension(extensions, 0x000d, 0x0006, 0x0403, 0x0804, 0x0401);  // signature algorithms
        short16(body, extensions.size());
        body.writeBytes(extensions.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(HANDSHAKE);
        short16(record, 0x0301);
        short16(record, body.size() + 4);
        record.write(1);  // ClientHello
        record.write(0);
        short16(record, body.size());
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    /** An extension whose data is the given 16-bit numbers. */
    private static void extension(ByteArrayOutputStream out, int type, int... shorts) {
        short16(out, type);
        short16(out, shorts.length * 2);
        for (int s : shorts) {
            short16(out, s);
        }
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value);
    }
}
