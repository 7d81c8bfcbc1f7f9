package org.syncnet.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU seconds used by the load generator itself and by each server process (times from {@code /proc/<pid>/stat})
 * between two snapshots. On a shared two-core machine wall-clock numbers depend on
 * what else runs; CPU per delivery does not, and shows which side is the bottleneck.
 */
final class CpuMeter {
    /** Linux reports utime and stime in clock ticks of 1/100 s (USER_HZ) on every common platform. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> pids = new LinkedHashMap<>();

    /** Measures the given processes (id to PID) besides this JVM. */
    CpuMeter(Map<String, Long> pids) {
        this.pids.putAll(pids);
    }

    /** Measures the servers whose PID is in {@code <runtimeDir>/<id>/server.pid} (none when runtimeDir is null). */
    static CpuMeter ofPidFiles(Path runtimeDir, List<BenchOptions.Server> servers) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (runtimeDir != null) {
            for (BenchOptions.Server s : servers) {
                try {
                    pids.put(s.id(), Long.parseLong(Files.readString(runtimeDir.resolve(s.id()).resolve("server.pid")).trim()));
                } catch (IOException | NumberFormatException e) {
                    // no PID: this server is not measured
                }
            }
        }
        return new CpuMeter(pids);
    }

    /** CPU seconds so far: "bench" for this JVM, then one entry per server still running. */
    Map<String, Double> snapshot() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            cpu.put("bench", sun.getProcessCpuTime() / 1e9);
        }
        pids.forEach((id, pid) -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // after the command: state(0) ppid(1) ... utime(11) stime(12)
                cpu.put(id, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND);
            } catch (IOException | RuntimeException e) {
                // gone (killed): not measured
            }
        });
        return cpu;
    }

    /** "bench 4.1 s, server1 3.2 s, ..." for the keys present in both snapshots. */
    static String difference(Map<String, Double> before, Map<String, Double> after, Map<String, Double> out) {
        StringBuilder b = new StringBuilder();
        after.forEach((id, t) -> {
            Double t0 = before.get(id);
            if (t0 != null) {
                out.put(id, t - t0);
                b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f s", id, t - t0));
            }
        });
        return b.toString();
    }
}
