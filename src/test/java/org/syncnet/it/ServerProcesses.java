package org.syncnet.it;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the JVM of a managed WildFly by its {@code jboss.server.base.dir} and kills it with SIGKILL.
 *
 * <p>Arquillian's {@code ContainerController.kill} cannot be used for a crash: in Arquillian 1.10.2 it calls the
 * {@code ServerKillProcessor} service, and the only one on this class path is core's
 * {@code DefaultServerKillProcessor}, which logs "using stop() internally" and stops the server gracefully (with
 * WildFly's {@code :shutdown}, i.e. the application's @PreDestroy LEAVE). Only processes started by this test JVM
 * (its descendants) are considered, so a hand-started or another engineer's server is never touched.
 */
final class ServerProcesses {
    private ServerProcesses() {
    }

    /** The base directory the arquillian.xml gives a container (cleanServerBaseDir). */
    static Path baseDir(String container) {
        String root = System.getProperty("it.servers.dir");
        if (root == null) {
            throw new IllegalStateException("system property it.servers.dir is not set (see the pom's failsafe setup)");
        }
        return Path.of(root, container).toAbsolutePath().normalize();
    }

    /** The running JVMs started by this test JVM whose command line names {@code baseDir}. */
    static List<ProcessHandle> serverJvms(Path baseDir) {
        String marker = "jboss.server.base.dir=" + baseDir;
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
    }

    static Optional<ProcessHandle> serverJvm(Path baseDir) {
        List<ProcessHandle> found = serverJvms(baseDir);
        if (found.size() > 1) {
            throw new IllegalStateException("more than one server JVM for " + baseDir + ": " + found);
        }
        return found.stream().findFirst();
    }

    /** SIGKILL (destroyForcibly on Linux) and wait until the process is gone. */
    static void kill9(ProcessHandle process) {
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("process " + process.pid() + " did not exit after SIGKILL", e);
        }
    }

    /** SIGSTOP: the JVM freezes (as in a long GC) with its sockets open; SIGKILL still ends it. */
    static void freeze(ProcessHandle process) {
        try {
            Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -STOP " + process.pid() + " failed");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("kill -STOP " + process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
