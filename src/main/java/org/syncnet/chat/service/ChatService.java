package org.syncnet.chat.service;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatEventCodec;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.MalformedEventException;
import org.syncnet.chat.TokenBucket;
import org.syncnet.door.ws.BrowserSession;
import org.syncnet.door.ws.ClientConnection;
import org.syncnet.door.ws.ClientFrameDecoder;
import org.syncnet.door.ws.OutcomeFrames;
import org.syncnet.door.ws.ServerFrame;
import org.syncnet.door.ws.ServerFrameEncoder;
import org.syncnet.cluster.log.Delivery;
import org.syncnet.cluster.service.ClusterService;
import org.syncnet.cluster.service.ElectionState;
import org.syncnet.cluster.service.LogListener;
import org.syncnet.cluster.service.LogSubmitter;
import org.syncnet.history.HistoryFeed;
import org.syncnet.history.service.HistoryService;

/**
 * The chat on this server: applies the committed log to the {@link ChatState} (the same on every server) and sends
 * each outcome to this server's own connections; puts what the clients say into the log. While leading, it also
 * logs the end of a failed server's clients ({@link ChatEvent.ServerGone}), so the others see them quit.
 * <p>
 * Doors: each client connection, WebSocket or IRC, is a {@link ChatConnection}; the service numbers its events,
 * submits them, and calls it back with the outcomes meant for it.
 * <p>
 * Threads: the cluster thread hands deliveries over in log order to one applier thread, which applies them under
 * {@code stateLock} and fans out; client input arrives on the doors' threads and only submits to the log. Lock order:
 * the chat state, then a connection's own locks; the cluster node's lock is never held with either.
 */
