package org.syncnet.cluster.log;

/**
 * A committed log entry handed to the driver, in log order, exactly once per server process. Every server hands out
 * the same sequence. {@code cut} is where a restart may resume the log once this delivery is stored (see
 * {@link LogCut}): its own place, unless a large event was waiting for parts then.
 */
public record Delivery(long epoch, long seq, String originServer, String clientId, long clientEventId,
                       byte[] payload, LogCut cut) {
    /** A delivery after which the log may resume at its own place. */
    public Delivery(long epoch, long seq, String originServer, String clientId, long clientEventId, byte[] payload) {
        this(epoch, seq, originServer, clientId, clientEventId, payload, new LogCut(seq, epoch));
    }
}
