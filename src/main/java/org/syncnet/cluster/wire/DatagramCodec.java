package org.syncnet.cluster.wire;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The cluster datagram format, version 2:
 * <pre>
 *   magic 'S' 'N' | version 1 | type 1 | sender (len 1 + UTF-8) | incarnation 8 | sequence 8 | epoch 8
 *   | body length 2 | body | HMAC-SHA256 32 (over everything before it)
 * </pre>
 * A datagram never exceeds {@link #MAX_DATAGRAM} bytes, which fits one Ethernet frame with IP and UDP headers.
 * Before the MAC only the frame is checked (magic, version, and that the length agrees with the sender and body
 * lengths), so a datagram cut short by the network or a small receive buffer is counted as TRUNCATED rather than
 * as a forgery; no field is trusted until the MAC matches. Not thread-safe (one {@link HmacSha256}).
 * <p>
 * Version 2 added the log messages (FORWARD, APPEND, LOG_ACK, FETCH) and the "whole log" flag of PROMISE. The
 * changed PROMISE body is why the version was bumped: a version-1 server would read it as malformed, and one
 * cluster must not mix the two (a server of the other version is counted as BAD_VERSION, never half understood).
 * Version 3 batches FORWARD: a count, then several items. Version 4 gives each FORWARD item the part of its client
 * that must come before it.
 */
public final class DatagramCodec {
    public static final int MAX_DATAGRAM = 1400;
    public static final byte VERSION = 4;
    static final byte MAGIC_0 = 'S';
    static final byte MAGIC_1 = 'N';
    static final int MAC_BYTES = HmacSha256.BYTES;
    static final int SENDER_AT = 4;
    /** Fixed header bytes after the sender string: incarnation, sequence, epoch, body length. */
    private static final int AFTER_SENDER = 8 + 8 + 8 + 2;
    static final int MIN_DATAGRAM = SENDER_AT + 1 + AFTER_SENDER + MAC_BYTES;
    /**
     * The highest epoch accepted from a peer. Far beyond any real number of elections, it leaves room for the
     * ring arithmetic a node does on a received epoch ({@code Membership.nextEpochOwnedBy}), so no peer, buggy
     * or malicious, can make that overflow. Not enforced on encode: a node may still step a little past it.
     */
    public static final long MAX_RECEIVED_EPOCH = 1L << 62;

    private final HmacSha256 mac;

    public DatagramCodec(byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("empty cluster secret");
        }
        mac = new HmacSha256(secret);
    }

    /** @throws IllegalArgumentException for an envelope the decoder would reject, so nothing sent is dropped */
    public byte[] encode(Envelope envelope) {
        checkHeader(envelope.incarnation(), envelope.sequence(), envelope.epoch());
        ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
        try {
            buf.put(MAGIC_0).put(MAGIC_1).put(VERSION).put(envelope.message().type().code());
            WireIO.putString(buf, envelope.sender());
            buf.putLong(envelope.incarnation()).putLong(envelope.sequence()).putLong(envelope.epoch());
            int lengthAt = buf.position();
            buf.putShort((short) 0);
            envelope.message().writeBody(buf);
            int bodyLength = buf.position() - lengthAt - 2;
            buf.putShort(lengthAt, (short) bodyLength);
        } catch (BufferOverflowException e) {
            throw new IllegalArgumentException("message exceeds " + MAX_DATAGRAM + " bytes");
        }
        if (buf.remaining() < MAC_BYTES) {
            throw new IllegalArgumentException("message exceeds " + MAX_DATAGRAM + " bytes");
        }
        buf.put(mac.mac(buf.array(), 0, buf.position()));
        return Arrays.copyOf(buf.array(), buf.position());
    }

    /**
     * Decodes and authenticates the first {@code length} bytes of {@code data}. Any content of those bytes either
     * decodes or throws {@link MalformedDatagramException}; only a {@code length} outside {@code data} (a driver
     * bug) throws {@link IndexOutOfBoundsException}.
     */
    public Envelope decode(byte[] data, int length) throws MalformedDatagramException {
        Objects.checkFromIndexSize(0, length, data.length);
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
        checkFrame(data, length);
        int signedLength = length - MAC_BYTES;
        byte[] expected = mac.mac(data, 0, signedLength);
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
            in.getShort(); // the body length, already checked by checkFrame
            String problem = epoch > MAX_RECEIVED_EPOCH ? "epoch " + epoch + " out of range"
                    : headerProblem(incarnation, sequence, epoch);
            if (problem != null) {
                throw new MalformedDatagramException(DropReason.MALFORMED, problem);
            }
            return new Envelope(sender, incarnation, sequence, epoch, type.readBody(in.slice()));
        } catch (BufferUnderflowException e) {
            // Unreachable after checkFrame; kept so no unchecked exception can escape a hostile datagram.
            throw new MalformedDatagramException(DropReason.MALFORMED, "header ends early");
        }
    }

    /** The datagram's length must be exactly what its sender and body length fields add up to. */
    private static void checkFrame(byte[] data, int length) throws MalformedDatagramException {
        int senderLength = Byte.toUnsignedInt(data[SENDER_AT]);
        if (senderLength > WireIO.MAX_STRING_BYTES) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "sender length " + senderLength);
        }
        int bodyLengthAt = SENDER_AT + 1 + senderLength + AFTER_SENDER - 2;
        if (bodyLengthAt + 2 + MAC_BYTES > length) {
            throw new MalformedDatagramException(DropReason.TRUNCATED, length + " bytes, header ends early");
        }
        int bodyLength = ((data[bodyLengthAt] & 0xff) << 8) | (data[bodyLengthAt + 1] & 0xff);
        int expected = bodyLengthAt + 2 + bodyLength + MAC_BYTES;
        if (length < expected) {
            throw new MalformedDatagramException(DropReason.TRUNCATED, length + " of " + expected + " bytes");
        }
        if (length > expected) {
            throw new MalformedDatagramException(DropReason.MALFORMED, (length - expected) + " trailing bytes");
        }
    }

    private static void checkHeader(long incarnation, long sequence, long epoch) {
        String problem = headerProblem(incarnation, sequence, epoch);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Sequences start at 1 (the replay window's first slot); no counter is ever negative. */
    private static String headerProblem(long incarnation, long sequence, long epoch) {
        if (incarnation < 0 || sequence < 1 || epoch < 0) {
            return "incarnation " + incarnation + ", sequence " + sequence + ", epoch " + epoch
                    + ": need incarnation >= 0, sequence >= 1, epoch >= 0";
        }
        return null;
    }
}
