package org.syncnet.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.syncnet.cluster.ClusterView;
import org.syncnet.cluster.service.ElectionState;

/** Ready once this server knows a leader that holds a quorum: only then can chat events be ordered. */
@Readiness
@ApplicationScoped
public class ClusterReadinessCheck implements HealthCheck {
    @Inject
    ElectionState election;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("syncnet-leader")
                .status(election.leaderWithQuorum());
        ClusterView view = election.view();
        if (view != null) {
            response.withData("leader", view.leader() == null ? "none" : view.leader())
                    .withData("epoch", view.epoch())
                    .withData("hasQuorum", view.hasQuorum());
        }
        return response.build();
    }
}
