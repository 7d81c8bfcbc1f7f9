package org.syncnet.cluster.log;

/** A client's own name for one of its events: a retry carries the same key, wherever it is submitted. */
public record ClientEventKey(String clientId, long clientEventId) {
}
