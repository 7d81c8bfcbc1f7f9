package org.syncnet.cluster.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds datagrams byte by byte, including ones the codec would never encode, and signs them with a real HMAC:
 * how a peer holding the secret but running buggy or newer code would look, which reaches the parsing behind
 * the MAC check.
 */
final class RawDatagram {
    private byte magic0 = DatagramCodec.MAGIC_0;
    private byte magic1 = DatagramCodec.MAGIC_1;
    private byte version = DatagramCodec.VERSION;
    private byte type = MessageType.LEAVE.code();
    private byte[] sender = "server1".getBytes(StandardCharsets.UTF_8);
    private Integer senderLength;
    private long incarnation = 1;
    private long sequence = 1;
    private long epoch;
    private byte[] body = new byte[0];
    private Integer bodyLength;

    RawDatagram magic(int m0, int m1) {
        magic0 = (byte) m0;
        magic1 = (byte) m1;
        return this;
    }

    RawDatagram version(int v) {
        version = (byte) v;
        return this;
    }

    RawDatagram type(int t) {
        type = (byte) t;
        return this;
    }

    RawDatagram type(MessageType t) {
        return type(t.code());
    }

    RawDatagram sender(byte... bytes) {
        sender = bytes;
        return this;
    }

    RawDatagram sender(int... bytes) {
        return sender(bytes(bytes));
    }

    RawDatagram sender(String s) {
        return sender(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Overrides the sender length byte (otherwise the real length). */
    RawDatagram senderLength(int n) {
        senderLength = n;
        return this;
    }

    RawDatagram header(long incarnation, long sequence, long epoch) {
        this.incarnation = incarnation;
        this.sequence = sequence;
        this.epoch = epoch;
        return this;
    }

    RawDatagram body(byte... bytes) {
        body = bytes;
        return this;
    }

    RawDatagram body(int... bytes) {
        return body(bytes(bytes));
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    RawDatagram body(Message m) {
        ByteBuffer b = ByteBuffer.allocate(DatagramCodec.MAX_DATAGRAM);
        m.writeBody(b);
        body = java.util.Arrays.copyOf(b.array(), b.position());
        return type(m.type());
    }

    /** Overrides the body length field (otherwise the real length). */
    RawDatagram bodyLength(int n) {
        bodyLength = n;
        return this;
    }

    byte[] unsigned() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(magic0);
        out.write(magic1);
        out.write(version);
        out.write(type);
        out.write(senderLength != null ? senderLength : sender.length);
        out.writeBytes(sender);
        out.writeBytes(ByteBuffer.allocate(24).putLong(incarnation).putLong(sequence).putLong(epoch).array());
        int n = bodyLength != null ? bodyLength : body.length;
        out.write(n >>> 8);
        out.write(n);
        out.writeBytes(body);
        return out.toByteArray();
    }

    byte[] signedWith(byte[] secret) {
        return sign(unsigned(), secret);
    }

    static byte[] sign(byte[] unsigned, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] tag = mac.doFinal(unsigned);
            byte[] out = java.util.Arrays.copyOf(unsigned, unsigned.length + tag.length);
            System.arraycopy(tag, 0, out, unsigned.length, tag.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
