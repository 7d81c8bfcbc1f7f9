package org.syncnet.history.service;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.syncnet.cluster.log.Delivery;
import org.syncnet.cluster.log.entry.LogPosition;
import org.syncnet.cluster.service.ClusterService;
import org.syncnet.cluster.service.ElectionState;

/**
 * Runs the history's {@link PeerCatchUp} of a stuck log on the container's scheduler while the server runs (the
 * catch-up at start is the {@link HistoryService}'s own). Nothing to do with the history off.
 */
@Singleton
@Startup
@DependsOn({"ClusterService", "HistoryService"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PeerCatchUpService {
    @Inject
    ClusterService cluster;
    @Inject
    ElectionState election;
    @Inject
    HistoryService history;
    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> checking;

    @PostConstruct
    void start() {
        PeerCatchUp catchUp = history.peerCatchUp();
        if (catchUp == null) {
            return;
        }
        ClusterLog log = new ClusterLog(cluster, election);
        checking = scheduler.scheduleWithFixedDelay(() -> catchUp.ifStuck(log), PeerCatchUp.CHECK_SECONDS,
                PeerCatchUp.CHECK_SECONDS, TimeUnit.SECONDS);
    }

    /** This server's log, through the cluster's beans. */
    private record ClusterLog(ClusterService cluster, ElectionState election) implements PeerCatchUp.RunningLog {
        @Override
        public LogPosition position() {
            return cluster.logPosition();
        }

        @Override
        public boolean caughtUp() {
            return cluster.isCaughtUp();
        }

        @Override
        public boolean leaderWithQuorum() {
            return election.leaderWithQuorum();
        }

        @Override
        public boolean fastForward(List<Delivery> fetched) {
            return cluster.fastForward(fetched);
        }
    }

    @PreDestroy
    void stop() {
        if (checking != null) {
            checking.cancel(false);
        }
    }
}
