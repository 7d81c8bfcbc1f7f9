package org.syncnet.cluster.wire;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.syncnet.cluster.log.entry.LogPosition;

/** Field encodings shared by the message bodies: short strings and log positions. */
final class WireIO {
    static final int MAX_STRING_BYTES = 64;

    private WireIO() {
    }

    static void putString(ByteBuffer out, String s) {
        byte[] bytes = isAscii(s) ? s.getBytes(StandardCharsets.US_ASCII) : strictUtf8(s);
        if (bytes.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string longer than " + MAX_STRING_BYTES + " bytes: " + s);
        }
        out.put((byte) bytes.length).put(bytes);
    }

    private static byte[] strictUtf8(String s) {
        try {
            // Strict: getBytes would silently send '?' for a lone surrogate, which the peer reads as another id.
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not encodable as UTF-8: " + s, e);
        }
    }

    static String getString(ByteBuffer in) throws MalformedDatagramException {
        int length = Byte.toUnsignedInt(in.get());
        if (length > MAX_STRING_BYTES || length > in.remaining()) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "string length " + length);
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "invalid UTF-8");
        }
    }

    /** The bytes {@link #putString} writes for {@code s}. */
    static int stringBytes(String s) {
        return 1 + (isAscii(s) ? s.length() : s.getBytes(StandardCharsets.UTF_8).length);
    }

    /**
     * Ids are ASCII in practice ("server2/1764..."): they skip the strict coders, which are made anew for every
     * string, and these run for every log entry's ids on every server.
     */
    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    static void putBytes(ByteBuffer out, byte[] bytes) {
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException(bytes.length + " bytes");
        }
        out.putShort((short) bytes.length).put(bytes);
    }

    static byte[] getBytes(ByteBuffer in) throws MalformedDatagramException {
        int length = Short.toUnsignedInt(in.getShort());
        if (length > in.remaining()) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "byte string length " + length);
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    /** Empty string on the wire means "no server", so an empty id cannot be sent (it would come back null). */
    static void putOptionalId(ByteBuffer out, String id) {
        if (id != null && id.isEmpty()) {
            throw new IllegalArgumentException("empty id; use null for no server");
        }
        putString(out, id == null ? "" : id);
    }

    /** An id that must be present. */
    static void putId(ByteBuffer out, String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("missing id");
        }
        putString(out, id);
    }

    static String getId(ByteBuffer in) throws MalformedDatagramException {
        String s = getString(in);
        if (s.isEmpty()) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "missing id");
        }
        return s;
    }

    static String getOptionalId(ByteBuffer in) throws MalformedDatagramException {
        String s = getString(in);
        return s.isEmpty() ? null : s;
    }

    static void putPosition(ByteBuffer out, LogPosition p) {
        if (!possible(p.lastEpoch(), p.lastSeq(), p.commitSeq())) {
            throw new IllegalArgumentException("impossible log position " + p);
        }
        out.putLong(p.lastEpoch()).putLong(p.lastSeq()).putLong(p.commitSeq());
    }

    static LogPosition getPosition(ByteBuffer in) throws MalformedDatagramException {
        long epoch = in.getLong();
        long seq = in.getLong();
        long commit = in.getLong();
        if (!possible(epoch, seq, commit)) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "impossible log position");
        }
        return new LogPosition(epoch, seq, commit);
    }

    private static boolean possible(long epoch, long seq, long commit) {
        return epoch >= 0 && seq >= 0 && commit >= 0 && commit <= seq;
    }

    /**
     * Runs a decoder, turning a short buffer into a counted drop rather than an exception escaping. The frame was
     * already checked against its body length, so a body too short for its type is MALFORMED, not TRUNCATED.
     */
    static <T> T decode(ByteBuffer in, BodyReader<T> reader) throws MalformedDatagramException {
        try {
            T value = reader.read(in);
            if (in.hasRemaining()) {
                throw new MalformedDatagramException(DropReason.MALFORMED, in.remaining() + " trailing bytes");
            }
            return value;
        } catch (BufferUnderflowException e) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "body too short for its type");
        }
    }

    interface BodyReader<T> {
        T read(ByteBuffer in) throws MalformedDatagramException;
    }
}
