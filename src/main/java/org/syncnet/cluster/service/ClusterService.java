package org.syncnet.cluster.service;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncnet.cluster.ClusterConfig;
import org.syncnet.cluster.ClusterEvent;
import org.syncnet.cluster.ClusterNode;
import org.syncnet.cluster.ClusterView;
import org.syncnet.cluster.LogListener;
import org.syncnet.cluster.LogSubmitter;
import org.syncnet.cluster.Member;
import org.syncnet.cluster.Ready;
import org.syncnet.cluster.Role;
import org.syncnet.cluster.log.Delivery;
import org.syncnet.cluster.log.DurableLog;
import org.syncnet.cluster.log.InMemoryLogStore;
import org.syncnet.cluster.log.LogCut;
import org.syncnet.cluster.log.LogResume;
import org.syncnet.cluster.log.entry.LogEntry;
import org.syncnet.cluster.log.entry.LogPosition;
import org.syncnet.cluster.transport.DatagramInbox;
import org.syncnet.cluster.transport.DatagramOutbox;
import org.syncnet.cluster.transport.Outbound;
import org.syncnet.cluster.wire.DatagramCodec;
import org.syncnet.cluster.wire.DropReason;
import org.syncnet.cluster.wire.Envelope;
import org.syncnet.settings.InvalidSettingException;
import org.syncnet.settings.Settings;

