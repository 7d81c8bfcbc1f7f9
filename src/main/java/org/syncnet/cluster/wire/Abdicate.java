package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;

/** The leader has stopped serving its epoch so that a higher, caught-up server can take over at once. Body: id. */
public record Abdicate(String successor) implements Message {
    @Override
    public MessageType type() {
        return MessageType.ABDICATE;
    }

    @Override
    public void writeBody(ByteBuffer out) {
        WireIO.putId(out, successor);
    }

    static Abdicate read(ByteBuffer in) throws MalformedDatagramException {
        return new Abdicate(WireIO.getId(in));
    }
}
