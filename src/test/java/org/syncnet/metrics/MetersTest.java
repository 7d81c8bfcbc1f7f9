package org.syncnet.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.syncnet.cluster.ClusterView;
import org.syncnet.cluster.Role;
import org.syncnet.cluster.log.entry.LogPosition;

/** The cluster's meters follow the published view; every meter carries the server's id; undeployment removes them. */
class MetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Registration meters = new Registration(registry, "server3");
    private final AtomicReference<ClusterView> view = new AtomicReference<>();

    private static ClusterView view(Role role, Map<String, Long> dropped, Map<String, Long> lag) {
        return new ClusterView("server3", "server3", 9, true, role, List.of(), dropped, new LogPosition(9, 40, 38),
                true, new ClusterView.LogCounters(0, 0, 0, 0), lag);
    }

    private double gauge(String name, String tag, String value) {
        return registry.get(name).tag("server", "server3").tag(tag, value).gauge().value();
    }

    @Test
    void theClustersMetersFollowTheViewAndAreNaNBeforeThereIsOne() {
        ClusterMeters cluster = new ClusterMeters(meters, view::get, List.of("server1", "server2"), m -> 4);
        assertTrue(Double.isNaN(registry.get("syncnet.cluster.epoch").gauge().value()));

        view.set(view(Role.LEADER, Map.of("BAD_MAC", 3L), Map.of("server1", 0L, "server2", 12L)));
        assertEquals(1, gauge("syncnet.cluster.role", "role", "leader"));
        assertEquals(0, gauge("syncnet.cluster.role", "role", "follower"));
        assertEquals(9, registry.get("syncnet.cluster.epoch").gauge().value());
        assertEquals(38, registry.get("syncnet.cluster.log.commit").gauge().value());
        assertEquals(3, registry.get("syncnet.cluster.datagrams.dropped").tag("reason", "bad_mac").functionCounter()
                .count());
        assertEquals(0, registry.get("syncnet.cluster.datagrams.dropped").tag("reason", "replayed")
                .functionCounter().count());
        assertEquals(12, gauge("syncnet.cluster.replication.lag", "follower", "server2"));
        assertEquals(4, registry.get("syncnet.cluster.leader.changes").functionCounter().count());

        cluster.commitLatency(3_000_000);
        FunctionTimer commit = registry.get("syncnet.cluster.commit.latency").functionTimer();
        assertEquals(1, commit.count());
        assertEquals(3, commit.totalTime(TimeUnit.MILLISECONDS), 1e-9);
        assertEquals(0, registry.get("syncnet.cluster.commit.latency.buckets").tag("le", "0.002").functionCounter()
                .count());
        assertEquals(1, registry.get("syncnet.cluster.commit.latency.buckets").tag("le", "0.005").functionCounter()
                .count());

        view.set(view(Role.FOLLOWER, Map.of(), Map.of()));
        assertTrue(Double.isNaN(gauge("syncnet.cluster.replication.lag", "follower", "server2")), "not leading");
        assertEquals(1, gauge("syncnet.cluster.role", "role", "follower"));
    }

    @Test
    void undeploymentRemovesOnlyTheApplicationsMeters() {
        new ClusterMeters(meters, view::get, List.of("server1"), m -> 0);
        registry.counter("jvm.something");
        assertTrue(registry.getMeters().stream().allMatch(m -> !m.getId().getName().startsWith("syncnet.")
                || "server3".equals(m.getId().getTag("server"))), "every meter names its server");
        meters.removeAll();
        assertEquals(List.of("jvm.something"), registry.getMeters().stream().map(m -> m.getId().getName()).toList());
    }
}
