package org.syncnet.cluster.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
    private final ReplayGuard guard = new ReplayGuard();

    @Test
    void theSameDatagramTwiceIsAReplay() {
        assertTrue(guard.accept("a", 5, 1));
        assertFalse(guard.accept("a", 5, 1));
        assertTrue(guard.accept("a", 5, 2));
        assertFalse(guard.accept("a", 5, 2));
        assertFalse(guard.accept("a", 5, 1));
    }

    @Test
    void outOfOrderWithinTheWindowIsAcceptedOnce() {
        assertTrue(guard.accept("a", 1, 100));
        for (long s = 99; s > 100 - ReplayGuard.WINDOW; s -= 2) {
            assertTrue(guard.accept("a", 1, s), "seq " + s);
        }
        for (long s = 99; s > 100 - ReplayGuard.WINDOW; s--) {
            assertEquals((100 - s) % 2 == 0, guard.accept("a", 1, s), "seq " + s);
        }
        for (long s = 100 - ReplayGuard.WINDOW + 1; s <= 100; s++) {
            assertFalse(guard.accept("a", 1, s), "seq " + s + " again");
        }
    }

    @Test
    void olderThanTheWindowIsRefusedEvenIfNeverSeen() {
        long h = 3L * ReplayGuard.WINDOW;
        assertTrue(guard.accept("a", 1, h));
        assertFalse(guard.accept("a", 1, h - ReplayGuard.WINDOW));
        assertFalse(guard.accept("a", 1, 1));
        assertTrue(guard.accept("a", 1, h - ReplayGuard.WINDOW + 1));
    }

    @Test
    void aJumpAheadSlidesTheWindow() {
        for (long jump : new long[] {2, ReplayGuard.WINDOW - 1, ReplayGuard.WINDOW, ReplayGuard.WINDOW + 1, 1_000_000}) {
            ReplayGuard g = new ReplayGuard();
            assertTrue(g.accept("a", 1, 10));
            assertTrue(g.accept("a", 1, 10 + jump));
            assertFalse(g.accept("a", 1, 10 + jump), "jump " + jump);
            assertFalse(g.accept("a", 1, 10), "jump " + jump);
            // 11 was never seen: still acceptable while inside the window (age jump - 1).
            assertEquals(jump - 1 < ReplayGuard.WINDOW, g.accept("a", 1, 11), "jump " + jump);
            assertEquals(jump > 2, g.accept("a", 1, 10 + jump - 1), "jump " + jump); // jump 2: that was 11
        }
    }

    @Test
    void extremeSequencesDoNotOverflow() {
        assertTrue(guard.accept("a", 1, 1));
        assertTrue(guard.accept("a", 1, Long.MAX_VALUE));
        assertFalse(guard.accept("a", 1, Long.MAX_VALUE));
        assertTrue(guard.accept("a", 1, Long.MAX_VALUE - 1));
        assertFalse(guard.accept("a", 1, 2));
    }

    @Test
    void anOldIncarnationIsAReplayAndANewOneStartsAfresh() {
        assertTrue(guard.accept("a", 10, 500));
        assertFalse(guard.accept("a", 9, 501));
        assertFalse(guard.accept("a", 0, 1));
        // A restart: sequences begin again at 1 under a higher incarnation.
        assertTrue(guard.accept("a", 11, 1));
        assertFalse(guard.accept("a", 11, 1));
        assertFalse(guard.accept("a", 10, 501));
        assertTrue(guard.accept("a", 11, 2));
    }

    @Test
    void sendersAreIndependent() {
        assertTrue(guard.accept("a", 1, 7));
        assertTrue(guard.accept("b", 1, 7));
        assertFalse(guard.accept("a", 1, 7));
        assertTrue(guard.accept("b", 2, 1));
        assertTrue(guard.accept("a", 1, 8));
    }

    /** Against a reference that remembers every sequence: accepted iff new incarnation, or unseen and in window. */
    @Test
    void matchesAReferenceModelOnRandomTraffic() {
        long seed = Long.getLong("fuzz.seed", 0x5EED_2024L);
        Random rnd = new Random(seed);
        for (int run = 0; run < 200; run++) {
            ReplayGuard g = new ReplayGuard();
            Map<String, Long> incarnation = new HashMap<>();
            Map<String, Long> highest = new HashMap<>();
            Map<String, Set<Long>> seen = new HashMap<>();
            Map<String, Long> next = new HashMap<>();
            for (int step = 0; step < 2_000; step++) {
                String s = "s" + rnd.nextInt(3);
                long inc = incarnation.getOrDefault(s, 1L);
                long n = next.getOrDefault(s, 1L);
                int kind = rnd.nextInt(100);
                long qInc = inc;
                long qSeq;
                if (kind < 2) {
                    qInc = inc + 1; // restart
                    qSeq = 1;
                } else if (kind < 4) {
                    qInc = Math.max(0, inc - 1 - rnd.nextInt(3));
                    qSeq = 1 + rnd.nextInt(1000);
                } else if (kind < 60) {
                    qSeq = n;
                    next.put(s, n + 1 + (rnd.nextInt(10) == 0 ? rnd.nextInt(100) : 0));
                } else {
                    qSeq = Math.max(1, n - 1 - rnd.nextInt(100)); // late or duplicated
                }
                boolean expected;
                if (!incarnation.containsKey(s) || qInc > inc) {
                    expected = true;
                    incarnation.put(s, qInc);
                    highest.put(s, qSeq);
                    seen.put(s, new HashSet<>(Set.of(qSeq)));
                    next.put(s, qSeq + 1);
                } else if (qInc < inc) {
                    expected = false;
                } else {
                    long h = highest.get(s);
                    expected = qSeq > h - ReplayGuard.WINDOW && seen.get(s).add(qSeq);
                    if (expected) {
                        highest.put(s, Math.max(h, qSeq));
                    }
                }
                assertEquals(expected, g.accept(s, qInc, qSeq),
                        "seed " + seed + " run " + run + " step " + step + ": " + s + " " + qInc + "/" + qSeq);
            }
        }
    }
}
