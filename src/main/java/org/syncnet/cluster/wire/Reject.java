package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;

/**
 * A refusal. STALE_EPOCH tells the sender that its epoch is over (the header carries the newer one) and that it
 * must step down; HAS_LEADER and NOT_READY refuse a prepare for now.
 */
public record Reject(Reason reason, String leader) implements Message {
    public enum Reason { STALE_EPOCH, HAS_LEADER, NOT_READY }

    @Override
    public MessageType type() {
        return MessageType.REJECT;
    }

    @Override
    public void writeBody(ByteBuffer out) {
        out.put((byte) reason.ordinal());
        WireIO.putOptionalId(out, leader);
    }

    static Reject read(ByteBuffer in) throws MalformedDatagramException {
        int r = in.get();
        if (r < 0 || r >= Reason.values().length) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "reject reason " + r);
        }
        return new Reject(Reason.values()[r], WireIO.getOptionalId(in));
    }
}
