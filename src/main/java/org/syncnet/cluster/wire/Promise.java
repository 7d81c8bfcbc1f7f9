package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;
import org.syncnet.cluster.LogPosition;

/**
 * A server promises to ignore every lower epoch. It echoes the candidate's stamp (the first lease) and reports
 * its log position, so the new leader learns the highest log of a quorum.
 */
public record Promise(long echoStamp, LogPosition position) implements Message {
    @Override
    public MessageType type() {
        return MessageType.PROMISE;
    }

    @Override
    public void writeBody(ByteBuffer out) {
        out.putLong(echoStamp);
        WireIO.putPosition(out, position);
    }

    static Promise read(ByteBuffer in) throws MalformedDatagramException {
        return new Promise(in.getLong(), WireIO.getPosition(in));
    }
}
