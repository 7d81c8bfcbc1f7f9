package org.syncnet.cluster.wire;

/**
 * The header every datagram carries around its message: who sent it, which incarnation of that server (a
 * restart starts a new one), a per-incarnation sequence number for replay protection, and the sender's epoch.
 */
public record Envelope(String sender, long incarnation, long sequence, long epoch, Message message) {
}
