package org.syncnet.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A latency histogram with fixed buckets, recorded without allocation from any thread: the counts behind a
 * Prometheus histogram (cumulative bucket counts by upper bound {@code le}, the count and the sum). The container's
 * registry keeps no histogram buckets for an application's timers, so the buckets are counters of their own.
 */
final class LatencyHistogram {
    /** The buckets' upper bounds in seconds, as Prometheus' {@code le} label shows them; the last bucket is +Inf. */
    static final String[] BOUNDS = {
        "0.001", "0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10", "+Inf"};

    private static final long[] BOUND_NANOS = new long[BOUNDS.length - 1];

    static {
        for (int i = 0; i < BOUND_NANOS.length; i++) {
            BOUND_NANOS[i] = Math.round(Double.parseDouble(BOUNDS[i]) * 1e9);
        }
    }

    private final LongAdder[] buckets = new LongAdder[BOUNDS.length];
    private final LongAdder sumNanos = new LongAdder();

    LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void record(long nanos) {
        long n = Math.max(0, nanos);
        int i = 0;
        while (i < BOUND_NANOS.length && n > BOUND_NANOS[i]) {
            i++;
        }
        buckets[i].increment();
        sumNanos.add(n);
    }

    /** How many took at most the bound of bucket {@code i} (the last: all). */
    long cumulative(int i) {
        long n = 0;
        for (int b = 0; b <= i; b++) {
            n += buckets[b].sum();
        }
        return n;
    }

    long count() {
        return cumulative(buckets.length - 1);
    }

    double sumSeconds() {
        return sumNanos.sum() / 1e9;
    }
}
