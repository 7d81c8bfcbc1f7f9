package org.syncnet.bench;

import java.util.BitSet;

/**
 * Where in the send phase things happened, in a few kilobytes however many deliveries there are: in which
 * milliseconds deliveries arrived (so the longest pause with none shows an outage or a stall) and how late the
 * messages due in each second were (so a latency tail can be placed: the first seconds, the JIT; one second, a pause
 * somewhere). Timelines of several clients merge with {@link #add}. Not thread-safe: one per client, merged at the end.
 */
final class DeliveryTimeline {
    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final long startNanos;
    private final int millis;
    private final BitSet arrived;
    private final LatencyHistogram[] bySecond;

    /** A timeline of the send phase from {@code startNanos} ({@code System.nanoTime}) lasting {@code seconds}. */
    DeliveryTimeline(long startNanos, double seconds) {
        this.startNanos = startNanos;
        this.millis = (int) Math.ceil(seconds * 1000);
        this.arrived = new BitSet(millis);
        this.bySecond = new LatencyHistogram[(int) Math.ceil(seconds)];
        for (int i = 0; i < bySecond.length; i++) {
            bySecond[i] = new LatencyHistogram();
        }
    }

    /** One delivery of a message due at {@code dueNanos}; what lies outside the phase is left out. */
    void record(long dueNanos, long arrivalNanos) {
        long ms = (arrivalNanos - startNanos) / MILLI;
        if (arrivalNanos >= startNanos && ms < millis) {
            arrived.set((int) ms);
        }
        long second = (dueNanos - startNanos) / SECOND;
        if (dueNanos >= startNanos && second < bySecond.length) {
            bySecond[(int) second].record((arrivalNanos - dueNanos) / 1000);
        }
    }

    /** Adds another client's timeline of the same phase. */
    void add(DeliveryTimeline other) {
        if (other.startNanos != startNanos || other.millis != millis) {
            throw new IllegalArgumentException("timelines of different phases");
        }
        arrived.or(other.arrived);
        for (int i = 0; i < bySecond.length; i++) {
            bySecond[i].add(other.bySecond[i]);
        }
    }

    /** The longest run of whole milliseconds in the phase, from its start to its end, in which nothing arrived. */
    long longestPauseMillis() {
        long longest = 0;
        for (int from = arrived.nextClearBit(0); from < millis; ) {
            int to = Math.min(arrived.nextSetBit(from) < 0 ? millis : arrived.nextSetBit(from), millis);
            longest = Math.max(longest, to - from);
            from = to >= millis ? millis : arrived.nextClearBit(to);
        }
        return longest;
    }

    /** Latency in µs of the deliveries of messages due in second {@code i} of the phase. */
    LatencyHistogram dueInSecond(int i) {
        return bySecond[i];
    }

    /** Latency in µs of the deliveries of messages due from second {@code first} of the phase to its end. */
    LatencyHistogram dueFrom(int first) {
        LatencyHistogram all = new LatencyHistogram();
        for (int i = Math.max(0, first); i < bySecond.length; i++) {
            all.add(bySecond[i]);
        }
        return all;
    }

    int seconds() {
        return bySecond.length;
    }
}
