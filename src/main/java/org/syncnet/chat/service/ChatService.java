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
import java.util.logging.Logger;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.app.AccountDesk;
import org.syncnet.chat.app.ChatApplication;
import org.syncnet.chat.app.ChatSnapshots;
import org.syncnet.chat.app.LocalChat;
import org.syncnet.chat.app.SnapshotFiles;
import org.syncnet.cluster.service.ClusterService;
import org.syncnet.cluster.service.DataFolder;
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
    /** How often the reply timeout is checked: its resolution. */
    private static final long EXPIRE_MILLIS = 500;

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
    private ScheduledFuture<?> expiring;
    private ScheduledFuture<?> enforcing;
    private AccountConfig accounts;
    private AccountDesk desk;

    @PostConstruct
    void start() {
        config = settings.load();
        accounts = settings.loadAccounts();
        self = cluster.config().selfId();
        chat = new LocalChat(self, cluster.incarnation(), config.maxConnections(), cluster.submitter(),
                history.feed(), cluster::isCaughtUp, accounts.nickGraceMillis(), accounts.required(),
                TimeUnit.MICROSECONDS.toNanos(config.flushLingerMicros()));
        // Without a history a start has nothing to apply a snapshot's tail from: none are written then.
        ChatSnapshots snapshots = history.enabled() && config.snapshotInterval() > 0
                ? new ChatSnapshots(self, new SnapshotFiles(DataFolder.path()), config.snapshotInterval())
                : ChatSnapshots.OFF;
        chat.restore(new StoredHistory(history), snapshots);
        desk = new AccountDesk(self, chat, accounts.hashIterations());
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
        pinging = scheduler.scheduleWithFixedDelay(chat::keepAlive, config.pingIntervalMillis(),
                config.pingIntervalMillis(), TimeUnit.MILLISECONDS);
        expiring = scheduler.scheduleWithFixedDelay(() -> chat.expireReplies(config.replyTimeoutMillis()),
                EXPIRE_MILLIS, EXPIRE_MILLIS, TimeUnit.MILLISECONDS);
        enforcing = scheduler.scheduleWithFixedDelay(chat::enforceNicks, EXPIRE_MILLIS, EXPIRE_MILLIS,
                TimeUnit.MILLISECONDS);
        LOG.info(() -> self + ": chat ready; rate " + config.ratePerSecond() + "/s (burst " + config.rateBurst()
                + "), outbound queue " + config.outboundQueueKib() + " KiB, at most " + config.maxConnections()
                + " connections; accounts hashed with " + accounts.hashIterations() + " iterations, "
                + (accounts.required() ? "required to chat" : "optional") + ", registered nicks free for "
                + accounts.nickGraceMillis() / 1000 + " s; " + (snapshots == ChatSnapshots.OFF ? "no state snapshots"
                : "a state snapshot every " + config.snapshotInterval() + " events"));
    }

    @PreDestroy
    void stop() {
        reaping.cancel(false);
        sweeping.cancel(false);
        pinging.cancel(false);
        expiring.cancel(false);
        enforcing.cancel(false);
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

    /** The account settings, for the doors (hash cost, grace of registered nicks). */
    public AccountConfig accounts() {
        return accounts;
    }

    /** Passwords and browser tokens, for both doors. */
    public AccountDesk accountDesk() {
        return desk;
    }

    /** Connections open now, for the REST view and tests. */
    public int connectionCount() {
        return chat.connectionCount();
    }

    /** The chat on this server as the metrics read it (counters, connections per door, delivery timing). */
    public LocalChat local() {
        return chat;
    }
}
