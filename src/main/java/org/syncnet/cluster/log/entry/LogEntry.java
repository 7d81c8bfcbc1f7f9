package org.syncnet.cluster.log.entry;

import java.util.Arrays;

/**
 * One entry of the replicated log, identified by (epoch, seq): the leader of {@code epoch} gave it place {@code seq}.
 * Two logs holding an entry with the same (epoch, seq) hold the same entry and the same prefix before it (log
 * matching, as in Raft/VR). {@code origin} is the server the client submitted to; (clientId, clientEventId) is the
 * client's own id for the event, which makes retries idempotent. A barrier (empty client id) is the no-op a new
 * leader appends in its epoch so that the entries it recovered can be committed; it is never delivered.
 */
public record LogEntry(long epoch, long seq, String origin, String clientId, long clientEventId, int part, int parts,
                       byte[] payload) {
    /** The most payload one entry may carry: an entry must fit one datagram with the largest header and ids. */
    public static final int MAX_PAYLOAD = 1024;
    /** An event larger than one entry is split into at most this many parts (16 KiB). */
    public static final int MAX_PARTS = 16;

    public LogEntry {
        if (epoch < 0 || seq < 1 || payload == null || payload.length > MAX_PAYLOAD || parts < 1 || parts > MAX_PARTS
                || part < 0 || part >= parts) {
            throw new IllegalArgumentException("invalid log entry epoch " + epoch + " seq " + seq);
        }
    }

    /** An event that fits one entry. */
    public LogEntry(long epoch, long seq, String origin, String clientId, long clientEventId, byte[] payload) {
        this(epoch, seq, origin, clientId, clientEventId, 0, 1, payload);
    }

    public static LogEntry barrier(long epoch, long seq, String origin) {
        return new LogEntry(epoch, seq, origin, "", 0, new byte[0]);
    }

    /** Which part of which client event this entry holds: the unit of deduplication. */
    public PartKey partKey() {
        return new PartKey(key(), part);
    }

    public boolean isBarrier() {
        return clientId.isEmpty();
    }

    public ClientEventKey key() {
        return new ClientEventKey(clientId, clientEventId);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEntry e && e.epoch == epoch && e.seq == seq && e.origin.equals(origin)
                && e.clientId.equals(clientId) && e.clientEventId == clientEventId && Arrays.equals(e.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(epoch * 31 + seq);
    }

    @Override
    public String toString() {
        return "(" + epoch + "," + seq + " " + origin + " " + clientId + "#" + clientEventId + ")";
    }
}
