package org.syncnet.metrics;

import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.syncnet.cluster.ClusterView;
import org.syncnet.cluster.Role;
import org.syncnet.cluster.wire.DropReason;

/**
 * The cluster's meters, over the view the cluster service publishes (on every change and every tick, so at most a
 * tick old): role, epoch, quorum, live members, log position, leadership changes, dropped datagrams by reason,
 * each follower's replication lag while this server leads, and the commit latency of what it orders as leader.
 */
final class ClusterMeters {
    private final Supplier<ClusterView> view;
    private final LatencyHistogram commitLatency = new LatencyHistogram();

    /**
     * @param peers         the other members' ids (a lag gauge each)
     * @param leaderChanges the leadership changes this server saw since it started
     */
    ClusterMeters(Registration meters, Supplier<ClusterView> view, List<String> peers,
                  ToDoubleFunction<ClusterMeters> leaderChanges) {
        this.view = view;
        for (Role role : Role.values()) {
            meters.gauge("syncnet.cluster.role", Tags.of("role", role.name().toLowerCase(Locale.ROOT)), this,
                    m -> m.value(v -> v.role() == role ? 1 : 0));
        }
        meters.gauge("syncnet.cluster.epoch", Tags.empty(), this, m -> m.value(ClusterView::epoch));
        meters.gauge("syncnet.cluster.quorum", Tags.empty(), this, m -> m.value(v -> v.hasQuorum() ? 1 : 0));
        meters.gauge("syncnet.cluster.members.alive", Tags.empty(), this,
                m -> m.value(v -> v.members().stream().filter(ClusterView.MemberView::alive).count()));
        meters.gauge("syncnet.cluster.log.last", Tags.empty(), this, m -> m.value(v -> v.log().lastSeq()));
        meters.gauge("syncnet.cluster.log.commit", Tags.empty(), this, m -> m.value(v -> v.log().commitSeq()));
        meters.counter("syncnet.cluster.leader.changes", Tags.empty(), this, leaderChanges);
        for (DropReason reason : DropReason.values()) {
            meters.counter("syncnet.cluster.datagrams.dropped",
                    Tags.of("reason", reason.name().toLowerCase(Locale.ROOT)), this,
                    m -> m.value(v -> v.dropped().getOrDefault(reason.name(), 0L)));
        }
        for (String peer : peers) {
            meters.gauge("syncnet.cluster.replication.lag", Tags.of("follower", peer), this,
                    m -> m.value(v -> {
                        Long lag = v.replicationLag().get(peer);
                        return lag == null ? Double.NaN : lag;
                    }));
        }
        meters.histogram("syncnet.cluster.commit.latency", Tags.empty(), commitLatency);
    }

    /** Where the cluster service reports commit latencies, in nanoseconds. */
    void commitLatency(long nanos) {
        commitLatency.record(nanos);
    }

    /** NaN (no value) until the cluster service published its first view. */
    private double value(ToDoubleFunction<ClusterView> of) {
        ClusterView v = view.get();
        return v == null ? Double.NaN : of.applyAsDouble(v);
    }
}
