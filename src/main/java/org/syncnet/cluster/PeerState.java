package org.syncnet.cluster;

/** What this server's failure detector believes about a peer. */
public enum PeerState {
    /** Never heard since this server started. */
    UNKNOWN,
    ALIVE,
    /**
     * Not heard directly for a while (a one-way cut, a lossy link), but a peer that this server hears has heard it
     * since: counted as alive.
     */
    INDIRECT,
    /** Missed heartbeats, and no peer heard it since either, but not yet past the failure timeout: still alive. */
    SUSPECT,
    FAILED,
    /** Said goodbye (graceful leave). */
    LEFT;

    public boolean alive() {
        return this == ALIVE || this == INDIRECT || this == SUSPECT;
    }
}
