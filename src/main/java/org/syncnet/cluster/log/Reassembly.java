package org.syncnet.cluster.log;

import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.syncnet.cluster.log.entry.ClientEventKey;
import org.syncnet.cluster.log.entry.LogEntry;

/**
 * Joins the parts of a large client event as they are committed, and hands out the event when its last part is:
 * the same log position on every server, since every server commits the same entries in the same order. Parts may
 * be far apart in the log (each is forwarded and ordered on its own, also across leader changes).
 * <p>
 * Bounded: at most {@link #MAX_INCOMPLETE} events wait for parts; beyond that the one that started waiting first is
 * given up and counted. That decision depends only on the log, so every server gives up the same events. An event
 * waits for parts only while its origin still retries them, so the bound is reached only when origins die with
 * half-sent events.
 */
final class Reassembly {
    static final int MAX_INCOMPLETE = 1024;

    private final Map<ClientEventKey, byte[][]> waiting = new LinkedHashMap<>();
    private long abandoned;

    /** The delivery this committed entry completes, or null. A part committed twice is ignored. */
    Delivery committed(LogEntry e) {
        if (e.parts() == 1) {
            return new Delivery(e.epoch(), e.seq(), e.origin(), e.clientId(), e.clientEventId(), e.payload());
        }
        byte[][] parts = waiting.get(e.key());
        if (parts == null) {
            parts = new byte[e.parts()][];
            waiting.put(e.key(), parts);
            evictBeyondBound();
        }
        if (parts.length != e.parts() || parts[e.part()] != null) {
            return null; // a duplicate part, or an impossible split (a client reusing an id): never delivered twice
        }
        parts[e.part()] = e.payload();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            if (p == null) {
                return null;
            }
            joined.writeBytes(p);
        }
        waiting.remove(e.key());
        return new Delivery(e.epoch(), e.seq(), e.origin(), e.clientId(), e.clientEventId(), joined.toByteArray());
    }

    /** Forgets the parts waiting: the log jumped past them (see {@link ReplicatedLog#fastForward}). */
    void clear() {
        waiting.clear();
    }

    /** No event waits for parts: the log may be cut here (see {@link LogCut}). */
    boolean isEmpty() {
        return waiting.isEmpty();
    }

    long abandoned() {
        return abandoned;
    }

    private void evictBeyondBound() {
        Iterator<ClientEventKey> oldest = waiting.keySet().iterator();
        while (waiting.size() > MAX_INCOMPLETE) {
            oldest.next();
            oldest.remove();
            abandoned++;
        }
    }
}
