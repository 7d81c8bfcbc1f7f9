package org.syncnet.bench;

/**
 * Latencies in microseconds, in log-linear buckets (exact below 128 µs, then 64 buckets per power of two: at most
 * 1.6 % too high), so a run of millions of deliveries needs a few kilobytes and percentiles stay honest at the
 * tail. Values are clamped to [0, 2^40) µs. Not thread-safe: one recorder per client, merged at the end.
 */
final class LatencyHistogram {
    private static final int EXACT = 128;
    private static final int SUB = 64;
    private static final int MAX_EXPONENT = 40;
    private static final long LIMIT = (1L << MAX_EXPONENT) - 1;

    private final long[] counts = new long[EXACT + (MAX_EXPONENT - 7) * SUB];
    private long count;
    private long max;
    private long min = Long.MAX_VALUE;
    private long sum;

    void record(long micros) {
        long v = Math.max(0, Math.min(LIMIT, micros));
        counts[index(v)]++;
        count++;
        sum += v;
        max = Math.max(max, v);
        min = Math.min(min, v);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        max = Math.max(max, other.max);
        min = Math.min(min, other.min);
    }

    long count() {
        return count;
    }

    /** The largest value recorded (exact), 0 when empty. */
    long max() {
        return max;
    }

    long min() {
        return count == 0 ? 0 : min;
    }

    double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /**
     * The value at or below which {@code percent} % of the recorded values lie: the upper edge of the bucket that
     * holds that rank, never above the exact maximum. 0 when empty.
     */
    long percentile(double percent) {
        if (percent < 0 || percent > 100 || Double.isNaN(percent)) {
            throw new IllegalArgumentException("percentile " + percent);
        }
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, upperEdge(i));
            }
        }
        return max;
    }

    static int index(long v) {
        if (v < EXACT) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v);  // >= 7
        int shift = exponent - 6;
        int mantissa = (int) (v >>> shift);  // 64..127
        return EXACT + (exponent - 7) * SUB + (mantissa - SUB);
    }

    static long upperEdge(int index) {
        if (index < EXACT) {
            return index;
        }
        int exponent = (index - EXACT) / SUB + 7;
        int mantissa = (index - EXACT) % SUB + SUB;
        int shift = exponent - 6;
        return ((long) (mantissa + 1) << shift) - 1;
    }
}
