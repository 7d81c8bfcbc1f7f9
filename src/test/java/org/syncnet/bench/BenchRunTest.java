package org.syncnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchRunTest {
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void latencyIsFiledUnderTheSecondTheMessageWasDue() {
        long start = 100 * S;
        List<long[]> dues = List.of(new long[] {start, start + S / 2, start + S + 1, start - 1, start + 3 * S},
                new long[] {start + S});
        List<long[]> arrivals = List.of(new long[] {start + 2 * MS, start + S / 2 + 4 * MS, start + S + 1 + 90 * MS,
                start + 5 * MS, start + 3 * S + MS}, new long[] {start + S + 10 * MS});
        LatencyHistogram[] h = BenchRun.latencyByDueSecond(dues, arrivals, start, 3);
        assertEquals(3, h.length);
        assertEquals(2, h[0].count());
        assertEquals(4000, h[0].max());
        assertEquals(2, h[1].count(), "one from each client");
        assertEquals(90_000, h[1].max());
        assertEquals(0, h[2].count(), "due before the start or after the end: left out");
    }

    @Test
    void theLongestPauseCountsTheEdgesOfThePhase() {
        List<long[]> arrivals = List.of(new long[] {10, 30}, new long[] {20, 95, 200});
        assertEquals(65, BenchRun.longestPause(arrivals, 0, 100), "30 -> 95");
        assertEquals(40, BenchRun.longestPause(List.of(new long[] {50, 60}), 10, 100), "60 -> the end at 100");
        assertEquals(90, BenchRun.longestPause(List.of(), 10, 100));
    }
}
