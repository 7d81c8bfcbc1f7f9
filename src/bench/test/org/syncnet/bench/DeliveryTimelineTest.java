package org.syncnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DeliveryTimelineTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1000 * MS;
    private static final long START = 100 * S;

    @Test
    void latencyIsFiledUnderTheSecondTheMessageWasDue() {
        DeliveryTimeline a = new DeliveryTimeline(START, 2.5);
        assertEquals(3, a.seconds());
        a.record(START, START + 2 * MS);
        a.record(START + S / 2, START + S / 2 + 4 * MS);
        a.record(START + S + 1, START + S + 1 + 90 * MS);
        a.record(START - 1, START + 5 * MS);  // due before the start: only its arrival counts
        a.record(START + 3 * S, START + 3 * S + MS);  // after the end: left out
        DeliveryTimeline b = new DeliveryTimeline(START, 2.5);
        b.record(START + S, START + S + 10 * MS);
        a.add(b);
        assertEquals(2, a.dueInSecond(0).count());
        assertEquals(4000, a.dueInSecond(0).max());
        assertEquals(2, a.dueInSecond(1).count(), "one from each client");
        assertEquals(90_000, a.dueInSecond(1).max());
        assertEquals(0, a.dueInSecond(2).count());
    }

    @Test
    void theLongestPauseCountsTheEdgesOfThePhaseAndMergesClients() {
        DeliveryTimeline a = new DeliveryTimeline(START, 0.1);  // 100 ms
        a.record(START, START + 10 * MS);
        a.record(START, START + 30 * MS);
        DeliveryTimeline b = new DeliveryTimeline(START, 0.1);
        b.record(START, START + 20 * MS);
        b.record(START, START + 95 * MS);
        assertEquals(74, b.longestPauseMillis(), "21..94 ms");
        a.add(b);
        assertEquals(64, a.longestPauseMillis(), "31..94 ms");

        DeliveryTimeline late = new DeliveryTimeline(START, 0.1);
        late.record(START, START + 50 * MS);
        assertEquals(50, late.longestPauseMillis(), "the start until 50 ms");
        assertEquals(100, new DeliveryTimeline(START, 0.1).longestPauseMillis(), "nothing at all");
    }

    @Test
    void onlyTimelinesOfOnePhaseMerge() {
        assertThrows(IllegalArgumentException.class, () -> new DeliveryTimeline(START, 1).add(new DeliveryTimeline(START + 1, 1)));
    }
}
