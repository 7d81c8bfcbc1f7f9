package org.syncnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/** Small helpers every load generator run needs: waiting for a moment, a random room tag, the report's extras. */
final class BenchRun {
    private static final SecureRandom RANDOM = new SecureRandom();

    private BenchRun() {
    }

    /** Parks until {@code System.nanoTime()} reaches {@code nanos}. */
    static void parkUntil(long nanos) {
        for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    static double secs(long nanos) {
        return nanos / 1e9;
    }

    /** {@code length} random lower-case letters and digits: a room of its own for each run. */
    static String tag(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** "1.23 0.98 0.70" from /proc/loadavg, or "?". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The longest time in [start, end] when no client received anything (an outage shows up here). */
    /**
     * Prints the p99 of each second of the phase and the latency of the messages due after the warm-up, the window the
     * deliveries per second are measured in too (the first second of a run also holds the generator's own JIT warm-up
     * and the fresh connections); returns that steady-state latency, the one the benchmarks judge.
     */
    static LatencyHistogram printSteadyLatency(DeliveryTimeline timeline, double warmupSeconds) {
        System.out.println("p99 ms by second the messages were due:" + p99BySecond(timeline));
        int first = (int) Math.ceil(warmupSeconds);
        LatencyHistogram steady = timeline.dueFrom(first);
        System.out.printf(Locale.ROOT, "latency ms after the warm-up (messages due from %d s on): p50 %.1f  p99 %.1f  "
                + "p99.9 %.1f  max %.1f%n", first, steady.percentile(50) / 1e3, steady.percentile(99) / 1e3,
                steady.percentile(99.9) / 1e3, steady.max() / 1e3);
        return steady;
    }

    /** " p99 p99 ..." in ms, one per second of the phase, by the second the messages were due. */
    static String p99BySecond(DeliveryTimeline timeline) {
        StringBuilder bySecond = new StringBuilder();
        for (int i = 0; i < timeline.seconds(); i++) {
            bySecond.append(String.format(Locale.ROOT, " %.0f", timeline.dueInSecond(i).percentile(99) / 1e3));
        }
        return bySecond.toString();
    }

    static long longestPause(List<long[]> arrivalsPerClient, long start, long end) {
        long[] all = arrivalsPerClient.stream().flatMapToLong(Arrays::stream)
                .filter(t -> t >= start && t <= end).sorted().toArray();
        long gap = 0;
        long previous = start;
        for (long t : all) {
            gap = Math.max(gap, t - previous);
            previous = t;
        }
        return Math.max(gap, end - previous);
    }
}
