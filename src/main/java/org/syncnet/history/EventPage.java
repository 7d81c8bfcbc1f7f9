package org.syncnet.history;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.syncnet.cluster.log.LogCut;

/**
 * One page of stored events as the history transfer between servers carries them in binary
 * ({@code application/octet-stream}): far cheaper to make and read than the same page in JSON, which the transfer of a
 * long absence spent most of its time on.
 * <p>
 * Format, version {@value #VERSION}: the version byte, a flag byte (1: more events follow this page), the number of
 * events (int), then per event its seq, epoch (longs), origin server, client id (strings), client event id (long),
 * payload (bytes), room key, room, nick (strings, -1: none), the cut's seq and epoch (longs). Big-endian; a string or
 * bytes is its length (int) and the bytes (UTF-8). At most {@link #MAX_BYTES}; the events ascending, after the seq asked.
 */
public final class EventPage {
    public static final int VERSION = 1;
    /** A page's bound: a peer makes pages of about {@link #TARGET_BYTES}, one event more at most. */
    public static final int MAX_BYTES = 32 * 1024 * 1024;
    /** The size a peer stops adding events at. */
    public static final int TARGET_BYTES = 8 * 1024 * 1024;
    private static final int HEADER = 1 + 1 + 4;

    /** The events and whether more follow them (ask again after the last). */
    public record Page(List<CommittedEvent> events, boolean more) {
    }

    private EventPage() {
    }

    /**
     * The leading events of {@code events} that fit {@link #TARGET_BYTES} (at least one) as a page; {@code more}: the
     * store has more after them ({@code more} or some left out).
     */
    public static byte[] encode(List<CommittedEvent> events, boolean more) {
        List<byte[]> records = new ArrayList<>(events.size());
        int size = HEADER;
        for (CommittedEvent e : events) {
            byte[] r = record(e);
            if (!records.isEmpty() && size + r.length > TARGET_BYTES) {
                more = true;
                break;
            }
            records.add(r);
            size += r.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put((byte) VERSION).put((byte) (more ? 1 : 0)).putInt(records.size());
        records.forEach(out::put);
        return out.array();
    }

    private static byte[] record(CommittedEvent e) {
        byte[][] strings = {utf8(e.originServer()), utf8(e.clientId()), e.payload(), utf8(e.roomKey()),
                utf8(e.room()), utf8(e.nick())};
        int size = 8 * 5;
        for (byte[] s : strings) {
            size += 4 + (s == null ? 0 : s.length);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putLong(e.seq()).putLong(e.epoch());
        put(out, strings[0]);
        put(out, strings[1]);
        out.putLong(e.clientEventId());
        for (int i = 2; i < strings.length; i++) {
            put(out, strings[i]);
        }
        out.putLong(e.cut().seq()).putLong(e.cut().epoch());
        return out.array();
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static void put(ByteBuffer out, byte[] bytes) {
        if (bytes == null) {
            out.putInt(-1);
        } else {
            out.putInt(bytes.length).put(bytes);
        }
    }

    /**
     * Reads a page of the events after {@code afterSeq}.
     *
     * @throws IllegalArgumentException when it is not such a page: too large, cut short, of another version, events
     *                                  out of order or not after {@code afterSeq}, or not valid events
     */
    public static Page decode(byte[] bytes, long afterSeq) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("event page of " + bytes.length + " bytes, more than " + MAX_BYTES);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("event page of version " + version + ", not " + VERSION);
            }
            boolean more = in.get() != 0;
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / 40) {
                throw new IllegalArgumentException("bad event count " + count);
            }
            List<CommittedEvent> events = new ArrayList<>(count);
            long previous = afterSeq;
            for (int i = 0; i < count; i++) {
                long seq = in.getLong();
                long epoch = in.getLong();
                String origin = string(in);
                String clientId = string(in);
                long clientEventId = in.getLong();
                byte[] payload = bytes(in);
                String roomKey = nullableString(in);
                String room = nullableString(in);
                String nick = nullableString(in);
                LogCut cut = new LogCut(in.getLong(), in.getLong());
                if (seq <= previous) {
                    throw new IllegalArgumentException("events out of order at seq " + seq);
                }
                previous = seq;
                events.add(new CommittedEvent(seq, epoch, origin, clientId, clientEventId, payload, roomKey, room,
                        nick, cut));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the last event");
            }
            return new Page(events, more);
        } catch (java.nio.BufferUnderflowException | NullPointerException e) {
            throw new IllegalArgumentException("event page cut short or malformed", e);
        }
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] b = nullableBytes(in);
        if (b == null) {
            throw new IllegalArgumentException("missing bytes");
        }
        return b;
    }

    private static byte[] nullableBytes(ByteBuffer in) {
        int n = in.getInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("bad length " + n);
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private static String string(ByteBuffer in) {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static String nullableString(ByteBuffer in) {
        byte[] b = nullableBytes(in);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
