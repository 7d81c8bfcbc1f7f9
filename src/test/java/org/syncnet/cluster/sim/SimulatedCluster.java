package org.syncnet.cluster.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.syncnet.cluster.ClusterConfig;
import org.syncnet.cluster.ClusterEvent;
import org.syncnet.cluster.ClusterNode;
import org.syncnet.cluster.Member;
import org.syncnet.cluster.Membership;
import org.syncnet.cluster.Ready;
import org.syncnet.cluster.log.Delivery;
import org.syncnet.cluster.log.DurableLog;
import org.syncnet.cluster.log.LogCut;
import org.syncnet.cluster.log.LogResume;
import org.syncnet.cluster.log.entry.ClientEventKey;
import org.syncnet.cluster.log.entry.LogEntry;
import org.syncnet.cluster.transport.DatagramInbox;
import org.syncnet.cluster.transport.DatagramOutbox;
import org.syncnet.cluster.transport.Outbound;
import org.syncnet.cluster.wire.DatagramCodec;
import org.syncnet.cluster.wire.DropReason;
import org.syncnet.cluster.wire.Envelope;
import org.syncnet.cluster.wire.Heartbeat;
import org.syncnet.cluster.wire.MalformedDatagramException;

/**
 * Real {@link ClusterNode}s (real codec, real bytes) on a {@link SimulatedNetwork}, driven the way the EJB drives
 * them: a tick every {@link ClusterNode#tickMillis}, every received datagram through the process's
 * {@link DatagramInbox}, the node's {@link Ready} carried out after each call (epoch and log kept, then the messages
 * sealed by its {@link DatagramOutbox} and sent, then deliveries and events). Nodes can crash (gone), restart (a new
 * ClusterNode with a higher incarnation that keeps only what the real system keeps on disk: its bound epoch and the
 * events it delivered, from which it resumes the log), pause (a long GC: nothing is processed, datagrams queue up and
 * are handled on resume, ticks resume with the jumped time) and leave gracefully.
 */
final class SimulatedCluster {
    private static final byte[] SECRET = "simulated-cluster-secret".getBytes(StandardCharsets.UTF_8);

    /** One server slot; {@code node} is null while the server is down. */
    static final class Server {
        final String id;
        final ClusterConfig config;
        ClusterNode node;
        /** The process's front door and sealer, as the driver has them: new with every start. */
        DatagramInbox inbox;
        DatagramOutbox outbox;
        long incarnation;
        boolean paused;
        boolean left;
        /** Bumped whenever the server's tick chain must stop (crash, pause, leave, restart). */
        int tickGeneration;
        final List<byte[]> pausedInbox = new ArrayList<>();
        /** The last leadership view this server reported, for the trace. */
        String reported = "";
        /** From its own heartbeats on the wire: when it last said "not ready", and how often it lost readiness. */
        long lastNotReadyAt = Long.MIN_VALUE;
        int readinessLosses;
        boolean saidReady;
        /** When it last crashed or left; Long.MIN_VALUE if it never did. */
        long goneAt = Long.MIN_VALUE;
        /** What survives a restart, as on disk: the bound epoch, and the deliveries stored (all of them). */
        long boundEpoch;
        /** The committed entries its durable log kept (all of them: the simulation's logs are short). */
        final List<LogEntry> kept = new ArrayList<>();
        Delivery lastStored;
        /** A restarted process does not deliver again what it stored before (the chat skips it as applied). */
        long storedSeq;

        Server(String id, ClusterConfig config) {
            this.id = id;
            this.config = config;
        }

        /** The epoch of the entry before the first kept one. */
        long keptPrevEpoch;
        /** Its durable log, as LogSegments keeps one: contiguous, a rewrite replaces what follows. */
        final DurableLog durable = new DurableLog() {
            private long afterSeq;
            private long afterEpoch;

            @Override
            public void resumesAfter(long seq, long epoch) {
                afterSeq = seq;
                afterEpoch = epoch;
            }

            @Override
            public void appended(LogEntry e) {
                while (!kept.isEmpty() && kept.get(kept.size() - 1).seq() >= e.seq()) {
                    kept.remove(kept.size() - 1);
                }
                if (!kept.isEmpty() && kept.get(kept.size() - 1).seq() != e.seq() - 1) {
                    kept.clear();
                }
                if (kept.isEmpty()) {
                    keptPrevEpoch = e.seq() == afterSeq + 1 ? afterEpoch : 0;
                }
                kept.add(e);
                afterSeq = e.seq();
                afterEpoch = e.epoch();
            }
        };

        /** Up and a cluster member: not crashed and not left (a paused server is live, just slow). */
        boolean live() {
            return node != null && !left;
        }
    }

