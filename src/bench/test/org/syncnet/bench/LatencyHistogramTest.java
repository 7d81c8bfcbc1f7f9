package org.syncnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 100; v++) {
            h.record(v);
        }
        assertEquals(50, h.percentile(50));
        assertEquals(99, h.percentile(99));
        assertEquals(100, h.percentile(100));
        assertEquals(1, h.percentile(0));
        assertEquals(100, h.max());
        assertEquals(50.5, h.mean(), 1e-9);
    }

    @Test
    void emptyAnswersZero() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(0, h.percentile(99));
        assertEquals(0, h.max());
        assertEquals(0, h.min());
    }

    @Test
    void bucketsCoverEveryValueOnceAndInOrder() {
        long previousEdge = -1;
        for (int i = 0; i < 2240; i++) {
            long edge = LatencyHistogram.upperEdge(i);
            assertTrue(edge > previousEdge, "bucket " + i);
            assertEquals(i, LatencyHistogram.index(edge), "upper edge of bucket " + i);
            assertEquals(i, LatencyHistogram.index(previousEdge + 1), "lower edge of bucket " + i);
            previousEdge = edge;
        }
        assertEquals((1L << 40) - 1, previousEdge);
    }

    @Test
    void percentilesOfRandomValuesAreWithinTheBucketError() {
        Random random = new Random(42);
        long[] values = new long[100_000];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.exp(random.nextDouble() * 16);  // 1 µs .. ~9 s, log-uniform
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[] {50, 90, 99, 99.9}) {
            long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
            long got = h.percentile(p);
            assertTrue(got >= exact && got <= exact * 1.016 + 1, "p" + p + ": exact " + exact + ", got " + got);
        }
        assertEquals(values[values.length - 1], h.max());
    }

    @Test
    void mergeEqualsRecordingIntoOne() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        LatencyHistogram all = new LatencyHistogram();
        for (int v = 0; v < 5000; v += 7) {
            (v % 2 == 0 ? a : b).record(v * 13L);
            all.record(v * 13L);
        }
        a.add(b);
        assertEquals(all.count(), a.count());
        assertEquals(all.percentile(99), a.percentile(99));
        assertEquals(all.max(), a.max());
        assertEquals(all.min(), a.min());
    }

    @Test
    void outOfRangeIsClampedAndBadPercentileRefused() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5);
        h.record(Long.MAX_VALUE);
        assertEquals(0, h.min());
        assertEquals((1L << 40) - 1, h.max());
        assertThrows(IllegalArgumentException.class, () -> h.percentile(101));
        assertThrows(IllegalArgumentException.class, () -> h.percentile(Double.NaN));
    }
}
