package org.syncnet.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drops UDP datagrams from one port to another on the loopback interface with iptables, as a one-way cut between
 * two servers' cluster ports; {@link #close} removes the rules again. Needs root and the iptables command
 * ({@link #available}). Every rule carries the comment {@value #COMMENT}, so rules a failed run left behind are
 * removed before the next one adds any. Nothing outside 127.0.0.1 and the given ports is touched.
 */
final class LoopbackCut implements AutoCloseable {
    static final String COMMENT = "syncnet-it-cut";

    private final List<List<String>> rules = new ArrayList<>();

    /** Whether this test run may add iptables rules (root, iptables installed and working). */
    static boolean available() {
        try {
            return run(List.of("iptables", "-S", "INPUT")).exit == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes every rule with our comment (left by a run that died before its cleanup). */
    static void removeLeftovers() throws IOException {
        for (String line : run(List.of("iptables", "-S", "INPUT")).output.split("\n")) {
            if (line.startsWith("-A INPUT ") && line.contains(COMMENT)) {
                List<String> delete = new ArrayList<>(List.of("iptables", "-D", "INPUT"));
                delete.addAll(List.of(line.substring("-A INPUT ".length()).replace("\"", "").split(" ")));
                run(delete);
            }
        }
    }

    /** Drops what {@code fromPort} sends to {@code toPort} over loopback UDP, from now until {@link #close}. */
    LoopbackCut drop(int fromPort, int toPort) throws IOException {
        List<String> rule = List.of("-i", "lo", "-p", "udp", "--sport", Integer.toString(fromPort), "--dport",
                Integer.toString(toPort), "-m", "comment", "--comment", COMMENT, "-j", "DROP");
        List<String> insert = new ArrayList<>(List.of("iptables", "-I", "INPUT"));
        insert.addAll(rule);
        Result r = run(insert);
        if (r.exit != 0) {
            throw new IOException("iptables failed: " + r.output);
        }
        rules.add(rule);
        return this;
    }

    @Override
    public void close() throws IOException {
        IOException failed = null;
        for (List<String> rule : rules) {
            List<String> delete = new ArrayList<>(List.of("iptables", "-D", "INPUT"));
            delete.addAll(rule);
            Result r = run(delete);
            if (r.exit != 0 && failed == null) {
                failed = new IOException("could not remove an iptables rule: " + r.output);
            }
        }
        rules.clear();
        if (failed != null) {
            throw failed;
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
