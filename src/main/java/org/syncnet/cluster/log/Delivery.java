package org.syncnet.cluster.log;

/**
 * A committed log entry handed to the driver, in log order, exactly once per server process. Every server hands out
 * the same sequence.
 */
public record Delivery(long epoch, long seq, String originServer, String clientId, long clientEventId,
                       byte[] payload) {
    static Delivery of(LogEntry e) {
        return new Delivery(e.epoch(), e.seq(), e.origin(), e.clientId(), e.clientEventId(), e.payload());
    }
}
