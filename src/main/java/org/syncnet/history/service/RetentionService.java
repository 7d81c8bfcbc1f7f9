package org.syncnet.history.service;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.syncnet.settings.InvalidSettingException;
import org.syncnet.cluster.service.ClusterService;
import org.syncnet.history.DeletePacing;
import org.syncnet.history.RetentionCleanup;
import org.syncnet.history.RetentionConfig;
import org.syncnet.history.RetentionLoop;
import org.syncnet.history.RetentionStatus;

/**
 * The history's retention on this server: when {@code syncnet.history.max-age} or
 * {@code syncnet.history.max-messages-per-room} is set (and the history is on), a {@link RetentionLoop} removes old
 * room messages from the database every {@code syncnet.history.retention-interval}, on a thread of its own from the
 * container's {@link ManagedThreadFactory}: never on the chat's threads, and beside the history writer rather than on
 * its thread, so that removing a large backlog never holds up the writing of new events (the deletes are short
 * transactions on other rows). An invalid retention setting fails the deployment, naming the setting.
 * <p>
 * It starts after the history (whose settings say whether it is on) and stops before it.
 */
@Singleton
@Startup
@DependsOn("HistoryService")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RetentionService {
    private static final Logger LOG = Logger.getLogger("org.syncnet.history");
    /** How long a stop waits for the delete in progress. */
    static final long STOP_MILLIS = 5_000;

    @Inject
    ClusterService cluster;
    @Inject
    HistorySettings settings;
    @Inject
    HistoryService history;
    @Resource
    ManagedThreadFactory threads;

    private String self;
    private RetentionConfig config = RetentionConfig.keepEverything();
    private RetentionLoop loop;
    private final CountDownLatch stopping = new CountDownLatch(1);

    @PostConstruct
    void start() {
        self = cluster.config().selfId();
        try {
            config = settings.loadRetention();
        } catch (InvalidSettingException e) {
            LOG.severe(self + ": SyncNet cannot start: " + e.getMessage());
            throw e;
        }
        if (config.keepsEverything()) {
            LOG.info(() -> self + ": chat history kept whatever its age and size (" + RetentionConfig.MAX_AGE + ", "
                    + RetentionConfig.MAX_MESSAGES_PER_ROOM + " unset)");
            return;
        }
        if (!history.enabled()) {
            LOG.info(() -> self + ": chat history off; its retention (" + config + ") has nothing to do");
            return;
        }
        RetentionCleanup cleanup = new RetentionCleanup(config, history.retentionStore(), new DeletePacing(),
                this::await, System::nanoTime);
        loop = new RetentionLoop(self, config, cleanup, this::await, System::nanoTime, System::currentTimeMillis);
        Thread thread = threads.newThread(loop::run);
        thread.setName(self + " history retention");
        thread.start();
        LOG.info(() -> self + ": chat history retention on: " + config + "; only room messages are removed");
    }

    /** Waits {@code millis} or until the server stops. */
    private void await(long millis) throws InterruptedException {
        stopping.await(millis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (loop == null) {
            return;
        }
        loop.stop();
        stopping.countDown();
        try {
            if (!loop.awaitEnd(STOP_MILLIS)) {
                LOG.warning(self + ": history retention still busy at shutdown (a delete waits for the database)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the retention did since the server started, for the REST status view. */
    public RetentionStatus status() {
        return loop == null ? RetentionStatus.inactive(config) : loop.status();
    }
}
