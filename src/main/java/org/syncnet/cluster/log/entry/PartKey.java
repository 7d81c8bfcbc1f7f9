package org.syncnet.cluster.log.entry;

/**
 * One part of a client event: an event larger than one datagram travels as several log entries, each ordered,
 * deduplicated and retried on its own, and is delivered once its last part is committed.
 */
public record PartKey(ClientEventKey event, int part) {
    // Written out, as in ClientEventKey: the servers run C1 only, where a record's generated ones cost more.
    @Override
    public boolean equals(Object o) {
        return o instanceof PartKey k && part == k.part && event.equals(k.event);
    }

    @Override
    public int hashCode() {
        return 31 * event.hashCode() + part;
    }
}
