package org.syncnet.cluster;

/** State changes the core reports to its driver, which logs them and tells the rest of the application. */
public sealed interface ClusterEvent {
    /** The failure detector changed its mind about a peer; {@code silentMillis} since it was last heard. */
    record PeerChanged(String peer, PeerState from, PeerState to, long silentMillis, long epoch)
            implements ClusterEvent {
    }

    /** This server's view of who leads changed: a new epoch, a new leader, none, or quorum won or lost. */
    record LeaderChanged(String leader, long epoch, boolean hasQuorum, String reason) implements ClusterEvent {
    }
}
