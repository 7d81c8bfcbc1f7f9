package org.syncnet.cluster;

/** One configured server: its id, where its cluster UDP port listens, and its place in the ring. */
public record Member(String id, String host, int port, int ringPosition) {
    @Override
    public String toString() {
        return id + "@" + host + ":" + port + "/" + ringPosition;
    }
}
