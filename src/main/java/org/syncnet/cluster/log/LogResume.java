package org.syncnet.cluster.log;

import java.util.List;
import java.util.Objects;

/**
 * What a restarted server's log resumes from: the {@link LogCut} after its stored events, and the client keys of the
 * most recent of them, which the log must still recognise as ordered (a client's or a peer's retry of one of them
 * must not be ordered again; the log deduplicates only by the keys it knows).
 */
public record LogResume(LogCut cut, List<StoredKey> recent) {
    /** A first start: nothing stored. */
    public static final LogResume FRESH = new LogResume(LogCut.START, List.of());

    public LogResume {
        Objects.requireNonNull(cut, "cut");
        recent = List.copyOf(recent);
    }

    /** A stored event's client key, its size in bytes (how many parts it took in the log) and its place. */
    public record StoredKey(String clientId, long clientEventId, int payloadBytes, long seq) {
    }
}
