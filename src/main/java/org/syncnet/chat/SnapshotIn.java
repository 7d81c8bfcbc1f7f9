package org.syncnet.chat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads what {@link SnapshotOut} wrote (a {@link ChatStateSnapshot}'s body); never past the end, never a count or
 * length larger than what is left. Equal short strings, client ids and members come back as one object each: the
 * state applied from the log shares them (a room's name, a nick, a server's id in every message), and a copy per
 * message would make the state read back far larger than the one written.
 */
final class SnapshotIn {
    /** Longer strings (messages' texts) are not looked up: they are rarely equal. */
    private static final int SHARED_STRING_BYTES = 64;
    private final byte[] buf;
    private final int end;
    private int pos;
    private final Map<String, String> strings = new HashMap<>();
    private final Map<Object, Object> values = new HashMap<>();

    @SuppressWarnings("unchecked")
    <T> T shared(T value) {
        return (T) values.computeIfAbsent(value, v -> v);
    }

    SnapshotIn(byte[] buf) {
        this.buf = buf;
        this.end = buf.length - ChatStateSnapshot.CRC_BYTES;
    }

    int remaining() {
        return buf.length - pos;
    }

    private void need(int n) throws MalformedSnapshotException {
        if (n < 0 || end - pos < n) {
            throw new MalformedSnapshotException("cut short at byte " + pos);
        }
    }

    int readByte() throws MalformedSnapshotException {
        need(1);
        return buf[pos++] & 0xFF;
    }

    int readInt() throws MalformedSnapshotException {
        need(4);
        int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8
                | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    long readLong() throws MalformedSnapshotException {
        return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
    }

    /** A count of items, each at least one byte: never more than what is left. */
    int readCount() throws MalformedSnapshotException {
        int n = readInt();
        if (n < 0 || n > end - pos) {
            throw new MalformedSnapshotException("bad count " + n + " at byte " + (pos - 4));
        }
        return n;
    }

    byte[] readBytes() throws MalformedSnapshotException {
        int n = readInt();
        need(n);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    String readNullableString() throws MalformedSnapshotException {
        int n = readInt();
        if (n == -1) {
            return null;
        }
        need(n);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return n <= SHARED_STRING_BYTES ? strings.computeIfAbsent(s, k -> k) : s;
    }

    String readString() throws MalformedSnapshotException {
        String s = readNullableString();
        if (s == null) {
            throw new MalformedSnapshotException("missing string at byte " + pos);
        }
        return s;
    }
}
