package org.syncnet.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The three managed WildFly servers of arquillian.xml's group "cluster" (port offsets 100-102, HTTP 8180-8182,
 * cluster UDP 8120-8122), started, frozen, killed and stopped by the scenario tests that extend this.
 * <p>
 * A scenario is a class of ordered steps ({@link Order}, {@link ScenarioSteps}); a step calls
 * {@link #requireStepsPassed} first and {@link #stepPassed} last, so the steps after a failed one are skipped. Once
 * the scenario is over — after its last step or its first failure — {@link #scenarioOver} runs and every server is
 * stopped; {@link #killLeftovers} is the last resort. Nothing a scenario starts outlives it, also when it fails. The
 * scenarios run as Arquillian clients (the annotations here are inherited).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ThreeServerCluster {
    static final List<String> SERVERS = List.of("server1", "server2", "server3");
    static final int HTTP1 = 8080 + 100;
    static final int HTTP2 = 8080 + 101;
    static final int HTTP3 = 8080 + 102;

    /** Steps passed per scenario class (JUnit makes an instance per test method). */
    private static final Map<Class<?>, ScenarioSteps> STEPS = new ConcurrentHashMap<>();
    /** How long all three may take to start, deploy and agree on a leader on a busy 2-core machine. */
    static final Duration START_BOUND = Duration.ofSeconds(60);
    private static final List<ProcessHandle> FROZEN = new ArrayList<>();

    @ArquillianResource
    ContainerController controller;
    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "war-server1", managed = false, testable = false)
    @TargetsContainer("server1")
    static WebArchive server1() {
        return TestWars.built("syncnet.war");
    }

    @Deployment(name = "war-server2", managed = false, testable = false)
    @TargetsContainer("server2")
    static WebArchive server2() {
        return TestWars.built("syncnet.war");
    }

    @Deployment(name = "war-server3", managed = false, testable = false)
    @TargetsContainer("server3")
    static WebArchive server3() {
        return TestWars.built("syncnet.war");
    }

    /** The number of the scenario's last step. */
    abstract int lastStep();

    /** Releases what the scenario holds besides the servers (clients, browsers); before the servers stop. */
    void scenarioOver() {
    }

    /** Starts and deploys all three servers. */
    void startAll() {
        SERVERS.forEach(this::startAndDeploy);
    }

    /** Starts and deploys all three, and waits until server3 leads with a quorum on all three. */
    void startAllWithServer3Leading() {
        startAll();
        new ClusterViews().await("server3 leads with quorum on all three", START_BOUND,
                ClusterViews.leaderWithQuorum("server3"), HTTP1, HTTP2, HTTP3);
    }

    void startAndDeploy(String server) {
        controller.start(server);
        deployer.deploy("war-" + server);
    }

    /** SIGKILL of the server's JVM (no goodbye); Arquillian is told. Returns when it was sent (nanoTime). */
    long killJvm(String server) {
        ProcessHandle jvm = jvm(server);
        long at = System.nanoTime();
        ServerProcesses.kill9(jvm);
        // Arquillian still believes the server runs; kill() only lets it notice (the process is already gone).
        controller.kill(server);
        return at;
    }

    /** SIGSTOP: the JVM freezes with its sockets open, like a long GC pause; killed when the scenario is over. */
    void freeze(String server) {
        ProcessHandle jvm = jvm(server);
        synchronized (FROZEN) {
            FROZEN.add(jvm);
        }
        ServerProcesses.freeze(jvm);
    }

    static ProcessHandle jvm(String server) {
        return ServerProcesses.serverJvm(ServerProcesses.baseDir(server))
                .orElseThrow(() -> new AssertionError("no running JVM for " + server));
    }

    private ScenarioSteps steps() {
        return STEPS.computeIfAbsent(getClass(), c -> new ScenarioSteps());
    }

    void requireStepsPassed(int steps) {
        steps().require(steps);
    }

    void stepPassed(int step) {
        steps().passed(step);
    }

    @AfterEach
    void stopServersWhenTheScenarioIsOver(TestInfo test) {
        int step = test.getTestMethod().flatMap(m -> Optional.ofNullable(m.getAnnotation(Order.class)))
                .map(Order::value).orElse(lastStep());
        if (steps().passed() >= step && step < lastStep()) {
            return;  // this step passed and more follow: keep the cluster running
        }
        try {
            scenarioOver();
        } finally {
            stopAll();
        }
    }

    /** Frozen servers are killed (they cannot stop gracefully), the others stopped through Arquillian. */
    private void stopAll() {
        synchronized (FROZEN) {
            FROZEN.forEach(ServerProcesses::kill9);
            FROZEN.clear();
        }
        for (String server : SERVERS) {
            try {
                if (ServerProcesses.serverJvms(ServerProcesses.baseDir(server)).isEmpty()) {
                    controller.kill(server);  // Arquillian may still believe it runs
                } else {
                    controller.stop(server);
                }
            } catch (RuntimeException e) {
                System.out.println("[" + getClass().getSimpleName() + "] could not stop " + server + ": " + e);
            }
        }
        killLeftovers();
    }

    /** Last resort, outside Arquillian's contexts: no server JVM of the scenario outlives it. */
    @AfterAll
    static void killLeftovers() {
        for (String server : SERVERS) {
            for (ProcessHandle left : ServerProcesses.serverJvms(ServerProcesses.baseDir(server))) {
                System.out.println("[ThreeServerCluster] killing leftover " + server + " JVM " + left.pid());
                ServerProcesses.kill9(left);
            }
        }
    }
}
