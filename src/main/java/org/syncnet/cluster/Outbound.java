package org.syncnet.cluster;

/** A datagram the core wants sent; the driver puts it on the wire. */
public record Outbound(Member to, byte[] datagram) {
}
