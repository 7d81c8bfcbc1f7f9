package org.syncnet.cluster.log.entry;

/**
 * Where a server's replicated log stands: the (epoch, sequence) of its last entry and the highest sequence it
 * knows committed. Election messages carry it so that a new leader can learn the highest log of a quorum
 * before it announces its epoch (view change).
 */
public record LogPosition(long lastEpoch, long lastSeq, long commitSeq) implements Comparable<LogPosition> {
    public static final LogPosition EMPTY = new LogPosition(0, 0, 0);
    public static final int WIRE_SIZE = 24;

    /** Orders logs by their last entry: a later epoch wins, then a longer log. */
    @Override
    public int compareTo(LogPosition other) {
        int byEpoch = Long.compare(lastEpoch, other.lastEpoch);
        return byEpoch != 0 ? byEpoch : Long.compare(lastSeq, other.lastSeq);
    }
}
