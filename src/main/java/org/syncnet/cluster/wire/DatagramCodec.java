package org.syncnet.cluster.wire;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cluster datagram format, version 1:
 * <pre>
 *   magic 'S' 'N' | version 1 | type 1 | sender (len 1 + UTF-8) | incarnation 8 | sequence 8 | epoch 8
 *   | body length 2 | body | HMAC-SHA256 32 (over everything before it)
 * </pre>
 * A datagram never exceeds {@link #MAX_DATAGRAM} bytes, which fits one Ethernet frame with IP and UDP headers.
 * The MAC is checked before anything else is parsed. Not thread-safe (one {@link Mac} instance).
 */
public final class DatagramCodec {
    public static final int MAX_DATAGRAM = 1400;
    public static final byte VERSION = 1;
    static final byte MAGIC_0 = 'S';
    static final byte MAGIC_1 = 'N';
    static final int MAC_BYTES = 32;
    private static final int MIN_DATAGRAM = 2 + 1 + 1 + 1 + 8 + 8 + 8 + 2 + MAC_BYTES;

    private final Mac mac;

    public DatagramCodec(byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("empty cluster secret");
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public byte[] encode(Envelope envelope) {
        ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
        buf.put(MAGIC_0).put(MAGIC_1).put(VERSION).put(envelope.message().type().code());
        WireIO.putString(buf, envelope.sender());
        buf.putLong(envelope.incarnation()).putLong(envelope.sequence()).putLong(envelope.epoch());
        int lengthAt = buf.position();
        buf.putShort((short) 0);
        envelope.message().writeBody(buf);
        int bodyLength = buf.position() - lengthAt - 2;
        buf.putShort(lengthAt, (short) bodyLength);
        if (buf.remaining() < MAC_BYTES) {
            throw new IllegalArgumentException("message exceeds " + MAX_DATAGRAM + " bytes");
        }
        mac.update(buf.array(), 0, buf.position());
        buf.put(mac.doFinal());
        return Arrays.copyOf(buf.array(), buf.position());
    }

    public Envelope decode(byte[] data, int length) throws MalformedDatagramException {
        if (length > MAX_DATAGRAM) {
            throw new MalformedDatagramException(DropReason.TOO_LARGE, length + " bytes");
        }
        if (length < MIN_DATAGRAM) {
            throw new MalformedDatagramException(DropReason.TRUNCATED, length + " bytes");
        }
        if (data[0] != MAGIC_0 || data[1] != MAGIC_1) {
            throw new MalformedDatagramException(DropReason.BAD_MAGIC, "not a SyncNet datagram");
        }
        if (data[2] != VERSION) {
            throw new MalformedDatagramException(DropReason.BAD_VERSION, "version " + data[2]);
        }
        int signedLength = length - MAC_BYTES;
        mac.update(data, 0, signedLength);
        byte[] expected = mac.doFinal();
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(data, signedLength, length))) {
            throw new MalformedDatagramException(DropReason.BAD_MAC, "HMAC does not match the cluster secret");
        }
        ByteBuffer in = ByteBuffer.wrap(data, 0, signedLength);
        try {
            in.position(3);
            MessageType type = MessageType.of(in.get());
            String sender = WireIO.getString(in);
            long incarnation = in.getLong();
            long sequence = in.getLong();
            long epoch = in.getLong();
            int bodyLength = Short.toUnsignedInt(in.getShort());
            if (bodyLength != in.remaining()) {
                throw new MalformedDatagramException(DropReason.MALFORMED,
                        "body length " + bodyLength + " but " + in.remaining() + " bytes follow");
            }
            if (sequence < 1 || epoch < 0) {
                throw new MalformedDatagramException(DropReason.MALFORMED, "negative sequence or epoch");
            }
            return new Envelope(sender, incarnation, sequence, epoch, type.readBody(in.slice()));
        } catch (BufferUnderflowException e) {
            throw new MalformedDatagramException(DropReason.TRUNCATED, "header ends early");
        }
    }
}
