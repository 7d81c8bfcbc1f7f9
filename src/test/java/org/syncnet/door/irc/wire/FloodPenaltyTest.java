package org.syncnet.door.irc.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FloodPenaltyTest {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void aBurstOfFiveIsAdmittedThenOneLineEveryTwoSeconds() {
        FloodPenalty p = FloodPenalty.rfc1459();
        assertEquals(T0, p.readyAtMillis(T0), "a fresh client may send at once");
        for (int i = 0; i < 5; i++) {
            assertTrue(p.admit(T0, 20), "line " + i + " of the burst");
        }
        assertFalse(p.admit(T0, 20), "the timer is 10 s ahead");
        assertFalse(p.admit(T0, 20), "a refused line costs nothing, and is refused again");
        assertEquals(T0 + 1, p.readyAtMillis(T0), "just under 10 s ahead admits again");
        assertTrue(p.admit(T0 + 1, 20));
        assertEquals(T0 + 2_001, p.readyAtMillis(T0 + 1));
        assertFalse(p.admit(T0 + 2_000, 20));
        assertTrue(p.admit(T0 + 2_001, 20));
        assertEquals(T0 + 4_001, p.readyAtMillis(T0 + 2_001));
    }

    @Test
    void heldBackLinesAreReleasedAsTimeAdvances() {
        FloodPenalty p = FloodPenalty.rfc1459();
        int admitted = 0;
        for (long now = T0; now < T0 + 60_000; now += 100) {
            while (p.admit(now, 10)) {
                admitted++;
            }
        }
        // 5 at once at T0, then one every 2 s: at T0 + 0.1 s (the first step after the burst), 2.1 s, ... 58.1 s.
        assertEquals(5 + 30, admitted);
        assertTrue(p.readyAtMillis(T0 + 60_000) > T0 + 60_000);
    }

    @Test
    void anIdleClientEarnsItsBurstBackButNoMore() {
        FloodPenalty p = FloodPenalty.rfc1459();
        for (int i = 0; i < 5; i++) {
            assertTrue(p.admit(T0, 0));
        }
        long later = T0 + 3_600_000;  // an hour of silence
        assertEquals(later, p.readyAtMillis(later));
        for (int i = 0; i < 5; i++) {
            assertTrue(p.admit(later, 0), "line " + i);
        }
        assertFalse(p.admit(later, 0));
    }

    @Test
    void longLinesCostMoreWhenAskedTo() {
        FloodPenalty p = new FloodPenalty(2_000, 10_000, 120, 1_000);  // ircu: 2 s + 1 s per 120 bytes
        assertTrue(p.admit(T0, 512));  // 2 + 4 s
        assertTrue(p.admit(T0, 119));  // 2 + 0 s: 8 s ahead
        assertTrue(p.admit(T0, 240));  // 8 s ahead < 10: admitted, now 12 s ahead
        assertFalse(p.admit(T0, 1));
        assertEquals(T0 + 2_001, p.readyAtMillis(T0));
    }

    @Test
    void timeGoingBackwardsAdmitsNothingExtra() {
        FloodPenalty p = FloodPenalty.rfc1459();
        for (int i = 0; i < 5; i++) {
            assertTrue(p.admit(T0, 0));
        }
        assertFalse(p.admit(T0 - 5_000, 0));
        assertEquals(T0 + 1, p.readyAtMillis(T0 - 5_000));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FloodPenalty(0, 10_000));
        assertThrows(IllegalArgumentException.class, () -> new FloodPenalty(2_000, 0));
        assertThrows(IllegalArgumentException.class, () -> new FloodPenalty(20_000, 10_000));
        assertThrows(IllegalArgumentException.class, () -> new FloodPenalty(2_000, 10_000, 0, 1_000));
        assertThrows(IllegalArgumentException.class, () -> new FloodPenalty(2_000, 10_000, 120, -1));
        assertThrows(IllegalArgumentException.class, () -> FloodPenalty.rfc1459().admit(T0, -1));
    }
}
