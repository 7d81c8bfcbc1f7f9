package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    @Test
    void startsFullAndAllowsABurstOfCapacity() {
        TokenBucket b = new TokenBucket(5, 1, 0);
        for (int i = 0; i < 5; i++) {
            assertTrue(b.tryTake(0), "token " + i);
        }
        assertFalse(b.tryTake(0));
    }

    @Test
    void refillsAtTheRate() {
        TokenBucket b = new TokenBucket(2, 4, 0);
        assertTrue(b.tryTake(0));
        assertTrue(b.tryTake(0));
        assertFalse(b.tryTake(249 * MS));
        assertTrue(b.tryTake(250 * MS));
        assertFalse(b.tryTake(250 * MS));
        assertTrue(b.tryTake(500 * MS));
    }

    @Test
    void partialRefillsAccumulateWithoutRounding() {
        // Capacity 2, so the bucket is never full between takes (a full bucket rightly wastes its refill).
        TokenBucket b = new TokenBucket(2, 3, 0);
        assertTrue(b.tryTake(0));
        assertTrue(b.tryTake(0));
        long t = 0;
        int taken = 0;
        for (int i = 0; i < 3000; i++) {
            t += MS;  // 3 s in 1 ms steps: 1/3 token ≈ 333.33 ms does not divide evenly
            if (b.tryTake(t)) {
                taken++;
            }
        }
        assertEquals(9, taken);
    }

    @Test
    void neverHoldsMoreThanCapacity() {
        TokenBucket b = new TokenBucket(3, 10, 0);
        assertEquals(3, b.available(3600 * S));
        assertEquals(3, b.available(Long.MAX_VALUE));
    }

    @Test
    void timeGoingBackwardsGivesNothing() {
        TokenBucket b = new TokenBucket(1, 1, 10 * S);
        assertTrue(b.tryTake(10 * S));
        assertFalse(b.tryTake(5 * S));
        assertFalse(b.tryTake(10 * S + 999 * MS));
        assertTrue(b.tryTake(11 * S));
    }

    @Test
    void worksAcrossNanoTimeOverflow() {
        long start = Long.MAX_VALUE - S / 2;
        TokenBucket b = new TokenBucket(1, 1, start);
        assertTrue(b.tryTake(start));
        assertTrue(b.tryTake(start + S), "nanoTime may wrap; differences still work");
    }

    @Test
    void refusesSillySettings() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, 0));
    }
}
