package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Three managed WildFly servers (arquillian.xml group "cluster", port offsets 100-102, cluster UDP 8120-8122),
 * started and stopped by the test, each running the built WAR. One scenario in ordered steps, each step timed
 * from the moment of its fault:
 * <ol>
 * <li>all three name server3 leader with quorum, in one epoch;</li>
 * <li>server3 stopped gracefully (WildFly {@code :shutdown}, so the application's LEAVE): server2 leads on
 * server1 and server2 within 1 s;</li>
 * <li>server3 started again: it leads again;</li>
 * <li>server3's JVM killed with SIGKILL (no LEAVE): server2 leads within the 5.0 s failure timeout plus one 2.0 s
 * heartbeat;</li>
 * <li>server3 started again: it leads again.</li>
 * </ol>
 * A step whose predecessor failed is skipped. Every server started here is stopped after the last step or the
 * first failed one ({@link #stopServersWhenTheScenarioIsOver}); {@link #killLeftovers} is the last resort.
 */
class ThreeServerFailoverIT extends ThreeServerCluster {
    /** The WAR's default timing, which the containers do not override. */
    static final Duration HEARTBEAT = Duration.ofMillis(2_000);
    static final Duration FAILURE_TIMEOUT = Duration.ofMillis(5_000);
    static final Duration GRACEFUL_BOUND = Duration.ofMillis(1_000);
    static final Duration CRASH_BOUND = FAILURE_TIMEOUT.plus(HEARTBEAT);
    /**
     * A returning server3 is started, deployed, catches up, and takes over once stably alive (one failure timeout
     * after it is heard again). Generous: start-up on a busy 2-core machine dominates.
     */
    static final Duration RETURN_BOUND = Duration.ofSeconds(60);
    static final Duration FIRST_AGREEMENT_BOUND = Duration.ofSeconds(60);

    private final ClusterViews views = new ClusterViews();

    @Override
    int lastStep() {
        return 5;
    }

    @Test
    @Order(1)
    void allThreeFollowServer3WithQuorumInOneEpoch() {
        requireStepsPassed(0);
        startAll();
        ClusterViews.Agreement agreed = views.await("server1..3 all name server3 leader with quorum, in one epoch",
                FIRST_AGREEMENT_BOUND, ClusterViews.leaderWithQuorum("server3").and(allMembersAlive()),
                HTTP1, HTTP2, HTTP3);
        assertOneEpoch(agreed, HTTP1, HTTP2, HTTP3);
        assertEquals("LEADER", agreed.of(HTTP3).getString("role"));
        stepPassed(1);
    }

    @Test
    @Order(2)
    void gracefulStopOfServer3HandsLeadershipToServer2WithinOneSecond() throws Exception {
        requireStepsPassed(1);
        long epochBefore = ClusterViews.epoch(views.view(HTTP1).orElseThrow());

        long stopAt = System.nanoTime();
        CompletableFuture<ClusterViews.Agreement> takeover = watch("server2 leads on server1 and server2",
                CRASH_BOUND.plusSeconds(30), ClusterViews.leaderWithQuorum("server2"), HTTP1, HTTP2);
        controller.stop("server3"); // WildFly :shutdown; the undeploy runs the application's @PreDestroy LEAVE
        ClusterViews.Agreement agreed = result(takeover);

        long millis = agreed.millisSince(stopAt);
        log("graceful stop of server3 -> server2 leads on server1 and server2 after " + millis + " ms");
        assertOneEpoch(agreed, HTTP1, HTTP2);
        assertTrue(ClusterViews.epoch(agreed.of(HTTP2)) > epochBefore, "a new leadership has a new epoch");
        assertEquals("LEFT", ClusterViews.memberState(agreed.of(HTTP1), "server3"),
                "server3 left gracefully (not timed out): " + agreed.of(HTTP1));
        assertTrue(millis <= GRACEFUL_BOUND.toMillis(),
                "server2 must lead within " + GRACEFUL_BOUND.toMillis() + " ms of the graceful stop, took " + millis);
        stepPassed(2);
    }

    @Test
    @Order(3)
    void server3BackAfterGracefulStopLeadsAgain() {
        requireStepsPassed(2);
        awaitServer3BackAsLeader();
        stepPassed(3);
    }

    @Test
    @Order(4)
    void killOfServer3JvmMakesServer2LeadWithinFailureTimeoutPlusOneHeartbeat() throws Exception {
        requireStepsPassed(3);
        long pid = jvm("server3").pid();
        long epochBefore = ClusterViews.epoch(views.view(HTTP1).orElseThrow());

        CompletableFuture<ClusterViews.Agreement> takeover = watch("server2 leads on server1 and server2",
                CRASH_BOUND.plusSeconds(30), ClusterViews.leaderWithQuorum("server2"), HTTP1, HTTP2);
        long killAt = killJvm("server3");
        ClusterViews.Agreement agreed = result(takeover);

        long millis = agreed.millisSince(killAt);
        log("SIGKILL of server3 (pid " + pid + ") -> server2 leads on server1 and server2 after " + millis
                + " ms");
        assertOneEpoch(agreed, HTTP1, HTTP2);
        assertTrue(ClusterViews.epoch(agreed.of(HTTP2)) > epochBefore, "a new leadership has a new epoch");
        assertEquals("FAILED", ClusterViews.memberState(agreed.of(HTTP1), "server3"),
                "server3 was detected as failed (it could not say goodbye): " + agreed.of(HTTP1));
        assertTrue(millis <= CRASH_BOUND.toMillis(), "server2 must lead within " + CRASH_BOUND.toMillis()
                + " ms of the kill (failure timeout + one heartbeat), took " + millis);
        stepPassed(4);
    }

    @Test
    @Order(5)
    void server3BackAfterKillLeadsAgain() {
        requireStepsPassed(4);
        awaitServer3BackAsLeader();
        stepPassed(5);
    }

    // ---- steps and helpers --------------------------------------------------------------------------------

    private void awaitServer3BackAsLeader() {
        long startAt = System.nanoTime();
        startAndDeploy("server3");
        long deployedAt = System.nanoTime();
        ClusterViews.Agreement agreed = views.await("returning server3 leads again on all three", RETURN_BOUND,
                ClusterViews.leaderWithQuorum("server3").and(allMembersAlive()), HTTP1, HTTP2, HTTP3);
        assertOneEpoch(agreed, HTTP1, HTTP2, HTTP3);
        log("server3 back: started and deployed in " + (deployedAt - startAt) / 1_000_000 + " ms, leads again "
                + agreed.millisSince(deployedAt) + " ms after its deployment");
    }

    /** Starts polling in the background now, so that a blocking stop or kill can be timed from its start. */
    private CompletableFuture<ClusterViews.Agreement> watch(String what, Duration timeout,
                                                            Predicate<JsonObject> condition, int... ports) {
        return CompletableFuture.supplyAsync(() -> views.await(what, timeout, condition, ports));
    }

    private static ClusterViews.Agreement result(CompletableFuture<ClusterViews.Agreement> watch) throws Exception {
        try {
            return watch.get(2, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error; // the watcher's assertion failure, with the last views
            }
            throw e;
        }
    }

    private static Predicate<JsonObject> allMembersAlive() {
        return v -> v.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                .allMatch(m -> m.getBoolean("alive"));
    }

    private static void assertOneEpoch(ClusterViews.Agreement agreed, int... ports) {
        long epoch = ClusterViews.epoch(agreed.of(ports[0]));
        for (int port : ports) {
            assertEquals(epoch, ClusterViews.epoch(agreed.of(port)), "same epoch on all: " + agreed.views());
        }
    }

    private static void log(String line) {
        System.out.println("[ThreeServerFailoverIT] " + line);
    }
}
