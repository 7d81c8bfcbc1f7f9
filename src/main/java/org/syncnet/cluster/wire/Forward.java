package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.syncnet.cluster.log.entry.LogEntry;

/**
 * Client events, or parts of large ones, that a server forwards to its leader (again and again, until it sees them
 * committed): as many as fit one datagram, so a burst (everything pending after a leader change, or several events
 * between two sends) takes a few datagrams rather than one each. The origin is the sender of the datagram, unless a
 * peer relays the forward for a server that cannot reach the leader itself: then it names the origin. Each
 * item names the part of the same client that must precede it in the log, if that one still waits at the origin: the
 * leader orders an item only after its predecessor, so a lost or late datagram, or a leader change, never puts a
 * client's events out of the order it sent them. Body: origin (id, empty: the sender), count (2, at least 1), then per
 * item: client id (string),
 * client event id (8), part (1), parts (1), payload (length 2 + bytes), predecessor flag (1: 0 none, 1 follows),
 * then, if flagged, the predecessor's client event id (8) and part (1).
 */
public record Forward(String origin, List<Item> items) implements Message {
    /** Body bytes before the items, with the longest origin. */
    public static final int FIXED_BYTES = 1 + WireIO.MAX_STRING_BYTES + 2;

    /** The part of the same client that comes before an item in the log. */
    public record After(long clientEventId, int part) {
    }

    /** One client event, or one part of it; {@code after} is null when nothing of its client must come first. */
    public record Item(String clientId, long clientEventId, int part, int parts, byte[] payload, After after) {
        /** A part with nothing to wait for. */
        public Item(String clientId, long clientEventId, int part, int parts, byte[] payload) {
            this(clientId, clientEventId, part, parts, payload, null);
        }

        /** By content: a record compares arrays by identity. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Item i && i.clientId.equals(clientId) && i.clientEventId == clientEventId
                    && i.part == part && i.parts == parts && Arrays.equals(i.payload, payload)
                    && java.util.Objects.equals(i.after, after);
        }

        @Override
        public int hashCode() {
            return clientId.hashCode() * 31 + Long.hashCode(clientEventId);
        }

        @Override
        public String toString() {
            return "Item[" + clientId + "#" + clientEventId + " part " + part + "/" + parts + ", " + payload.length
                    + " bytes" + (after == null ? "" : ", after #" + after.clientEventId + " part " + after.part) + "]";
        }
    }

    public Forward {
        if (items.isEmpty() || items.size() > 0xFFFF) {
            throw new IllegalArgumentException("a forward carries 1..65535 items");
        }
        items = List.copyOf(items);
    }

    /** Items from the sender itself. */
    public Forward(List<Item> items) {
        this(null, items);
    }

    /** The same items, relayed for {@code origin}. */
    public Forward relayedFor(String origin) {
        return new Forward(origin, items);
    }

    /** A single part. */
    public Forward(String clientId, long clientEventId, int part, int parts, byte[] payload) {
        this(List.of(new Item(clientId, clientEventId, part, parts, payload)));
    }

    /** A single event of one part. */
    public Forward(String clientId, long clientEventId, byte[] payload) {
        this(clientId, clientEventId, 0, 1, payload);
    }

    /** The bytes one item takes in the body. */
    public static int encodedSize(String clientId, int payloadLength, boolean hasAfter) {
        return WireIO.stringBytes(clientId) + 8 + 1 + 1 + 2 + payloadLength + 1 + (hasAfter ? 8 + 1 : 0);
    }

    @Override
    public MessageType type() {
        return MessageType.FORWARD;
    }

    @Override
    public void writeBody(ByteBuffer out) {
        WireIO.putOptionalId(out, origin);
        out.putShort((short) items.size());
        for (Item i : items) {
            WireIO.putId(out, i.clientId);
            out.putLong(i.clientEventId);
            out.put((byte) i.part).put((byte) i.parts);
            WireIO.putBytes(out, i.payload);
            if (i.after == null) {
                out.put((byte) 0);
            } else {
                out.put((byte) 1).putLong(i.after.clientEventId).put((byte) i.after.part);
            }
        }
    }

    static Forward read(ByteBuffer in) throws MalformedDatagramException {
        String origin = WireIO.getOptionalId(in);
        int count = Short.toUnsignedInt(in.getShort());
        if (count == 0) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "empty forward");
        }
        List<Item> items = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            String clientId = WireIO.getId(in);
            long clientEventId = in.getLong();
            int part = Byte.toUnsignedInt(in.get());
            int parts = Byte.toUnsignedInt(in.get());
            byte[] payload = WireIO.getBytes(in);
            if (parts < 1 || parts > LogEntry.MAX_PARTS || part >= parts || payload.length > LogEntry.MAX_PAYLOAD) {
                throw new MalformedDatagramException(DropReason.MALFORMED, "forward part " + part + " of " + parts);
            }
            int flag = in.get();
            After after = null;
            if (flag == 1) {
                after = new After(in.getLong(), Byte.toUnsignedInt(in.get()));
                if (after.part >= LogEntry.MAX_PARTS) {
                    throw new MalformedDatagramException(DropReason.MALFORMED, "predecessor part " + after.part);
                }
            } else if (flag != 0) {
                throw new MalformedDatagramException(DropReason.MALFORMED, "predecessor flag " + flag);
            }
            items.add(new Item(clientId, clientEventId, part, parts, payload, after));
        }
        return new Forward(origin, items);
    }
}
