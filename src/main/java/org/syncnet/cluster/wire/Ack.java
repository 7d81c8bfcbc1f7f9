package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;
import org.syncnet.cluster.log.entry.LogPosition;

/** A follower's answer to its leader's heartbeat: the leader's stamp echoed (lease) and the follower's log. */
public record Ack(long echoStamp, LogPosition position) implements Message {
    @Override
    public MessageType type() {
        return MessageType.ACK;
    }

    @Override
    public void writeBody(ByteBuffer out) {
        out.putLong(echoStamp);
        WireIO.putPosition(out, position);
    }

    static Ack read(ByteBuffer in) throws MalformedDatagramException {
        return new Ack(in.getLong(), WireIO.getPosition(in));
    }
}
