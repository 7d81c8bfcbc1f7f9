package org.syncnet.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chat page's pure scripts (src/main/webapp/chat-*.js) under their JavaScript unit tests (src/test/js), run by
 * Node's built-in test runner so that the build runs them. Skipped only when there is no {@code node} (Debian package
 * nodejs; .ci/run installs it).
 */
class PageScriptsTest {
    static final Path TESTS = Path.of("src/test/js");

    @Test
    void theJavaScriptUnitTestsPass() throws IOException, InterruptedException {
        assumeTrue(nodeInstalled(), "skipped: needs node (Debian package nodejs; .ci/run installs it)");
        Path output = Files.createTempFile("syncnet-node-test", ".txt");
        try {
            Process node = new ProcessBuilder("node", "--test", TESTS.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertTrue(node.waitFor(2, TimeUnit.MINUTES), "node --test did not finish within 2 minutes");
            String report = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, node.exitValue(), report);
            Matcher passed = Pattern.compile("(?m)^# pass (\\d+)$").matcher(report);
            assertTrue(passed.find() && Integer.parseInt(passed.group(1)) > 0, "no test ran:\n" + report);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean nodeInstalled() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
