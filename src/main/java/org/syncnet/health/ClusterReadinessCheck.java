package org.syncnet.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.syncnet.cluster.ClusterView;
import org.syncnet.cluster.service.ElectionState;

/**
 * Ready once this server knows a leader that holds a quorum (only then can chat events be ordered) and its log is
 * caught up with the cluster's (until then it turns clients away).
 */
@Readiness
@ApplicationScoped
public class ClusterReadinessCheck implements HealthCheck {
    @Inject
    ElectionState election;

    @Override
    public HealthCheckResponse call() {
        ClusterView view = election.view();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("syncnet-leader")
                .status(election.leaderWithQuorum() && view != null && view.caughtUp());
        if (view != null) {
            response.withData("leader", view.leader() == null ? "none" : view.leader())
                    .withData("epoch", view.epoch())
                    .withData("hasQuorum", view.hasQuorum())
                    .withData("caughtUp", view.caughtUp())
                    .withData("commitSeq", view.log().commitSeq());
        }
        return response.build();
    }
}
