package org.syncnet.cluster;

import org.syncnet.cluster.wire.Message;

/**
 * A message the core wants sent, in {@code epoch}: to the peer {@code to}, or, with {@code to} null, to every peer as
 * one datagram. The driver seals it (the transport package's DatagramOutbox).
 */
public record Outgoing(String to, long epoch, Message message) {
    public boolean isBroadcast() {
        return to == null;
    }
}
