package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.syncnet.cluster.log.entry.LogPosition;

/**
 * Sent by every server every heartbeat interval, and at once when its role changes. Body: flags (1 byte:
 * LEADING, SERVING, READY), the leader the sender follows (id or empty), its log position, its own clock stamp,
 * which followers echo in {@link Ack} so the leader can time its lease on its own clock, and, per member in ring
 * order, how many milliseconds ago the sender last heard it directly ({@link #NOT_HEARD} if it holds it failed,
 * gone or never heard, and for itself): count (1), then 4 bytes each. Peers that cannot hear a member themselves
 * keep it alive on that word (see {@code FailureDetector}). Only a leader serves, so SERVING without LEADING is
 * refused both ways.
 */
public record Heartbeat(boolean leading, boolean serving, boolean ready, String leader, LogPosition position,
                        long stamp, int[] heardAgo) implements Message {
    /** In {@link #heardAgo}: the sender does not hear that member (or it is the sender). */
    public static final int NOT_HEARD = -1;
    /** Members a heartbeat can speak for. */
    public static final int MAX_MEMBERS = 255;
    private static final int LEADING = 1;
    private static final int SERVING = 2;
    private static final int READY = 4;

    public Heartbeat {
        if (serving && !leading) {
            throw new IllegalArgumentException("serving without leading");
        }
        if (heardAgo.length > MAX_MEMBERS || Arrays.stream(heardAgo).anyMatch(a -> a < NOT_HEARD)) {
            throw new IllegalArgumentException("heard-ago list " + Arrays.toString(heardAgo));
        }
        heardAgo = heardAgo.clone();
    }

    /** Speaking for no member. */
    public Heartbeat(boolean leading, boolean serving, boolean ready, String leader, LogPosition position, long stamp) {
        this(leading, serving, ready, leader, position, stamp, new int[0]);
    }

    @Override
    public int[] heardAgo() {
        return heardAgo.clone();
    }

    /** Milliseconds since the sender last heard the member at {@code ringIndex}, or {@link #NOT_HEARD}. */
    public int heardAgo(int ringIndex) {
        return ringIndex < heardAgo.length ? heardAgo[ringIndex] : NOT_HEARD;
    }

    @Override
    public MessageType type() {
        return MessageType.HEARTBEAT;
    }

    @Override
    public void writeBody(ByteBuffer out) {
        out.put((byte) ((leading ? LEADING : 0) | (serving ? SERVING : 0) | (ready ? READY : 0)));
        WireIO.putOptionalId(out, leader);
        WireIO.putPosition(out, position);
        out.putLong(stamp);
        out.put((byte) heardAgo.length);
        for (int age : heardAgo) {
            out.putInt(age);
        }
    }

    static Heartbeat read(ByteBuffer in) throws MalformedDatagramException {
        int flags = in.get();
        if ((flags & ~(LEADING | SERVING | READY)) != 0) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "unknown heartbeat flags " + flags);
        }
        if ((flags & (SERVING | LEADING)) == SERVING) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "serving without leading");
        }
        String leader = WireIO.getOptionalId(in);
        LogPosition position = WireIO.getPosition(in);
        long stamp = in.getLong();
        int[] heardAgo = new int[Byte.toUnsignedInt(in.get())];
        for (int i = 0; i < heardAgo.length; i++) {
            heardAgo[i] = in.getInt();
            if (heardAgo[i] < NOT_HEARD) {
                throw new MalformedDatagramException(DropReason.MALFORMED, "heard " + heardAgo[i] + " ms ago");
            }
        }
        return new Heartbeat((flags & LEADING) != 0, (flags & SERVING) != 0, (flags & READY) != 0, leader,
                position, stamp, heardAgo);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Heartbeat h && h.leading == leading && h.serving == serving && h.ready == ready
                && java.util.Objects.equals(h.leader, leader) && h.position.equals(position) && h.stamp == stamp
                && Arrays.equals(h.heardAgo, heardAgo);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(stamp) * 31 + Arrays.hashCode(heardAgo);
    }

    @Override
    public String toString() {
        return "Heartbeat[leading=" + leading + ", serving=" + serving + ", ready=" + ready + ", leader=" + leader
                + ", position=" + position + ", stamp=" + stamp + ", heardAgo=" + Arrays.toString(heardAgo) + "]";
    }
}
