package org.syncnet.cluster;

/**
 * Where a server keeps the highest epoch it promised, followed or led, across restarts: a restarted server that
 * forgot it could promise an older epoch again, follow a stale leader, or lead an epoch number it led before. The
 * node writes it before anything it sends can show the new epoch; the driver backs it with a file.
 */
public interface EpochRecord {
    /** The recorded epoch, 0 if none. */
    long read();

    /** Records {@code epoch} durably before returning; throws if it cannot (the node must not go on then). */
    void write(long epoch);

    /** A record in memory, for tests and the simulation (which keeps it across a simulated restart). */
    static EpochRecord inMemory() {
        return new EpochRecord() {
            private long epoch;

            @Override
            public long read() {
                return epoch;
            }

            @Override
            public void write(long e) {
                epoch = e;
            }
        };
    }
}
