package org.syncnet.cluster.transport;

import org.syncnet.cluster.Member;

/** A sealed datagram for the driver to put on the wire. */
public record Outbound(Member to, byte[] datagram) {
}
