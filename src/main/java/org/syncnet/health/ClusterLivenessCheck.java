package org.syncnet.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.syncnet.cluster.service.ClusterService;

/** Live while the cluster socket is bound, its receive loop runs and the protocol keeps ticking. */
@Liveness
@ApplicationScoped
public class ClusterLivenessCheck implements HealthCheck {
    @Inject
    ClusterService cluster;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("syncnet-cluster")
                .status(cluster.isLive())
                .withData("receiving", cluster.isReceiving())
                .withData("millisSinceLastTick", cluster.millisSinceLastTick())
                .build();
    }
}
