package org.syncnet.cluster.log.entry;

/** A client's own name for one of its events: a retry carries the same key, wherever it is submitted. */
public record ClientEventKey(String clientId, long clientEventId) {
    // Written out: the servers run C1 only, where a record's generated equals and hashCode (method handles) cost
    // more than these; the log looks keys up for every entry it orders, replicates or delivers.
    @Override
    public boolean equals(Object o) {
        return o instanceof ClientEventKey k && clientEventId == k.clientEventId && clientId.equals(k.clientId);
    }

    @Override
    public int hashCode() {
        return 31 * clientId.hashCode() + Long.hashCode(clientEventId);
    }
}
