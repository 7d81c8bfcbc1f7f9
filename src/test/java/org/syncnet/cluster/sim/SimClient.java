package org.syncnet.cluster.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.syncnet.cluster.log.entry.ClientEventKey;

/**
 * A chat client as the doors see one: connected to one server process at a time, it numbers its events, keeps each
 * until that process delivers it back (the confirmation), and when its connection is gone (the server crashed,
 * paused, left, or the connection just dropped) it connects to another server and first resends every unconfirmed
 * event, in order, with the same ids, as the browser page does. Its events must appear in the log in the order it
 * sent them ({@link DeliveryLedger} checks that).
 */
final class SimClient implements SimulatedCluster.DeliveryListener {
    final String id;
    private final SimulatedCluster cluster;
    private final Random rng;
    private final Trace trace;
    private final Map<Long, byte[]> unconfirmed = new LinkedHashMap<>();
    private long nextId = 1;
    private String server;
    private long incarnation;

    SimClient(String id, SimulatedCluster cluster, Random rng, Trace trace) {
        this.id = id;
        this.cluster = cluster;
        this.rng = rng;
        this.trace = trace;
        cluster.addListener(this);
    }

    /** Sends a new event: through the current connection, or a new one if that is gone. Returns its id. */
    long send(byte[] payload) {
        long eventId = nextId++;
        unconfirmed.put(eventId, payload);
        if (connected()) {
            if (!cluster.submit(server, id, eventId, payload)) {
                server = null; // refused: resend everything on the next connection
                connect(null);
            }
        } else {
            connect(null);
        }
        return eventId;
    }

    /** Connects to this server first (a client picks one; the fault comes later). */
    void connectTo(String first) {
        List<String> others = new ArrayList<>(cluster.ids());
        others.remove(first);
        connect(others, first);
    }

    /** Notices a lost connection (as a socket error or a missed ping would tell) and reconnects. */
    void check() {
        if (!connected()) {
            connect(null);
        }
    }

    /** The connection drops although its server is fine (a network blip): reconnect, to another server if any. */
    void drop() {
        String was = server;
        server = null;
        trace.add(cluster.now(), id + " drops its connection to " + was);
        connect(was);
    }

    /** A server process delivered an event: a confirmation if it is one of ours and our connection's process. */
    @Override
    public void delivered(String by, long byIncarnation, ClientEventKey key, long at) {
        if (key.clientId().equals(id) && by.equals(server) && byIncarnation == incarnation) {
            unconfirmed.remove(key.clientEventId());
        }
    }

    private boolean connected() {
        if (server == null) {
            return false;
        }
        SimulatedCluster.Server s = cluster.server(server);
        return s.live() && !s.paused && s.incarnation == incarnation;
    }

    /** Connects to a server that takes the resent events, preferring one other than {@code avoid}. */
    private void connect(String avoid) {
        List<String> candidates = new ArrayList<>(cluster.ids());
        Collections.shuffle(candidates, rng);
        if (avoid != null && candidates.remove(avoid)) {
            candidates.add(avoid);
        }
        connect(candidates, null);
    }

    private void connect(List<String> candidates, String first) {
        server = null;
        if (first != null) {
            candidates.add(0, first);
        }
        for (String candidate : candidates) {
            SimulatedCluster.Server s = cluster.server(candidate);
            if (!s.live() || s.paused) {
                continue;
            }
            boolean all = true;
            for (Map.Entry<Long, byte[]> e : unconfirmed.entrySet()) {
                if (!cluster.submit(candidate, id, e.getKey(), e.getValue())) {
                    all = false;
                    break;
                }
            }
            if (all) {
                server = candidate;
                incarnation = s.incarnation;
                trace.add(cluster.now(), id + " connects to " + candidate + " and resends " + unconfirmed.size());
                return;
            }
        }
    }
}
