package org.syncnet.cluster;

/** What this server's failure detector believes about a peer. */
public enum PeerState {
    /** Never heard since this server started. */
    UNKNOWN,
    ALIVE,
    /** Missed heartbeats but not yet past the failure timeout: still counted as alive. */
    SUSPECT,
    FAILED,
    /** Said goodbye (graceful leave). */
    LEFT;

    public boolean alive() {
        return this == ALIVE || this == SUSPECT;
    }
}
