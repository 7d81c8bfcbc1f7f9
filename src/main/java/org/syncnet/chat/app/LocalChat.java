package org.syncnet.chat.app;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.cluster.LogListener;
import org.syncnet.cluster.LogSubmitter;
import org.syncnet.cluster.log.Delivery;

/**
 * The chat on this server, in plain Java: the {@link ChatState}, its lock, the {@link ConnectionRegistry} and the
 * {@link LogApplier}, with the applier's thread ({@link OrderedWorker}). The doors enter it as the
 * {@link ChatApplication}; the cluster hands it the committed log as a {@link LogListener}; the container's bean
 * (ChatService) only starts, schedules and stops it.
 * <p>
 * Threads: the cluster thread only hands deliveries over, in log order, to the applier thread, which applies them
 * under {@code stateLock} and fans out; client input arrives on the doors' threads and only submits to the log or
 * reads the state. Lock order: the chat state, then a connection's own locks; the cluster node's lock is never held
 * with either.
 */
public final class LocalChat implements ChatApplication, LogListener {
    private final String self;
    private final Object stateLock = new Object();
    private final ChatState state = new ChatState();
    private final ConnectionRegistry connections;
    private final LogApplier applier;
    private final OrderedWorker worker;
    private final GhostSweeper sweeper;
    private final NickGuard guard;
    private final BooleanSupplier caughtUp;
    private ChatSnapshots snapshots = ChatSnapshots.OFF;

    /**
     * @param incarnation this run's start time in ms (numbers the connections)
     * @param log         where the clients' events go
     * @param subscriber  told of every applied entry (the history)
     * @param caughtUp    whether this server's log is as far as the cluster's
     * @param nickGraceMillis  how long a client may hold a registered nick without logging in to it
     * @param accountsRequired whether only logged-in clients may join and send ({@link ChatState#requireAccounts})
     * @param flushLingerNanos how long the applier waits for one more committed event before it writes what it
     *                         gathered (0: writes as soon as none waits)
     */
    public LocalChat(String self, long incarnation, int maxConnections, LogSubmitter log,
                     CommittedEvents subscriber, BooleanSupplier caughtUp, long nickGraceMillis,
                     boolean accountsRequired, long flushLingerNanos) {
        this.self = self;
        if (accountsRequired) {
            state.requireAccounts();
        }
        this.caughtUp = caughtUp;
        this.connections = new ConnectionRegistry(self, incarnation, maxConnections, log);
        this.guard = new NickGuard(nickGraceMillis, connections::contains);
        this.applier = new LogApplier(self, state, stateLock, connections, subscriber, guard);
        this.worker = new OrderedWorker("chat applier", applier::flush, flushLingerNanos,
                LogApplier.MAX_GATHER_NANOS);
        this.sweeper = new GhostSweeper(self, state, stateLock, connections::contains, connections::submitGoneAgain);
    }

    /** Rebuilds the state from what this server stored before it started; before {@link #start}. */
    public void restore(StoredEvents stored) {
        restore(stored, ChatSnapshots.OFF);
    }

    /**
     * Rebuilds the state from the newest usable snapshot and the events stored after it, and saves snapshots from
     * now on; before {@link #start}.
     */
    public void restore(StoredEvents stored, ChatSnapshots snapshots) {
        this.snapshots = snapshots;
        applier.restore(stored, snapshots);
    }

    /** Starts the applier thread; the cluster may deliver from then on. */
    public void start(ExecutorService executor) {
        snapshots.start(executor);
        worker.start(executor);
    }

    /** Stops the applier, saves a last snapshot, and tells every connection that the server is stopping. */
    public void stop() {
        worker.stop();
        applier.stopped();
        connections.forEach(ChatConnection::serverStopping);
    }

    /** The number of this run's first connection (see {@link ConnectionRegistry#firstConnection()}). */
    public long firstConnection() {
        return connections.firstConnection();
    }

    // ---- the cluster's side: the cluster thread only hands over ----

    @Override
    public void deliver(List<Delivery> deliveries) {
        worker.submit(() -> applier.deliver(deliveries));
    }

    @Override
    public void leaderChanged(String leader) {
        worker.submit(() -> applier.leaderChanged(leader));
    }

    // ---- scheduled ----

    /** Ends the clients the state lists for this server without a connection (see {@link GhostSweeper}). */
    public void sweepGhosts() {
        sweeper.sweep();
    }

    /**
     * Gives up on the events of every connection that the log has not applied within {@code timeoutMillis} of their
     * submission ({@link ChatConnection#expireReplies}).
     */
    public void expireReplies(long timeoutMillis) {
        long before = System.nanoTime() - timeoutMillis * 1_000_000;
        connections.forEach(c -> c.expireReplies(before));
    }

    /**
     * Logs the end of the grace period of this server's clients that still hold a registered nick they are not logged
     * in to ({@link NickGuard}); the log renames them.
     */
    public void enforceNicks() {
        for (NickGuard.Watch w : guard.due(System.nanoTime())) {
            ChatConnection c = connections.local(w.client());
            if (c != null && connections.submit(c, new ChatEvent.NickEnforced(w.client(), w.nick())) == 0) {
                guard.retry(w);
            }
        }
    }

    /** Lets every connection's door keep its transport alive ({@link ChatConnection#keepAlive()}). */
    public void keepAlive() {
        connections.forEach(ChatConnection::keepAlive);
    }

    // ---- the doors' side ----

    @Override
    public String server() {
        return self;
    }

    @Override
    public boolean catchingUp() {
        return !caughtUp.getAsBoolean();
    }

    @Override
    public ClientId allocate() {
        return connections.allocate();
    }

    @Override
    public void attach(ChatConnection c) {
        connections.attach(c);
    }

    @Override
    public long submit(ChatConnection c, ChatEvent e) {
        return connections.submit(c, e);
    }

    @Override
    public void closed(ChatConnection c, String reason) {
        connections.closed(c, reason);
    }

    @Override
    public <T> T read(Function<ChatState, T> query) {
        synchronized (stateLock) {
            return query.apply(state);
        }
    }

    /** Connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    /** Connections open now through {@code door} ({@link ChatConnection#door()}). */
    public int connectionCount(String door) {
        return connections.count(door);
    }

    /** What the chat counted since it started, for the server's metrics. */
    public ChatCounters counters() {
        return applier.counters();
    }

    /** Times a sample of this server's clients' events from submission to delivery (see {@link DeliveryTiming}). */
    public void timeDeliveries(DeliveryTiming timing) {
        connections.timeDeliveries(timing);
    }
}
