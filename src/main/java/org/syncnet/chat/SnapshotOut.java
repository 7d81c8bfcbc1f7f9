package org.syncnet.chat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte buffer: a {@link ChatStateSnapshot} as it is written. */
final class SnapshotOut {
    private byte[] buf;
    private int size;

    SnapshotOut(int initial) {
        buf = new byte[initial];
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) size + more);
            if (wanted > ChatStateSnapshot.MAX_BYTES + 8L) {
                wanted = Math.max((long) size + more, ChatStateSnapshot.MAX_BYTES + 8L);
            }
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("chat state snapshot exceeds " + ChatStateSnapshot.MAX_BYTES
                        + " bytes");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    void writeByte(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    void writeInt(int v) {
        ensure(4);
        putInt(size, v);
        size += 4;
    }

    void putInt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    void writeRaw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    void writeBytes(byte[] b) {
        writeInt(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    void writeString(String s) {
        if (s == null) {
            writeInt(-1);
            return;
        }
        writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    int size() {
        return size;
    }

    byte[] bytes() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
