package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;
import org.syncnet.cluster.log.entry.LogPosition;

/** A candidate asks for promises for the epoch in the header (which it owns). Carries its stamp and log. */
public record Prepare(long stamp, LogPosition position) implements Message {
    @Override
    public MessageType type() {
        return MessageType.PREPARE;
    }

    @Override
    public void writeBody(ByteBuffer out) {
        out.putLong(stamp);
        WireIO.putPosition(out, position);
    }

    static Prepare read(ByteBuffer in) throws MalformedDatagramException {
        return new Prepare(in.getLong(), WireIO.getPosition(in));
    }
}
