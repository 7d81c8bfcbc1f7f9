package org.syncnet.cluster.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client events this server accepted and has not yet seen committed (DESIGN invariant 6). They are forwarded to
 * whoever leads, again after every retry interval and after every leader change, until the committed log holds them.
 * Bounded: when {@link #CAPACITY} events wait (no leader for a long time), new submissions are refused, so the caller
 * can push back on its clients instead of this server growing without limit.
 */
final class PendingSubmissions {
    static final int CAPACITY = 10_000;
    static final int BURST = 32;

    static final class Pending {
        final PartKey key;
        final int parts;
        final byte[] payload;
        long lastSentAt = Long.MIN_VALUE;

        Pending(PartKey key, int parts, byte[] payload) {
            this.key = key;
            this.parts = parts;
            this.payload = payload;
        }
    }

    private final Map<PartKey, Pending> waiting = new LinkedHashMap<>();

    /** Room for {@code parts} more parts. */
    boolean hasRoom(int parts) {
        return waiting.size() + parts <= CAPACITY;
    }

    /** A retry of a part already waiting changes nothing. */
    void add(PartKey key, int parts, byte[] payload) {
        waiting.putIfAbsent(key, new Pending(key, parts, payload.clone()));
    }

    boolean contains(PartKey key) {
        return waiting.containsKey(key);
    }

    void committed(PartKey key) {
        waiting.remove(key);
    }

    /**
     * At most {@link #BURST} of the parts not sent within the last {@code retryMillis}, oldest first, marked as sent
     * now. Capped: after a leader change everything is due at once, and hundreds of datagrams sent in one go arrive
     * so reordered that the leader's replay window drops most of them; the rest follow on the next ticks.
     */
    List<Pending> due(long now, long retryMillis) {
        List<Pending> out = new ArrayList<>();
        for (Pending p : waiting.values()) {
            if (out.size() >= BURST) {
                break;
            }
            if (p.lastSentAt == Long.MIN_VALUE || now - p.lastSentAt >= retryMillis) {
                p.lastSentAt = now;
                out.add(p);
            }
        }
        return out;
    }

    /** A new leader: everything is due at once. */
    void resendAll() {
        for (Pending p : waiting.values()) {
            p.lastSentAt = Long.MIN_VALUE;
        }
    }

    int size() {
        return waiting.size();
    }
}
