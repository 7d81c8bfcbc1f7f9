package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;

/**
 * A new leader recovering its log asks the promiser with the highest log for its entries from {@code fromSeq} on;
 * the answer is an {@link Append} from that promiser. Body: fromSeq (8).
 */
public record Fetch(long fromSeq) implements Message {
    @Override
    public MessageType type() {
        return MessageType.FETCH;
    }

    @Override
    public void writeBody(ByteBuffer out) {
        out.putLong(fromSeq);
    }

    static Fetch read(ByteBuffer in) throws MalformedDatagramException {
        long from = in.getLong();
        if (from < 1) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "fetch from " + from);
        }
        return new Fetch(from);
    }
}
