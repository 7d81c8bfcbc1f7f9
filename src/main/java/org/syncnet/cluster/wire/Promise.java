package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;
import org.syncnet.cluster.log.entry.LogPosition;

/**
 * A server promises to ignore every lower epoch. It echoes the candidate's stamp (the first lease) and reports
 * its log position, so the new leader learns the highest log of a quorum, and whether its log is whole: false for a
 * process that started with an empty store and has not yet been caught up to a leader's commit point, whose log says
 * nothing about what its earlier incarnation held. Body: stamp 8, position 24, whole 1 (added in version 2).
 */
public record Promise(long echoStamp, LogPosition position, boolean whole) implements Message {
    public Promise(long echoStamp, LogPosition position) {
        this(echoStamp, position, true);
    }

    @Override
    public MessageType type() {
        return MessageType.PROMISE;
    }

    @Override
    public void writeBody(ByteBuffer out) {
        out.putLong(echoStamp);
        WireIO.putPosition(out, position);
        out.put((byte) (whole ? 1 : 0));
    }

    static Promise read(ByteBuffer in) throws MalformedDatagramException {
        long stamp = in.getLong();
        LogPosition position = WireIO.getPosition(in);
        byte whole = in.get();
        if ((whole & ~1) != 0) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "promise flag " + whole);
        }
        return new Promise(stamp, position, whole == 1);
    }
}