@Singleton
@Startup
@DependsOn({"ClusterService", "HistoryService"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ChatService {
    private static final Logger LOG = Logger.getLogger("org.syncnet.chat");
    /** Connection numbers are the incarnation (start time in ms) shifted left by this: unique across restarts. */
    static final int CONNECTION_BITS = 20;
    private static final long SWEEP_SECONDS = 10;
    /** How long a log that is not caught up may stand still before it catches up from the peers' history. */
    static final long CATCH_UP_CHECK_SECONDS = 5;
    /**
     * How long the applier gathers frames before it writes them: under load, several events leave each connection in
     * one write (a write per event and connection cost most of a busy server's CPU); a quiet chat waits this at most.
     */
    static final long FLUSH_LINGER_NANOS = 5_000_000;

    @Inject
    ClusterService cluster;
    @Inject
    ChatSettings settings;
    @Inject
    ElectionState election;
    @Resource
    ManagedExecutorService executor;
    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    HistoryService history;

    private ChatConfig config;
    private String self;
    private final Object stateLock = new Object();
    private final ChatState state = new ChatState();
    private OutcomeFrames frames;
    private final ServerFrameEncoder encoder = new ServerFrameEncoder();
    private final ClientFrameDecoder decoder = new ClientFrameDecoder();
    private final Map<ClientId, Attached> connections = new ConcurrentHashMap<>();
    private AtomicLong nextConnection;
    private long lastConnection;
    private ServerReaper reaper;
    private ScheduledFuture<?> reaping;
    private ScheduledFuture<?> sweeping;
    private ScheduledFuture<?> pinging;
    private ScheduledFuture<?> catchingUp;
    /** Where the log stood at the last check while not caught up (-1: caught up then). */
    private long stuckAt = -1;
    private final OrderedWorker applier = new OrderedWorker("chat applier", this::flush, FLUSH_LINGER_NANOS);
    private LogSubmitter log;
    /** Every applied entry goes to the durable history too (never waits; applier thread). */
    private HistoryFeed archive;
    /** Connections the applier queued frames for since its last flush (applier thread only). */
    private final Set<ChatConnection> unflushed = new LinkedHashSet<>();
    /** The leader with a quorum, as the cluster last reported it, null while none (applier thread only). */
    private String leader;
    /** Events up to this seq were applied from the stored history at start: the log may deliver some again. */
    private long restoredSeq;

    @PostConstruct
    void start() {
        config = settings.load();
        self = cluster.config().selfId();
        log = cluster.submitter();
        archive = history.feed();
        // Half the outbound queue: a resume's history goes out as one frame, and the queue takes it even with
        // events queued behind (2 Mi characters by default, over 10 s of a busy room's messages).
        frames = new OutcomeFrames(self, state, config.outboundQueueKib() * 1024L / 2);
        long first = cluster.incarnation() << CONNECTION_BITS;
        nextConnection = new AtomicLong(first);
        lastConnection = first + (1L << CONNECTION_BITS) - 1;
        restore();
        reaper = new ServerReaper(self, cluster, election, state, stateLock, first);
        // Clients an earlier run of this server left in the log are gone; the bound spares this run's.
        reaper.submit(new ChatEvent.ServerGone(self, first, self + " restarted"));
        applier.start(executor);
        // The cluster thread only hands over; the applier thread applies and fans out, in the same order.
        cluster.attach(new LogListener() {
            @Override
            public void deliver(List<Delivery> deliveries) {
                applier.submit(() -> ChatService.this.deliver(deliveries));
            }

            @Override
            public void leaderChanged(String leader) {
                applier.submit(() -> ChatService.this.leaderChanged(leader));
            }
        });
        long period = Math.max(100, cluster.config().heartbeatMillis() / 2);
        reaping = scheduler.scheduleWithFixedDelay(reaper::reap, period, period, TimeUnit.MILLISECONDS);
        GhostSweeper sweeper = new GhostSweeper(self, state, stateLock, connections::containsKey,
                // The connection's own event numbers count up from 1: this one is never one of them.
                gone -> cluster.submit(gone.client().toString(), Long.MAX_VALUE, ChatEventCodec.encode(gone)));
        sweeping = scheduler.scheduleWithFixedDelay(sweeper::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        catchingUp = scheduler.scheduleWithFixedDelay(this::catchUpIfStuck, CATCH_UP_CHECK_SECONDS,
                CATCH_UP_CHECK_SECONDS, TimeUnit.SECONDS);
        pinging = scheduler.scheduleWithFixedDelay(() -> connections.values().forEach(a -> a.connection.keepAlive()),
                config.pingIntervalMillis(), config.pingIntervalMillis(), TimeUnit.MILLISECONDS);
        LOG.info(() -> self + ": chat ready; rate " + config.ratePerSecond() + "/s (burst " + config.rateBurst()
                + "), outbound queue " + config.outboundQueueKib() + " KiB, at most " + config.maxConnections()
                + " connections");
    }

    /**
     * Rebuilds the chat state from the events stored before this start (rooms, topics, nicks, recent history), the
     * same on every server since every server applies the same log; the log then resumes after them. Clients of
     * the earlier run that the state still lists are ended by the ServerGone submitted next.
     */
    private void restore() {
        restoredSeq = history.storedSeq();
        if (restoredSeq == 0) {
            return;
        }
        long startedAt = System.nanoTime();
        long applied = history.replay(e -> {
            try {
                state.apply(e.seq(), e.originServer(), ChatEventCodec.decode(e.payload()));
            } catch (MalformedEventException | RuntimeException ex) {
                // As when it was delivered: every server skipped it alike.
                LOG.log(Level.FINE, self + ": skipping stored event " + e.seq(), ex);
            }
        });
        LOG.info(() -> self + ": chat state rebuilt from " + applied + " stored events (up to seq " + restoredSeq
                + ") in " + (System.nanoTime() - startedAt) / 1_000_000 + " ms");
    }

    /**
     * Scheduled: a log that is not caught up and has not moved for a whole period while a leader serves needs
     * entries no peer's log keeps (this server was cut off for more than the leader's in-memory log): it catches up
     * from a peer's stored history instead, and the leader sends what follows. Must never throw.
     */
    private void catchUpIfStuck() {
        try {
            long at = cluster.logPosition().lastSeq();
            if (cluster.isCaughtUp() || !election.leaderWithQuorum() || !history.enabled()) {
                stuckAt = -1;
                return;
            }
            if (at != stuckAt) {
                stuckAt = at;
                return;
            }
            LOG.warning(() -> self + ": the log has not moved from seq " + at + " for " + CATCH_UP_CHECK_SECONDS
                    + " s and is not caught up: catching up from the peers' stored history");
            long taken = history.fetchFromPeers(cluster.logPosition().commitSeq(), page -> cluster.fastForward(
                    page.stream().map(e -> new Delivery(e.epoch(), e.seq(), e.originServer(), e.clientId(),
                            e.clientEventId(), e.payload(), e.cut())).toList()));
            LOG.info(() -> self + ": took " + taken + " events from the peers' history; the log is at "
                    + cluster.logPosition());
            stuckAt = -1;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, self + ": catching up from the peers' history failed", e);
        }
    }

    @PreDestroy
    void stop() {
        catchingUp.cancel(false);
        reaping.cancel(false);
        sweeping.cancel(false);
        pinging.cancel(false);
        applier.stop();
        for (Attached a : connections.values()) {
            a.connection.serverStopping();
        }
    }

    /** A connection, with what the chat keeps of it whatever its door. */
    private static final class Attached {
        final ChatConnection connection;
        final AtomicLong nextEventNumber = new AtomicLong(1);
        /** Whether anything of this connection went to the log (then its end must be logged too). */
        volatile boolean spoke;

        Attached(ChatConnection connection) {
            this.connection = connection;
        }
    }

    /** The chat for the doors' hot paths, bound to this bean itself (see {@link ChatDoorway}). */
    public ChatDoorway doorway() {
        ChatService chat = this;
        return new ChatDoorway() {
            @Override
            public boolean catchingUp() {
                return chat.catchingUp();
            }

            @Override
            public ClientId allocate() {
                return chat.allocate();
            }

            @Override
            public void attach(ChatConnection c) {
                chat.attach(c);
            }

            @Override
            public boolean submit(ChatConnection c, ChatEvent e) {
                return chat.submit(c, e);
            }

            @Override
            public void closed(ChatConnection c, String reason) {
                chat.closed(c, reason);
            }

            @Override
            public <T> T read(Function<ChatState, T> query) {
                return chat.read(query);
            }
        };
    }

    /** See {@link ChatDoorway#catchingUp()}. */
    public boolean catchingUp() {
        return !cluster.isCaughtUp();
    }

    private ClientId allocate() {
        if (connections.size() >= config.maxConnections()) {
            return null;
        }
        long number = nextConnection.getAndIncrement();
        // a million connections in one run: the numbers would run into the next run's
        return number > lastConnection ? null : new ClientId(self, number);
    }

    private void attach(ChatConnection c) {
        connections.put(c.id(), new Attached(c));
    }

    /** A new WebSocket connection; null if this server is full (the caller closes it). */
    public ClientConnection open(Session ws) {
        ClientId id = allocate();
        if (id == null) {
            return null;
        }
        BrowserSession protocol = new BrowserSession(id,
                new TokenBucket(config.rateBurst(), config.ratePerSecond(), System.nanoTime()), decoder);
        // Bound to this instance, not the container's proxy: they run for every frame.
        ClientConnection c = new ClientConnection(ws, protocol, encoder, frames, executor, this::onText,
                ended -> closed(ended, ended.quitReason()), (long) config.outboundQueueKib() * 1024);
        attach(c);
        return c;
    }

    /** A text frame from a client: its events go to the log, any immediate reply back to it. */
    private void onText(ClientConnection c, String text) {
        BrowserSession.Result result = c.onText(text);
        c.send(result.reply());
        for (ChatEvent e : result.toLog()) {
            if (!submit(c, e)) {
                c.send(new ServerFrame.Error(ErrorCode.UNAVAILABLE, "the cluster cannot take events now; resend later",
                        e.clientEventId()));
            }
        }
        c.closeIfEnded();
    }

    private void closed(ChatConnection c, String reason) {
        Attached a = connections.remove(c.id());
        if (a != null && a.spoke) {
            // A socket error's own words may break the reason's limits: the client must leave all the same.
            String why = ChatLimits.isValidReason(reason) ? reason : "Connection closed";
            submit(a, new ChatEvent.ClientGone(c.id(), why));
        }
    }

    private boolean submit(ChatConnection c, ChatEvent e) {
        Attached a = connections.get(c.id());
        return a != null && submit(a, e);
    }

    private boolean submit(Attached a, ChatEvent e) {
        a.spoke = true;
        return log.submit(a.connection.id().toString(), a.nextEventNumber.getAndIncrement(),
                ChatEventCodec.encode(e));
    }

    private <T> T read(Function<ChatState, T> query) {
        synchronized (stateLock) {
            return query.apply(state);
        }
    }

    /** Committed events in log order, on the applier thread. */
    private void deliver(List<Delivery> deliveries) {
        synchronized (stateLock) {
            for (Delivery d : deliveries) {
                if (d.seq() <= restoredSeq) {
                    continue; // the log resumed before the last stored event (a large event's parts were open)
                }
                List<ChatOutcome> outcomes = List.of();
                try {
                    ChatEvent event = ChatEventCodec.decode(d.payload());
                    outcomes = state.apply(d.seq(), d.originServer(), event);
                    for (ChatOutcome outcome : outcomes) {
                        SharedEncodings shared = new SharedEncodings();
                        for (ClientId to : outcome.to()) {
                            Attached a = to.server().equals(self) ? connections.get(to) : null;
                            if (a != null) {
                                a.connection.onOutcome(outcome, state, leader, shared);
                                unflushed.add(a.connection);
                            }
                        }
                    }
                } catch (MalformedEventException | RuntimeException e) {
                    // Every server skips the same entry alike: the state stays the same everywhere.
                    LOG.log(Level.WARNING, self + ": skipping log entry " + d.seq() + " from " + d.originServer(), e);
                }
                archive.committed(d, outcomes);
            }
        }
    }

    /** The applier's flush hook: writes what its last tasks queued, one write per connection. */
    private void flush() {
        for (ChatConnection c : unflushed) {
            c.flush();
        }
        unflushed.clear();
    }

    /** Tells every client who leads now (null: nobody, sends wait); on the applier thread, in order with events. */
    private void leaderChanged(String leader) {
        this.leader = leader;
        for (Attached a : connections.values()) {
            a.connection.leaderChanged(leader);
            unflushed.add(a.connection);
        }
    }

    /** Connections open now, for the REST view and tests. */
    public int connectionCount() {
        return connections.size();
    }
}
