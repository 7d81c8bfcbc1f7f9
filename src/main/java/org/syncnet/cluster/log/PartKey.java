package org.syncnet.cluster.log;

/**
 * One part of a client event: an event larger than one datagram travels as several log entries, each ordered,
 * deduplicated and retried on its own, and is delivered once its last part is committed.
 */
record PartKey(ClientEventKey event, int part) {
}
