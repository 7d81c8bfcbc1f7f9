package org.syncnet.cluster;

/** This server's part in its current epoch. */
public enum Role {
    FOLLOWER,
    /** Collecting promises for an epoch it owns. */
    CANDIDATE,
    LEADER,
    /** Stopped cleanly; sends and accepts nothing more. */
    LEFT
}
