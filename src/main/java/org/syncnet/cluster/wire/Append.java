package org.syncnet.cluster.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.syncnet.cluster.log.entry.LogEntry;

/**
 * Log entries following the entry (prevEpoch, prevSeq), and the sender's commit point. The leader replicates with
 * it (empty, it carries only the commit point); a promiser answers a {@link Fetch} with it. Entries are numbered
 * prevSeq + 1, prevSeq + 2, ... so their sequence is not sent. Body: prevEpoch 8, prevSeq 8, commitSeq 8,
 * count 2, then per entry: epoch 8, origin (id), client id (string, empty for a barrier), client event id 8,
 * part 1, parts 1, payload (length 2 + bytes). {@link #encodedSize} lets the sender batch entries up to the datagram limit.
 */
public record Append(long prevEpoch, long prevSeq, long commitSeq, List<LogEntry> entries) implements Message {
    /** Bytes of the body before the entries. */
    public static final int FIXED_BYTES = 8 + 8 + 8 + 2;

    public Append {
        entries = List.copyOf(entries);
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).seq() != prevSeq + 1 + i) {
                throw new IllegalArgumentException("entries not contiguous after " + prevSeq);
            }
        }
    }

    /** The bytes one entry takes in the body. */
    public static int encodedSize(LogEntry e) {
        return 8 + WireIO.stringBytes(e.origin()) + WireIO.stringBytes(e.clientId()) + 8 + 2 + 2 + e.payload().length;
    }

    @Override
    public MessageType type() {
        return MessageType.APPEND;
    }

    @Override
    public void writeBody(ByteBuffer out) {
        out.putLong(prevEpoch).putLong(prevSeq).putLong(commitSeq);
        out.putShort((short) entries.size());
        for (LogEntry e : entries) {
            out.putLong(e.epoch());
            WireIO.putId(out, e.origin());
            WireIO.putString(out, e.clientId());
            out.putLong(e.clientEventId());
            out.put((byte) e.part()).put((byte) e.parts());
            WireIO.putBytes(out, e.payload());
        }
    }

    /** Reads a body {@link #writeBody} wrote (the durable log keeps its entries in this form too). */
    public static Append readBody(ByteBuffer in) throws MalformedDatagramException {
        return read(in);
    }

    static Append read(ByteBuffer in) throws MalformedDatagramException {
        long prevEpoch = in.getLong();
        long prevSeq = in.getLong();
        long commit = in.getLong();
        int count = Short.toUnsignedInt(in.getShort());
        if (prevEpoch < 0 || prevSeq < 0 || commit < 0 || prevSeq > Long.MAX_VALUE - 1 - count) {
            throw new MalformedDatagramException(DropReason.MALFORMED, "append header");
        }
        List<LogEntry> entries = new ArrayList<>();
        long last = prevEpoch;
        for (int i = 0; i < count; i++) {
            long epoch = in.getLong();
            String origin = WireIO.getId(in);
            String clientId = WireIO.getString(in);
            long clientEventId = in.getLong();
            int part = Byte.toUnsignedInt(in.get());
            int parts = Byte.toUnsignedInt(in.get());
            byte[] payload = WireIO.getBytes(in);
            if (parts < 1 || parts > LogEntry.MAX_PARTS || part >= parts) {
                throw new MalformedDatagramException(DropReason.MALFORMED, "part " + part + " of " + parts);
            }
            // Epochs never decrease along a log, and the entry must be one the sender could have built.
            if (epoch < last || epoch > DatagramCodec.MAX_RECEIVED_EPOCH || payload.length > LogEntry.MAX_PAYLOAD) {
                throw new MalformedDatagramException(DropReason.MALFORMED, "append entry");
            }
            last = epoch;
            entries.add(new LogEntry(epoch, prevSeq + 1 + i, origin, clientId, clientEventId, part, parts, payload));
        }
        return new Append(prevEpoch, prevSeq, commit, entries);
    }
}
