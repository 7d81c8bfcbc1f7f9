package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;

/**
 * A client event a server forwards to its leader (again and again, until it sees it committed). The origin is the
 * sender of the datagram. Body: client id (string), client event id (8), payload (length 2 + bytes).
 */
public record Forward(String clientId, long clientEventId, byte[] payload) implements Message {
    @Override
    public MessageType type() {
        return MessageType.FORWARD;
    }

    @Override
    public void writeBody(ByteBuffer out) {
        WireIO.putId(out, clientId);
        out.putLong(clientEventId);
        WireIO.putBytes(out, payload);
    }

    /** By content: a record compares arrays by identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Forward f && f.clientId.equals(clientId) && f.clientEventId == clientEventId
                && java.util.Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return clientId.hashCode() * 31 + Long.hashCode(clientEventId);
    }

    static Forward read(ByteBuffer in) throws MalformedDatagramException {
        return new Forward(WireIO.getId(in), in.getLong(), WireIO.getBytes(in));
    }
}
