package org.syncnet.cluster.wire;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.syncnet.cluster.LogPosition;

/** Field encodings shared by the message bodies: short strings and log positions. */
final class WireIO {
    static final int MAX_STRING_BYTES = 64;

    private WireIO() {
    }

    static void putString(ByteBuffer out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string longer than " + MAX_STRING_BYTES + " bytes: " + s);
        }
        out.put((byte) bytes.length).put(bytes);
    }

    static String getString(ByteBuffer in) throws MalformedDatagramException {
        int length = Byte.toUnsignedInt(in.get());
        if (length > MAX_STRING_BYTES || length > in.remaining()) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "string length " + length);
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "invalid UTF-8");
        }
    }

    /** Empty string on the wire means "no server". */
    static void putOptionalId(ByteBuffer out, String id) {
        putString(out, id == null ? "" : id);
    }

    static String getOptionalId(ByteBuffer in) throws MalformedDatagramException {
        String s = getString(in);
        return s.isEmpty() ? null : s;
    }

    static void putPosition(ByteBuffer out, LogPosition p) {
        out.putLong(p.lastEpoch()).putLong(p.lastSeq()).putLong(p.commitSeq());
    }

    static LogPosition getPosition(ByteBuffer in) throws MalformedDatagramException {
        long epoch = in.getLong();
        long seq = in.getLong();
        long commit = in.getLong();
        if (epoch < 0 || seq < 0 || commit < 0 || commit > seq) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "impossible log position");
        }
        return new LogPosition(epoch, seq, commit);
    }

    /** Runs a decoder, turning a short buffer into a counted drop rather than an exception escaping. */
    static <T> T decode(ByteBuffer in, BodyReader<T> reader) throws MalformedDatagramException {
        try {
            T value = reader.read(in);
            if (in.hasRemaining()) {
                throw new MalformedDatagramException(DropReason.MALFORMED, in.remaining() + " trailing bytes");
            }
            return value;
        } catch (BufferUnderflowException e) {
            throw new MalformedDatagramException(DropReason.TRUNCATED, "body ends early");
        }
    }

    interface BodyReader<T> {
        T read(ByteBuffer in) throws MalformedDatagramException;
    }
}
