package org.syncnet.cluster.log;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.syncnet.cluster.log.entry.PartKey;

/**
 * The leader's parts that arrived before the part of their client that must precede them (datagrams overtake each
 * other; a part sent again may arrive before the one it follows): each waits for its predecessor, keyed by it, and is
 * ordered right after it. Bounded: beyond {@link #CAPACITY} the oldest is forgotten, and its origin, which keeps it
 * until it sees it committed, sends it again.
 */
final class Waiting {
    static final int CAPACITY = 4096;

    /** A part as forwarded: who forwarded it and what it holds. */
    record Part(String origin, PartKey key, int parts, byte[] payload) {
    }

    private final Map<PartKey, Part> byPredecessor = new LinkedHashMap<>();

    /** {@code part} waits for {@code predecessor}; a part sent again replaces its earlier copy. */
    void hold(PartKey predecessor, Part part) {
        byPredecessor.put(predecessor, part);
        if (byPredecessor.size() > CAPACITY) {
            Iterator<Part> oldest = byPredecessor.values().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** The part that waited for {@code ordered}, now free to follow it, or null. */
    Part release(PartKey ordered) {
        return byPredecessor.isEmpty() ? null : byPredecessor.remove(ordered);
    }

    /** A new leadership starts from what the origins send it. */
    void clear() {
        byPredecessor.clear();
    }
}
