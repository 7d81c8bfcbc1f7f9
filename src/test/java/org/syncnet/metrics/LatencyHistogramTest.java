package org.syncnet.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    private static int bucket(String le) {
        return java.util.Arrays.asList(LatencyHistogram.BOUNDS).indexOf(le);
    }

    @Test
    void eachLatencyCountsInTheFirstBucketWhoseBoundItDoesNotExceed() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(1_000_000);      // exactly 1 ms: in le=0.001
        h.record(1_000_001);      // just over: le=0.002
        h.record(7_000_000);      // le=0.01
        h.record(-5);             // a clock step back counts as 0
        h.record(60_000_000_000L); // a minute: only +Inf
        assertEquals(2, h.cumulative(bucket("0.001")));
        assertEquals(3, h.cumulative(bucket("0.002")));
        assertEquals(3, h.cumulative(bucket("0.005")));
        assertEquals(4, h.cumulative(bucket("0.01")));
        assertEquals(4, h.cumulative(bucket("10")));
        assertEquals(5, h.cumulative(bucket("+Inf")));
        assertEquals(5, h.count());
        assertEquals(60.009000001, h.sumSeconds(), 1e-9);
    }
}
