package org.syncnet.cluster.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.syncnet.cluster.log.entry.PartKey;

/**
 * The client events this server accepted and has not yet seen committed (DESIGN invariant 6). They are forwarded to
 * whoever leads, again after every retry interval and after every leader change, until the committed log holds them.
 * Bounded: when {@link #CAPACITY} events wait (no leader for a long time), new submissions are refused, so the caller
 * can push back on its clients instead of this server growing without limit.
 * <p>
 * Each part remembers the part of the same client added before it: while that one still waits here, the leader must
 * order it first ({@link #after}), which keeps every client's events in the order it sent them.
 */
final class PendingSubmissions {
    static final int CAPACITY = 10_000;
    static final int BURST = 32;

    static final class Pending {
        final PartKey key;
        /** The part of the same client added just before this one, or null. */
        private final PartKey previous;
        final int parts;
        final byte[] payload;
        long lastSentAt = Long.MIN_VALUE;
        /** It went out before its latest sending (to this leader): a retry. */
        boolean sentBefore;

        Pending(PartKey key, PartKey previous, int parts, byte[] payload) {
            this.key = key;
            this.previous = previous;
            this.parts = parts;
            this.payload = payload;
        }
    }

    private final Map<PartKey, Pending> waiting = new LinkedHashMap<>();
    /** Per client id, the part of it added last that still waits. */
    private final Map<String, PartKey> newest = new HashMap<>();

    /** Room for {@code parts} more parts. */
    boolean hasRoom(int parts) {
        return waiting.size() + parts <= CAPACITY;
    }

    /** A retry of a part already waiting changes nothing. */
    void add(PartKey key, int parts, byte[] payload) {
        if (!waiting.containsKey(key)) {
            PartKey previous = newest.put(key.event().clientId(), key);
            waiting.put(key, new Pending(key, previous, parts, payload.clone()));
        }
    }

    boolean contains(PartKey key) {
        return waiting.containsKey(key);
    }

    /**
     * The part the log must hold before {@code p}: the part of its client added before it, while that one still
     * waits here (once it was seen committed it is surely earlier in the log, even where a leader no longer keeps it).
     */
    PartKey after(Pending p) {
        return p.previous != null && waiting.containsKey(p.previous) ? p.previous : null;
    }

    void committed(PartKey key) {
        if (waiting.remove(key) != null) {
            newest.remove(key.event().clientId(), key);
        }
    }

    /**
     * At most {@link #BURST} of the parts not sent within the last {@code retryMillis}, oldest first (so each client's
     * in the order they were added), marked as sent now. Capped: after a leader change everything is due at once, and
     * hundreds of datagrams sent in one go arrive so reordered that the leader's replay window drops most of them; the
     * rest follow on the next ticks.
     */
    List<Pending> due(long now, long retryMillis) {
        List<Pending> out = new ArrayList<>();
        for (Pending p : waiting.values()) {
            if (out.size() >= BURST) {
                break;
            }
            if (p.lastSentAt == Long.MIN_VALUE || now - p.lastSentAt >= retryMillis) {
                p.sentBefore = p.lastSentAt != Long.MIN_VALUE;
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
