package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;

/**
 * A follower's answer to an {@link Append}. MATCHED: its log equals the leader's up to {@code seq}. Otherwise a
 * negative acknowledgement (a gap, or a different entry at the append's previous position): the leader should
 * resend from {@code seq + 1}, a position the follower knows it shares (its last entry, or its committed prefix).
 * {@code commitSeq} is the follower's commit point, so the leader knows whether the commit news arrived.
 * Body: matched (1), seq (8), commitSeq (8).
 */
public record LogAck(boolean matched, long seq, long commitSeq) implements Message {
    @Override
    public MessageType type() {
        return MessageType.LOG_ACK;
    }

    @Override
    public void writeBody(ByteBuffer out) {
        out.put((byte) (matched ? 1 : 0));
        out.putLong(seq);
        out.putLong(commitSeq);
    }

    static LogAck read(ByteBuffer in) throws MalformedDatagramException {
        byte flag = in.get();
        long seq = in.getLong();
        long commit = in.getLong();
        if ((flag & ~1) != 0 || seq < 0 || commit < 0) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "log ack");
        }
        return new LogAck(flag == 1, seq, commit);
    }
}
