package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;

/** A server stopping cleanly; the others drop it at once instead of after the failure timeout. No body. */
public record Leave() implements Message {
    public static final Leave INSTANCE = new Leave();

    @Override
    public MessageType type() {
        return MessageType.LEAVE;
    }

    @Override
    public void writeBody(ByteBuffer out) {
    }
}
