package org.syncnet.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;
import org.syncnet.chat.service.ChatService;
import org.syncnet.cluster.Member;
import org.syncnet.cluster.service.ClusterService;
import org.syncnet.cluster.service.ElectionState;
import org.syncnet.cluster.service.LeadershipHistory;
import org.syncnet.history.service.HistoryService;

/**
 * Binds the server's meters at start-up and removes them at undeployment. They go to the container's registry
 * (WildFly's micrometer subsystem, scraped at {@code /metrics} on the management port); on a server without one, to
 * a registry of their own, so that the status page's view ({@code /syncnet/api/metrics}) still has them.
 */
@Singleton
@Startup
@DependsOn({"ClusterService", "ChatService", "HistoryService"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MetricsService {
    private static final Logger LOG = Logger.getLogger("org.syncnet.metrics");

    @Inject
    Instance<MeterRegistry> containerRegistry;
    @Inject
    ClusterService cluster;
    @Inject
    ElectionState election;
    @Inject
    LeadershipHistory leadership;
    @Inject
    ChatService chat;
    @Inject
    HistoryService history;

    private MeterRegistry registry;
    private Registration meters;
    private ChatMeters chatMeters;
    /** Kept here: the gauges hold their sources only weakly. */
    private ClusterMeters clusterMeters;
    private HistoryMeters historyMeters;

    @PostConstruct
    void start() {
        String self = cluster.config().selfId();
        if (containerRegistry.isResolvable()) {
            registry = containerRegistry.get();
        } else {
            registry = new SimpleMeterRegistry();
            LOG.info(() -> self + ": no metrics registry in this server (micrometer subsystem): the meters are only"
                    + " on the status page");
        }
        meters = new Registration(registry, self);
        List<String> peers = cluster.config().membership().ring().stream().map(Member::id)
                .filter(id -> !id.equals(self)).toList();
        clusterMeters = new ClusterMeters(meters, election::view, peers, m -> leadership.total());
        cluster.reportCommitLatency(clusterMeters::commitLatency);
        chatMeters = new ChatMeters(meters, chat.local());
        chatMeters.start();
        historyMeters = new HistoryMeters(meters, history);
    }

    /**
     * Calls no other bean: when the deployment failed, their EJB views wait for a start-up that never completes, and
     * the undeployment would hang. The commit times go on reaching the unregistered meters until the cluster stops.
     */
    @PreDestroy
    void stop() {
        chatMeters.stop();
        meters.removeAll();
    }

    /** The registry the meters are in, for the status page's view. */
    public MeterRegistry registry() {
        return registry;
    }
}
