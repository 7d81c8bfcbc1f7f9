package org.syncnet.cluster.wire;

/** Why an incoming datagram was dropped; each is counted so an operator can see an attack or a misconfiguration. */
public enum DropReason {
    TOO_LARGE, TRUNCATED, BAD_MAGIC, BAD_VERSION, BAD_MAC, UNKNOWN_TYPE, MALFORMED,
    UNKNOWN_SENDER, REPLAYED, INVALID
}
