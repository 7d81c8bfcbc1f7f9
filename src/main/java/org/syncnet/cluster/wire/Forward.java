package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;

/**
 * A client event, or one part of a large one, that a server forwards to its leader (again and again, until it sees
 * it committed). The origin is the sender of the datagram. Body: client id (string), client event id (8), part (1),
 * parts (1), payload (length 2 + bytes).
 */
public record Forward(String clientId, long clientEventId, int part, int parts, byte[] payload) implements Message {
    public Forward(String clientId, long clientEventId, byte[] payload) {
        this(clientId, clientEventId, 0, 1, payload);
    }

    @Override
    public MessageType type() {
        return MessageType.FORWARD;
    }

    @Override
    public void writeBody(ByteBuffer out) {
        WireIO.putId(out, clientId);
        out.putLong(clientEventId);
        out.put((byte) part).put((byte) parts);
        WireIO.putBytes(out, payload);
    }

    /** By content: a record compares arrays by identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Forward f && f.clientId.equals(clientId) && f.clientEventId == clientEventId
                && f.part == part && f.parts == parts && java.util.Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return clientId.hashCode() * 31 + Long.hashCode(clientEventId);
    }

    static Forward read(ByteBuffer in) throws MalformedDatagramException {
        String clientId = WireIO.getId(in);
        long clientEventId = in.getLong();
        int part = Byte.toUnsignedInt(in.get());
        int parts = Byte.toUnsignedInt(in.get());
        byte[] payload = WireIO.getBytes(in);
        if (parts < 1 || parts > org.syncnet.cluster.log.LogEntry.MAX_PARTS || part >= parts
                || payload.length > org.syncnet.cluster.log.LogEntry.MAX_PAYLOAD) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "forward part " + part + " of " + parts);
        }
        return new Forward(clientId, clientEventId, part, parts, payload);
    }
}
