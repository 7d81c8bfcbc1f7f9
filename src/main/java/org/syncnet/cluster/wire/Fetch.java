package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;

/**
 * A request for a peer's log entries from {@code fromSeq} on, answered with {@link Append}s. A new leader recovering
 * its log asks the promiser with the highest log for all its entries; a follower whose log stands still behind what
 * its peers announce (it cannot hear the leader) asks a peer for its committed entries only ({@code committedOnly}).
 * Body: fromSeq (8), flags (1: COMMITTED_ONLY).
 */
public record Fetch(long fromSeq, boolean committedOnly) implements Message {
    private static final int COMMITTED_ONLY = 1;

    /** A recovering leader's fetch of everything. */
    public Fetch(long fromSeq) {
        this(fromSeq, false);
    }

    @Override
    public MessageType type() {
        return MessageType.FETCH;
    }

    @Override
    public void writeBody(ByteBuffer out) {
        out.putLong(fromSeq);
        out.put((byte) (committedOnly ? COMMITTED_ONLY : 0));
    }

    static Fetch read(ByteBuffer in) throws MalformedDatagramException {
        long from = in.getLong();
        if (from < 1) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "fetch from " + from);
        }
        int flags = in.get();
        if ((flags & ~COMMITTED_ONLY) != 0) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "unknown fetch flags " + flags);
        }
        return new Fetch(from, flags == COMMITTED_ONLY);
    }
}