/**
 * The thin driver of the cluster protocol: owns the UDP socket, passes received datagrams through its
 * {@link DatagramInbox} and steps the {@link ClusterNode} with what the inbox admits, ticks it, carries out the
 * {@link Ready} it hands back (see {@link #afterStep(long, boolean)}), and publishes its view. Every call into the
 * node holds the node's monitor, so the receive loop and the ticks never run the protocol at the same time.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterService {
    private static final Logger LOG = Logger.getLogger("org.syncnet.cluster");
    /** Datagrams stepped before the node's output is sent: bounds how long a burst holds the node. */
    private static final int BURST = 64;
    private static final long RECEIVE_WAKE_MILLIS = 1000;

    @Resource
    ManagedExecutorService executor;
    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    ClusterSettings settings;
    @Inject
    ElectionState state;
    /** Where this server's stored log ends (the durable history). */
    @Inject
    StoredLog storedLog;

    private ClusterConfig config;
    private ClusterNode node;
    /** Decodes, authenticates and replay-filters what arrives, and counts what it turns away. */
    private DatagramInbox inbox;
    /** Seals what the node sends. */
    private DatagramOutbox outbox;
    /** The bound epoch on disk. */
    private EpochFile epochs;
    /** Where the log's entries go to survive a restart: {@link #segments}, or nowhere with the history off. */
    private DurableLog durable = DurableLog.NONE;
    /** The committed log on disk (null with the history off: then nothing survives a restart). */
    private LogSegments segments;
    private DatagramChannel channel;
    private final Map<String, InetSocketAddress> addresses = new HashMap<>();
    private Future<?> receiver;
    private long lingerNanos;
    private ScheduledFuture<?> ticker;
    private volatile boolean receiving;
    /** Where committed events go; until one is attached they wait in {@link #undelivered}, in order. */
    private LogListener listener;
    private final List<Delivery> undelivered = new ArrayList<>();
    private long incarnation;
    private volatile long lastTickMillis;
    /** Times what this server orders as leader from its append to its commit (the commit latency meter). */
    private final CommitTimes commitTimes = new CommitTimes();
    private long unservableReported;
    private long unservableReportedAt = Long.MIN_VALUE / 2;
    /** Monotonic milliseconds anchored to the wall clock at start, so they also grow across restarts. */
    private final long originNanos = System.nanoTime();
    private final long originMillis = System.currentTimeMillis();

    @PostConstruct
    void start() {
        try {
            config = settings.load();
            lingerNanos = settings.receiveLingerMicros() * 1000L;
        } catch (InvalidSettingException e) {
            LOG.severe("SyncNet cannot start: " + e.getMessage());
            throw e;
        }
        Member self = config.self();
        for (Member m : config.membership().ring()) {
            addresses.put(m.id(), new InetSocketAddress(m.host(), m.port()));
        }
        LogResume resume = LogResume.FRESH;
        try {
            epochs = new EpochFile(DataFolder.path().resolve("epoch"));
            if (storedLog.enabled()) {
                LogCut applied = storedLog.resumePoint();
                segments = LogSegments.open(self.id(), DataFolder.path().resolve("log"), LogSegments.KEEP,
                        InMemoryLogStore.DEFAULT_CAPACITY, applied.seq(), settings.fsync());
                durable = segments;
                LogSegments.Tail tail = segments.takeTail();
                resume = new LogResume(applied, tail.prevEpoch(), tail.entries());
                checkHistoryAgainstLog(self.id(), applied.seq(), storedLog.markedSeq(), tail.entries());
            }
        } catch (RuntimeException e) {
            LOG.severe(self.id() + ": SyncNet cannot start: " + e.getMessage());
            throw e;
        }
        channel = bind(self);
        long now = now();
        incarnation = System.currentTimeMillis();
        inbox = new DatagramInbox(config);
        outbox = new DatagramOutbox(config, incarnation);
        node = new ClusterNode(config, incarnation, now, resume, epochs.read());
        if (epochs.read() > 0 || !resume.tail().isEmpty() || resume.applied().seq() > 0) {
            LogResume r = resume;
            LOG.info(() -> self.id() + ": restarted: bound to epoch " + epochs.read() + " (" + epochs.path()
                    + "); the history holds the events up to seq " + r.applied().seq() + ", the log "
                    + node.logPosition());
        }
        lastTickMillis = now;
        afterStep(now, true);
        receiving = true;
        receiver = executor.submit(this::receiveLoop);
        long tick = ClusterNode.tickMillis(config);
        ticker = scheduler.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        LOG.info(() -> self.id() + ": cluster member on UDP " + self.host() + ":" + self.port() + "; members "
                + config.membership().ring() + "; heartbeat " + config.heartbeatMillis() + " ms, failure timeout "
                + config.failureTimeoutMillis() + " ms, quorum " + config.quorum());
    }

    /**
     * The history ends at {@code applied}; it once stored events up to {@code marked}. What it lacks up to there must
     * be in the log kept on disk, which resumes after {@code applied} and delivers it again: the history repairs
     * itself. If the log does not reach back that far (and the peers, asked before, did not have them), the events
     * are nowhere: the server does not start, and says which seqs are missing.
     *
     * @throws IllegalStateException naming the missing seqs
     */
    static void checkHistoryAgainstLog(String self, long applied, long marked, List<LogEntry> tail) {
        long first = tail.isEmpty() ? Long.MAX_VALUE : tail.get(0).seq();
        if (marked > applied) {
            if (first > applied + 1) {
                long to = Math.min(marked, first - 1);
                throw new IllegalStateException(self + ": seqs " + (applied + 1) + ".." + to + " are missing: the"
                        + " history database ends at seq " + applied + " although this server stored events up to seq "
                        + marked + ", no peer had them, and its log on disk "
                        + (tail.isEmpty() ? "is empty" : "starts at seq " + first) + ". Start it again once a peer that"
                        + " has them runs, or move its data/syncnet folder away to start it empty (it then fetches the"
                        + " history from its peers)");
            }
            LOG.warning(self + ": repairing the history: seqs " + (applied + 1) + ".." + marked + " are delivered"
                    + " again from this server's log on disk");
        } else if (first != Long.MAX_VALUE && first > applied + 1 && first > 1) {
            LOG.warning(self + ": the history ends at seq " + applied + " but the log kept on disk starts at seq "
                    + first + ": the events between are not in the chat state");
        }
    }

    private static DatagramChannel bind(Member self) {
        try {
            DatagramChannel ch = DatagramChannel.open();
            ch.bind(new InetSocketAddress(self.host(), self.port()));
            return ch;
        } catch (IOException e) {
            throw new InvalidSettingException(Settings.MEMBERS,
                    "cannot bind UDP " + self.host() + ":" + self.port() + " for " + self.id() + ": " + e.getMessage());
        }
    }

    /** Graceful leave: the peers hear it at once and the next server takes over without waiting for a timeout. */
    @PreDestroy
    void stop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        synchronized (node) {
            receiving = false; // under the monitor: no datagram is stepped (or published) after the leave
            node.leave(now());
            afterStep(now());
        }
        if (segments != null) {
            segments.close();
        }
        LOG.info(() -> config.selfId() + ": left the cluster");
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the cluster socket", e);
        }
        receiver.cancel(true);
    }

    /**
     * Steps the datagrams in bursts: all that wait (up to {@link #BURST}), then one {@link #afterStep}, so the node
     * answers a burst with one append per follower instead of one per datagram. After a burst of two or more (the
     * server falls behind: it is busy) it lingers {@code syncnet.cluster.receive-linger-us} before it looks again, so
     * the next burst gathers what arrives meanwhile, as a network card coalesces interrupts under load. At saturation
     * that lets one append carry the chat messages of many datagrams, so fewer datagrams go per message and more
     * messages get through; at a moderate rate bursts are single datagrams, so nothing waits (a linger after every
     * datagram would delay every message).
     */
    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(DatagramCodec.MAX_DATAGRAM + 1); // one more: see oversized ones
        try (Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            while (receiving) {
                selector.select(RECEIVE_WAKE_MILLIS); // bounded, so a stop() is noticed even without a datagram
                selector.selectedKeys().clear();
                if (stepBurst(buffer) >= 2 && lingerNanos > 0) {
                    LockSupport.parkNanos(lingerNanos);
                }
            }
        } catch (ClosedChannelException | ClosedSelectorException e) {
            // stop() closed the socket
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, config.selfId() + ": cluster receive loop stopped", e);
        } finally {
            receiving = false;
        }
    }

    /** Steps the datagrams waiting on the socket, at most {@link #BURST}, then sends what came of them; how many. */
    private int stepBurst(ByteBuffer buffer) throws IOException {
        synchronized (node) {
            if (!receiving) {
                return 0;
            }
            long now = now();
            int stepped = 0;
            for (buffer.clear(); stepped < BURST && channel.receive(buffer) != null; buffer.clear()) {
                Envelope env = inbox.accept(buffer.array(), buffer.position());
                if (env != null) {
                    node.step(env, now);
                }
                stepped++;
            }
            if (stepped > 0) {
                afterStep(now);
            }
            return stepped;
        }
    }

    private void tick() {
        try {
            long now = now();
            synchronized (node) {
                if (!receiving) {
                    return; // stopped (or the receive loop died, which liveness reports)
                }
                node.tick(now);
                afterStep(now, true);
                reportUnservable(now);
            }
            lastTickMillis = now;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, config.selfId() + ": cluster tick failed", e);
        }
    }

    /**
     * Says so (at most once a minute) when a peer needs entries older than this server keeps; that peer catches up
     * from the stored history by itself. Caller holds the node's monitor.
     */
    private void reportUnservable(long now) {
        long unservable = node.unservableCatchUps();
        if (unservable > unservableReported && now - unservableReportedAt >= 60_000) {
            unservableReported = unservable;
            unservableReportedAt = now;
            LOG.warning(() -> config.selfId() + ": a peer needs log entries older than the "
                    + InMemoryLogStore.DEFAULT_CAPACITY + " kept here; it catches up from the stored history instead ("
                    + unservable + " unservable appends so far)");
        }
    }

    private void afterStep(long now) {
        afterStep(now, false);
    }

    /**
     * Carries out what the node left to do, in a fixed order: keeps the bound epoch and the log's new entries on disk,
     * then sends, then logs and publishes the events, and the view when something changed or on a tick (building a
     * view per datagram would cost too much under load), then hands the committed events to the listener. Keeping
     * comes first: a promise, an acknowledgement or an append sent must survive a restart. Caller holds the node's
     * monitor.
     */
    private void afterStep(long now, boolean tick) {
        Ready ready = node.ready(now);
        long nanos = System.nanoTime();
        if (node.role() == Role.LEADER) {
            commitTimes.appended(ready.log().entries(), nanos);
        }
        commitTimes.committed(ready.deliveries(), nanos);
        if (ready.hasEpoch()) {
            epochs.write(ready.epoch());
        }
        ready.log().writeTo(durable);
        if (segments != null) {
            segments.flush(); // what this step appended, before anything sent can show it
        }
        for (Outbound out : outbox.seal(ready.messages())) {
            try {
                channel.send(ByteBuffer.wrap(out.datagram()), addresses.get(out.to().id()));
            } catch (IOException e) {
                LOG.log(Level.FINE, config.selfId() + ": send to " + out.to().id() + " failed", e);
            }
        }
        for (DropReason reason : ready.dropped()) {
            inbox.count(reason);
        }
        List<ClusterEvent> events = ready.events();
        for (ClusterEvent e : events) {
            ClusterEventLog.log(config.selfId(), e);
        }
        ClusterView view = tick || !events.isEmpty() ? node.view(now, inbox.droppedCounts()) : null;
        if (view != null) {
            state.publish(view, events);
        }
        undelivered.addAll(ready.deliveries());
        if (listener != null) {
            if (!undelivered.isEmpty()) {
                List<Delivery> deliveries = List.copyOf(undelivered);
                undelivered.clear();
                listener.deliver(deliveries);
            }
            if (!events.isEmpty() && events.stream().anyMatch(ClusterEvent.LeaderChanged.class::isInstance)) {
                listener.leaderChanged(view.hasQuorum() ? view.leader() : null);
            }
        }
    }

    /**
     * Hands every committed event, in log order and each once, to {@code listener}, on the cluster thread with the
     * node's monitor held (so deliveries never overtake each other); the current leader and the events committed
     * before are handed over first.
     */
    public void attach(LogListener listener) {
        synchronized (node) {
            this.listener = listener;
            ClusterView view = node.view(now(), inbox.droppedCounts());
            listener.leaderChanged(view.hasQuorum() ? view.leader() : null);
            afterStep(now());
        }
    }

    /**
     * Puts a client event into the cluster's log: forwarded to the leader until it is seen committed, here or after
     * a leader change; a retry with the same ids is ordered at most once. Must not be called from a
     * {@link LogListener} or a {@link LeadershipChanged} observer (they run inside a step).
     *
     * @return false if it was refused: too many events wait for a leader, or this server is leaving
     */
    public boolean submit(String clientId, long clientEventId, byte[] payload) {
        long now = now();
        synchronized (node) {
            if (!receiving) {
                return false;
            }
            boolean accepted = node.submit(clientId, clientEventId, payload, now);
            afterStep(now);
            return accepted;
        }
    }

    /**
     * Hands the commit latency of every entry this server orders as leader (from its append to its commit, in
     * nanoseconds) to {@code report}, on the cluster thread with the node's monitor held: it must be quick.
     */
    public void reportCommitLatency(LongConsumer report) {
        commitTimes.reportTo(report);
    }

    /** {@link #submit} bound to this bean itself, for callers on a hot path (see {@link LogSubmitter}). */
    public LogSubmitter submitter() {
        return this::submit;
    }

    /** This process's incarnation: the wall-clock milliseconds at its start, growing with every restart. */
    public long incarnation() {
        return incarnation;
    }

    /** The incarnation last heard from {@code peer}, 0 if never heard since this server started. */
    public long incarnationOf(String peer) {
        synchronized (node) {
            return node.incarnationOf(peer);
        }
    }

    public ClusterConfig config() {
        return config;
    }

    long now() {
        return originMillis + (System.nanoTime() - originNanos) / 1_000_000;
    }

    /** Liveness: the socket is open, the receive loop runs and ticks keep coming. */
    public boolean isLive() {
        long tickAge = now() - lastTickMillis;
        return channel != null && channel.isOpen() && receiving
                && tickAge < Math.max(2_000, 20 * ClusterNode.tickMillis(config));
    }

    /**
     * Catches the log up with committed events from a peer's stored history, in log order (after what the log
     * delivered): the log jumps past the last one (see {@link ClusterNode#fastForward}) and they go to the listener
     * as deliveries, before anything the log delivers next. False if the log took none (it moved on meanwhile).
     */
    public boolean fastForward(List<Delivery> fetched) {
        synchronized (node) {
            long applied = node.logPosition().commitSeq();
            List<Delivery> fresh = fetched.stream().filter(d -> d.seq() > applied).toList();
            // Up to the last event after which the log may resume at its own place (no large event open then).
            int end = fresh.size();
            while (end > 0 && fresh.get(end - 1).cut().seq() != fresh.get(end - 1).seq()) {
                end--;
            }
            if (end == 0 || listener == null || !node.fastForward(fresh.get(end - 1).cut())) {
                return false;
            }
            listener.deliver(fresh.subList(0, end));
            afterStep(now());
            return true;
        }
    }

    /** This server's log position (the REST view shows it too). */
    public LogPosition logPosition() {
        synchronized (node) {
            return node.logPosition();
        }
    }

    /** Whether this server's log holds what the cluster committed (see {@link ClusterNode#isCaughtUp}). */
    public boolean isCaughtUp() {
        synchronized (node) {
            return node.isCaughtUp();
        }
    }

    public long millisSinceLastTick() {
        return now() - lastTickMillis;
    }

    public boolean isReceiving() {
        return receiving;
    }
}
