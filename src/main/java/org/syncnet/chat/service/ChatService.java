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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.app.ChatApplication;
import org.syncnet.chat.app.LocalChat;
import org.syncnet.cluster.log.Delivery;
import org.syncnet.cluster.service.ClusterService;
import org.syncnet.cluster.service.ElectionState;
import org.syncnet.history.service.HistoryService;

/**
 * Hosts the chat on this server ({@link LocalChat}, plain Java) in the container: creates it at start-up with the
 * settings, the cluster's log and the history, attaches it to the cluster, runs its scheduled jobs on the container's
 * scheduler, and stops it. While leading, its {@link ServerReaper} logs the end of a failed server's clients
 * ({@link ChatEvent.ServerGone}), so the others see them quit. The doors obtain the chat from {@link #application()}.
 */
@Singleton
@Startup
@DependsOn({"ClusterService", "HistoryService"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ChatService {
    private static final Logger LOG = Logger.getLogger("org.syncnet.chat");
    private static final long SWEEP_SECONDS = 10;
    /** How long a log that is not caught up may stand still before it catches up from the peers' history. */
    static final long CATCH_UP_CHECK_SECONDS = 5;

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
    private LocalChat chat;
    private ServerReaper reaper;
    private ScheduledFuture<?> reaping;
    private ScheduledFuture<?> sweeping;
    private ScheduledFuture<?> pinging;
    private ScheduledFuture<?> catchingUp;
    /** Where the log stood at the last check while not caught up (-1: caught up then). */
    private long stuckAt = -1;

    @PostConstruct
    void start() {
        config = settings.load();
        self = cluster.config().selfId();
        chat = new LocalChat(self, cluster.incarnation(), config.maxConnections(), cluster.submitter(),
                history.feed(), cluster::isCaughtUp);
        chat.restore(new StoredHistory(history));
        long first = chat.firstConnection();
        reaper = new ServerReaper(self, cluster, election, chat, first);
        // Clients an earlier run of this server left in the log are gone; the bound spares this run's.
        reaper.submit(new ChatEvent.ServerGone(self, first, self + " restarted"));
        chat.start(executor);
        // The cluster thread only hands over; the applier thread applies and fans out, in the same order.
        cluster.attach(chat);
        long period = Math.max(100, cluster.config().heartbeatMillis() / 2);
        reaping = scheduler.scheduleWithFixedDelay(reaper::reap, period, period, TimeUnit.MILLISECONDS);
        sweeping = scheduler.scheduleWithFixedDelay(chat::sweepGhosts, SWEEP_SECONDS, SWEEP_SECONDS,
                TimeUnit.SECONDS);
        catchingUp = scheduler.scheduleWithFixedDelay(this::catchUpIfStuck, CATCH_UP_CHECK_SECONDS,
                CATCH_UP_CHECK_SECONDS, TimeUnit.SECONDS);
        pinging = scheduler.scheduleWithFixedDelay(chat::keepAlive, config.pingIntervalMillis(),
                config.pingIntervalMillis(), TimeUnit.MILLISECONDS);
        LOG.info(() -> self + ": chat ready; rate " + config.ratePerSecond() + "/s (burst " + config.rateBurst()
                + "), outbound queue " + config.outboundQueueKib() + " KiB, at most " + config.maxConnections()
                + " connections");
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
        chat.stop();
    }

    /**
     * The chat for the doors' hot paths, bound to the plain object itself rather than this bean's proxy: it runs for
     * every connection, frame and line.
     */
    public ChatApplication application() {
        return chat;
    }

    /** The chat's settings, for the doors (rate limit, outbound queue). */
    public ChatConfig config() {
        return config;
    }

    /** Connections open now, for the REST view and tests. */
    public int connectionCount() {
        return chat.connectionCount();
    }
}