    private final EventQueue clock;
    private final Random rng;
    private final SimulatedNetwork network;
    private final Trace trace;
    private final long tickMillis;
    private final Map<String, Server> servers = new LinkedHashMap<>();
    private final List<String> ids = new ArrayList<>();
    private final DatagramCodec tap = new DatagramCodec(SECRET);
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final List<DeliveryListener> listeners = new ArrayList<>();

    /** Learns of every delivery by every server process. */
    interface DeliveryListener {
        void delivered(String server, long incarnation, ClientEventKey key, long at);
    }

    SimulatedCluster(EventQueue clock, Random rng, SimulationSettings settings, Trace trace) {
        this.clock = clock;
        this.rng = rng;
        this.trace = trace;
        this.network = new SimulatedNetwork(clock, rng, settings.minDelay(), settings.maxDelay(), this::deliver);
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) {
            members.add(new Member("s" + i, "127.0.0.1", 8020 + i, i));
        }
        Membership ring = new Membership(members);
        int quorum = settings.quorum() > 0 ? settings.quorum() : ring.majority();
        for (Member m : members) {
            ClusterConfig config = new ClusterConfig(m.id(), ring, settings.heartbeatMillis(),
                    settings.failureTimeoutMillis(), quorum, SECRET);
            servers.put(m.id(), new Server(m.id(), config));
            ids.add(m.id());
        }
        this.tickMillis = ClusterNode.tickMillis(servers.get(ids.get(0)).config);
    }

    /** Starts every server within one tick of each other, each on its own tick phase. */
    void startAll() {
        for (String id : ids) {
            long offset = rng.nextLong(tickMillis);
            clock.after(offset, () -> start(id));
        }
    }

    DeliveryLedger ledger() {
        return ledger;
    }

    /** Something that learns of every delivery: a client sees its own events confirmed, a test times them. */
    void addListener(DeliveryListener listener) {
        listeners.add(listener);
    }

    /**
     * A client submits an event to a server, as the chat layer would; false if the server cannot take it (down,
     * paused, left: the client's connection is gone) or refused it.
     */
    boolean submit(String id, String clientId, long clientEventId, byte[] payload) {
        Server s = servers.get(id);
        if (!s.live() || s.paused) {
            return false;
        }
        boolean accepted = s.node.submit(clientId, clientEventId, payload, now());
        if (accepted) {
            ledger.submitted(id, s.incarnation, new ClientEventKey(clientId, clientEventId), now());
        }
        flush(s);
        return accepted;
    }

    SimulatedNetwork network() {
        return network;
    }

    long now() {
        return clock.now();
    }

    long tickMillis() {
        return tickMillis;
    }

    long failureTimeout() {
        return servers.get(ids.get(0)).config.failureTimeoutMillis();
    }

    int quorum() {
        return servers.get(ids.get(0)).config.quorum();
    }

    /** Ids in ring order, lowest first. */
    List<String> ids() {
        return ids;
    }

    Server server(String id) {
        return servers.get(id);
    }

    List<Server> servers() {
        return new ArrayList<>(servers.values());
    }

    /** The highest live server in ring order, or null. */
    String highestLive() {
        for (int i = ids.size() - 1; i >= 0; i--) {
            if (servers.get(ids.get(i)).live()) {
                return ids.get(i);
            }
        }
        return null;
    }

    // ---- faults -----------------------------------------------------------------------------------------

    void crash(String id) {
        Server s = servers.get(id);
        s.node = null;
        s.paused = false;
        s.left = false;
        s.pausedInbox.clear();
        s.tickGeneration++;
        s.goneAt = now();
        trace.add(now(), id + " CRASHES");
    }

    /** A new process: a new ClusterNode with a higher incarnation and only the durable state of the old one. */
    void restart(String id) {
        Server s = servers.get(id);
        s.tickGeneration++;
        s.paused = false;
        s.left = false;
        s.pausedInbox.clear();
        start(id);
    }

    void pause(String id) {
        Server s = servers.get(id);
        s.paused = true;
        s.tickGeneration++;
        trace.add(now(), id + " PAUSES");
    }

    /**
     * The pause ends: the overdue tick and the queued datagrams run at the jumped time. Which comes first is a race
     * in the real driver (two managed threads), so the seed decides.
     */
    void resume(String id) {
        Server s = servers.get(id);
        if (!s.paused || s.node == null) {
            return;
        }
        s.paused = false;
        boolean tickFirst = rng.nextBoolean();
        trace.add(now(), id + " RESUMES (" + s.pausedInbox.size() + " queued datagrams, "
                + (tickFirst ? "tick first)" : "datagrams first)"));
        if (tickFirst) {
            tick(s);
        }
        List<byte[]> queued = new ArrayList<>(s.pausedInbox);
        s.pausedInbox.clear();
        // A resumed process finds its socket full and steps the datagrams as one burst, draining the outbox after.
        for (byte[] d : queued) {
            receive(s, d);
        }
        flush(s);
        if (!tickFirst) {
            tick(s);
        }
        scheduleTicks(s, s.tickGeneration);
    }

    void leave(String id) {
        Server s = servers.get(id);
        if (s.node == null || s.paused) {
            return;
        }
        s.node.leave(now());
        flush(s);
        s.left = true;
        s.goneAt = now();
        s.tickGeneration++;
        trace.add(now(), id + " LEAVES gracefully");
    }

    // ---- driving ----------------------------------------------------------------------------------------

    private void start(String id) {
        Server s = servers.get(id);
        s.incarnation++;
        LogCut cut = s.lastStored == null ? LogCut.START : s.lastStored.cut();
        LogResume resume = new LogResume(cut, s.keptPrevEpoch, s.kept);
        s.storedSeq = s.lastStored == null ? 0 : s.lastStored.seq();
        if (s.incarnation > 1) {
            ledger.restored(s.id, s.incarnation - 1, s.incarnation, s.storedSeq);
        }
        s.inbox = new DatagramInbox(s.config);
        s.outbox = new DatagramOutbox(s.config, s.incarnation);
        s.node = new ClusterNode(s.config, s.incarnation, now(), resume, s.boundEpoch);
        s.reported = "";
        trace.add(now(), id + " STARTS (incarnation " + s.incarnation + ", epoch " + s.boundEpoch + ", resumes at "
                + cut + ", stored up to " + s.storedSeq + ")");
        flush(s);
        scheduleTicks(s, s.tickGeneration);
    }

    private void scheduleTicks(Server s, int generation) {
        clock.after(tickMillis, () -> {
            if (s.tickGeneration != generation || s.node == null) {
                return;
            }
            tick(s);
            scheduleTicks(s, generation);
        });
    }

    private void tick(Server s) {
        s.node.tick(now());
        flush(s);
    }

    /** Reads the server's own heartbeats, as a wire tap would, to know when it reported itself (not) ready. */
    private void observe(Server s, byte[] datagram) {
        try {
            if (tap.decode(datagram, datagram.length).message() instanceof Heartbeat hb) {
                if (!hb.ready()) {
                    s.lastNotReadyAt = now();
                    if (s.saidReady) {
                        s.readinessLosses++;
                    }
                }
                s.saidReady = hb.ready();
            }
        } catch (MalformedDatagramException e) {
            throw new IllegalStateException("a server sent a datagram it cannot decode itself", e);
        }
    }

    private void deliver(String from, String to, byte[] datagram) {
        Server s = servers.get(to);
        if (s.node == null || s.left) {
            return;
        }
        if (s.paused) {
            s.pausedInbox.add(datagram);
            return;
        }
        receive(s, datagram);
        flush(s);
    }

    /** Through the server's inbox, as the driver does: only what it admits steps the node. */
    private void receive(Server s, byte[] datagram) {
        Envelope env = s.inbox.accept(datagram, datagram.length);
        if (env != null) {
            s.node.step(env, now());
        }
    }

    /** Carries out the node's {@link Ready} as the driver does: keep the epoch and the log, send, apply, report. */
    private void flush(Server s) {
        Ready ready = s.node.ready(now());
        if (ready.hasEpoch()) {
            s.boundEpoch = ready.epoch();
        }
        ready.log().writeTo(s.durable);
        byte[] tapped = null;
        for (Outbound out : s.outbox.seal(ready.messages())) {
            if (out.datagram() != tapped) {
                tapped = out.datagram();
                observe(s, tapped);
            }
            network.send(s.id, out.to().id(), out.datagram());
        }
        for (DropReason reason : ready.dropped()) {
            s.inbox.count(reason);
        }
        for (Delivery d : ready.deliveries()) {
            if (d.seq() > s.storedSeq) {
                ledger.delivered(s.id, s.incarnation, d, now());
                s.lastStored = d;
                ClientEventKey key = new ClientEventKey(d.clientId(), d.clientEventId());
                for (DeliveryListener l : listeners) {
                    l.delivered(s.id, s.incarnation, key, now());
                }
            }
        }
        for (ClusterEvent e : ready.events()) {
            if (e instanceof ClusterEvent.LeaderChanged lc) {
                String view = lc.leader() + "/" + lc.epoch() + "/" + lc.hasQuorum();
                if (!view.equals(s.reported)) {
                    s.reported = view;
                    trace.add(now(), s.id + " sees leader " + lc.leader() + " epoch " + lc.epoch()
                            + (lc.hasQuorum() ? " quorum" : " no-quorum") + " (" + lc.reason() + ") role "
                            + s.node.role());
                }
            }
        }
    }
}
