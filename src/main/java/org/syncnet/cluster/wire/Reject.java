package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;

/**
 * A refusal. STALE_EPOCH tells the sender that its epoch is over (the header carries the newer one) and that it
 * must step down; HAS_LEADER and NOT_READY refuse a prepare for now. Body: reason code (1 byte), the leader the
 * sender follows (id or empty).
 */
public record Reject(Reason reason, String leader) implements Message {
    /** Explicit codes, so reordering the constants never changes the wire format. */
    public enum Reason {
        STALE_EPOCH(0), HAS_LEADER(1), NOT_READY(2);

        private final byte code;

        Reason(int code) {
            this.code = (byte) code;
        }

        static Reason of(byte code) throws MalformedDatagramException {
            for (Reason r : values()) {
                if (r.code == code) {
                    return r;
                }
            }
            throw new MalformedDatagramException(DropReason.MALFORMED, "reject reason " + code);
        }
    }

    public Reject {
        if (reason == null) {
            throw new IllegalArgumentException("reject without a reason");
        }
    }

    @Override
    public MessageType type() {
        return MessageType.REJECT;
    }

    @Override
    public void writeBody(ByteBuffer out) {
        out.put(reason.code);
        WireIO.putOptionalId(out, leader);
    }

    static Reject read(ByteBuffer in) throws MalformedDatagramException {
        return new Reject(Reason.of(in.get()), WireIO.getOptionalId(in));
    }
}
