package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;
import org.syncnet.cluster.log.LogPosition;

/**
 * Sent by every server every heartbeat interval, and at once when its role changes. Body: flags (1 byte:
 * LEADING, SERVING, READY), the leader the sender follows (id or empty), its log position, and its own clock
 * stamp, which followers echo in {@link Ack} so the leader can time its lease on its own clock. Only a leader
 * serves, so SERVING without LEADING is refused both ways.
 */
public record Heartbeat(boolean leading, boolean serving, boolean ready, String leader, LogPosition position,
                        long stamp) implements Message {
    private static final int LEADING = 1;
    private static final int SERVING = 2;
    private static final int READY = 4;

    public Heartbeat {
        if (serving && !leading) {
            throw new IllegalArgumentException("serving without leading");
        }
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
    }

    static Heartbeat read(ByteBuffer in) throws MalformedDatagramException {
        int flags = in.get();
        if ((flags & ~(LEADING | SERVING | READY)) != 0) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "unknown heartbeat flags " + flags);
        }
        if ((flags & (SERVING | LEADING)) == SERVING) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "serving without leading");
        }
        return new Heartbeat((flags & LEADING) != 0, (flags & SERVING) != 0, (flags & READY) != 0,
                WireIO.getOptionalId(in), WireIO.getPosition(in), in.getLong());
    }
}
