package org.syncnet.cluster.log;

/**
 * A place in the log where a server may resume after a restart: every entry up to {@code seq} was committed and
 * delivered, and no large event was then waiting for parts at or below it, so the entries after it are all the log
 * needs to go on. {@code epoch} is the epoch of the entry at {@code seq} (0 for seq 0), for log matching.
 */
public record LogCut(long seq, long epoch) {
    public static final LogCut START = new LogCut(0, 0);

    public LogCut {
        if (seq < 0 || epoch < 0 || (seq == 0 && epoch != 0)) {
            throw new IllegalArgumentException("bad log cut: seq " + seq + ", epoch " + epoch);
        }
    }
}
