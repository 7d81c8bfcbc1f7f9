package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The deployment to WildFly servers this build did not provision (docs/operations.md, "Deploying to an existing
 * WildFly"): runs {@code scripts/test_stock_wildfly.sh}, which unpacks the stock {@code org.wildfly:wildfly-dist}
 * archive (system property {@code stock.wildfly.dist}, copied to {@code target/stock-wildfly/} by the build) three
 * times, gives each copy SyncNet with the documented steps ({@code scripts/deploy_to_stock_wildfly.sh}, port offsets
 * 400-402), and checks that the three make one cluster: all ready, one leader in one epoch in every view, a message
 * sent over IRC to server1 heard on server2. The script stops the servers and removes the installations whatever
 * happened; its output is printed here and kept in {@code target/stock-wildfly-it.log}.
 */
class StockWildFlyDeployIT {
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    /** After the deadline the script is interrupted (SIGTERM), and gets this long to stop the servers and clean up. */
    private static final Duration CLEAN_UP = Duration.ofSeconds(90);

    @Test
    void threeStockInstallationsMakeOneCluster() throws IOException, InterruptedException {
        Path dist = Path.of(System.getProperty("stock.wildfly.dist", "target/stock-wildfly/missing"));
        assertTrue(Files.isRegularFile(dist), "no wildfly-dist archive at " + dist.toAbsolutePath());
        Path log = Path.of("target", "stock-wildfly-it.log");
        Process script = new ProcessBuilder("bash", "scripts/test_stock_wildfly.sh", dist.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = script.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            script.destroy();
            if (!script.waitFor(CLEAN_UP.toSeconds(), TimeUnit.SECONDS)) {
                script.destroyForcibly().waitFor();
            }
        }
        System.out.println(Files.readString(log));
        assertTrue(ended, "scripts/test_stock_wildfly.sh did not end within " + DEADLINE + " (interrupted; see above)");
        assertEquals(0, script.exitValue(), "scripts/test_stock_wildfly.sh failed; its output is above and in " + log);
    }
}
