package org.syncnet.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.cluster.FailureDetector.PeerTransition;

class FailureDetectorTest {
    private static final long HEARTBEAT = 2000;
    private static final long TIMEOUT = 5000;
    private static final long SUSPECT_AFTER = (HEARTBEAT + TIMEOUT) / 2;

    private final FailureDetector detector = new FailureDetector(List.of("a", "b"), HEARTBEAT, TIMEOUT, 0);

    /** Stability is proven by what is heard: hear the peer at {@code t}, then ask. */
    private boolean heardAndStable(String id, long t) {
        detector.heard(id, t);
        return detector.isStable(id, t);
    }

    @Test
    void aPeerThatFellSilentDoesNotBecomeStableByTimePassing() {
        detector.heard("a", 0);
        detector.readiness("a", true, 0);
        detector.heard("a", TIMEOUT - 300);
        assertTrue(detector.isAlive("a"));
        assertFalse(detector.isStable("a", TIMEOUT + 100), "alive but unheard since before the period ended");
        detector.heard("a", TIMEOUT + 200);
        assertTrue(detector.isStable("a", TIMEOUT + 200));
    }

    @Test
    void anUnknownPeerFailsOneTimeoutAfterStart() {
        assertTrue(detector.tick(TIMEOUT - 1).isEmpty());
        assertEquals(PeerState.UNKNOWN, detector.state("a"));
        assertNull(detector.lastHeard("a"));
        List<PeerTransition> changes = detector.tick(TIMEOUT);
        assertEquals(2, changes.size());
        assertEquals(new PeerTransition("a", PeerState.UNKNOWN, PeerState.FAILED, TIMEOUT), changes.get(0));
        assertFalse(detector.isAlive("a"));
    }

    @Test
    void aSilentPeerIsSuspectedHalfWayAndFailedAtTheTimeout() {
        detector.heard("a", 1000);
        detector.tick(1000 + SUSPECT_AFTER - 1);
        assertEquals(PeerState.ALIVE, detector.state("a"));
        detector.tick(1000 + SUSPECT_AFTER);
        assertEquals(PeerState.SUSPECT, detector.state("a"));
        assertTrue(detector.isAlive("a"), "a suspect still counts as alive");
        detector.tick(1000 + TIMEOUT - 1);
        assertEquals(PeerState.SUSPECT, detector.state("a"));
        List<PeerTransition> changes = detector.tick(1000 + TIMEOUT);
        assertTrue(changes.contains(new PeerTransition("a", PeerState.SUSPECT, PeerState.FAILED, TIMEOUT)));
        assertFalse(detector.isAlive("a"));
    }

    @Test
    void anyDatagramClearsSuspicion() {
        detector.heard("a", 0);
        detector.tick(SUSPECT_AFTER);
        PeerTransition back = detector.heard("a", SUSPECT_AFTER + 10);
        assertEquals(new PeerTransition("a", PeerState.SUSPECT, PeerState.ALIVE, SUSPECT_AFTER + 10), back);
        assertNull(detector.heard("a", SUSPECT_AFTER + 20), "no transition while already alive");
        detector.tick(SUSPECT_AFTER + 20 + TIMEOUT - 1);
        assertTrue(detector.isAlive("a"));
    }

    @Test
    void aSuspicionRestartsTheStabilityPeriodWithoutCountingAsAFailure() {
        detector.heard("a", 0);
        detector.readiness("a", true, 0);
        detector.tick(SUSPECT_AFTER);
        assertEquals(PeerState.SUSPECT, detector.state("a"));
        long back = SUSPECT_AFTER + 50;
        detector.heard("a", back);
        assertFalse(heardAndStable("a", back + TIMEOUT - 1));
        assertTrue(heardAndStable("a", back + TIMEOUT), "one timeout: the suspicion was not a failure");
    }

    @Test
    void aFailedPeerRecoversWhenHeardButIsStableOnlyAfterItsPeriod() {
        detector.heard("a", 0);
        detector.readiness("a", true, 0);
        detector.tick(TIMEOUT);
        assertFalse(detector.isAlive("a"));
        long back = TIMEOUT + 3000;
        PeerTransition t = detector.heard("a", back);
        assertEquals(PeerState.FAILED, t.from());
        assertEquals(PeerState.ALIVE, t.to());
        assertFalse(heardAndStable("a", back), "not ready yet: heard again, readiness unknown");
        detector.readiness("a", true, back + 100);
        // One failure so far: the period is one failure timeout, from when it was heard again.
        assertFalse(heardAndStable("a", back + TIMEOUT - 1));
        assertTrue(heardAndStable("a", back + TIMEOUT));
    }

    @Test
    void aPeerNeverFailedIsStableOneTimeoutAfterItWasFirstHeard() {
        detector.heard("a", 100);
        detector.readiness("a", true, 100);
        assertFalse(heardAndStable("a", 100 + TIMEOUT - 1));
        assertTrue(heardAndStable("a", 100 + TIMEOUT));
    }

    @Test
    void stabilityNeedsReadiness() {
        detector.heard("a", 0);
        detector.readiness("a", false, 0);
        assertFalse(heardAndStable("a", 10 * TIMEOUT));
    }

    @Test
    void flapDampingDoublesTheStabilityPeriodPerRecentFailureUpToEightTimeouts() {
        long now = 0;
        detector.heard("a", now);
        detector.readiness("a", true, now);
        long[] expected = {TIMEOUT, 2 * TIMEOUT, 4 * TIMEOUT, 8 * TIMEOUT};
        for (long period : expected) {
            // fail it, then hear it again shortly after
            now += TIMEOUT;
            detector.tick(now);
            assertFalse(detector.isAlive("a"));
            now += 100;
            detector.heard("a", now);
            detector.readiness("a", true, now);
            assertFalse(heardAndStable("a", now + period - 1), "period " + period);
            assertTrue(heardAndStable("a", now + period), "period " + period);
            now += period;
        }
    }

    @Test
    void theStabilityPeriodIsCappedAtEightTimeouts() {
        long now = 0;
        detector.heard("a", now);
        for (int i = 0; i < 6; i++) {
            now += TIMEOUT;
            detector.tick(now);
            now += 100;
            detector.heard("a", now);
        }
        detector.readiness("a", true, now);
        assertFalse(heardAndStable("a", now + 8 * TIMEOUT - 1));
        assertTrue(heardAndStable("a", now + 8 * TIMEOUT));
    }

    @Test
    void failuresOutsideTheFlapWindowAreForgotten() {
        long now = 0;
        detector.heard("a", now);
        for (int i = 0; i < 4; i++) {
            now += TIMEOUT;
            detector.tick(now);
            now += 100;
            detector.heard("a", now);
        }
        detector.readiness("a", true, now);
        assertFalse(heardAndStable("a", now + 4 * TIMEOUT), "four recent failures: 8 T");
        // 20 timeouts after the last failure, none is recent: back to one timeout (it stayed up all along).
        long later = now + 20 * TIMEOUT;
        detector.heard("a", later);
        assertTrue(heardAndStable("a", later));
    }

    @Test
    void losingReadinessCountsAsAFailureAndRestartsTheStabilityPeriod() {
        detector.heard("a", 0);
        detector.readiness("a", true, 0);
        assertTrue(heardAndStable("a", TIMEOUT));
        detector.readiness("a", false, TIMEOUT + 10);
        detector.readiness("a", true, TIMEOUT + 20);
        // still alive all along, but one recorded failure and the period restarts from the readiness loss
        assertTrue(detector.isAlive("a"));
        assertFalse(heardAndStable("a", TIMEOUT + 10 + TIMEOUT - 1));
        assertTrue(heardAndStable("a", TIMEOUT + 10 + TIMEOUT));
        // a second loss doubles it
        long second = 3 * TIMEOUT;
        detector.heard("a", second);
        detector.readiness("a", false, second);
        detector.readiness("a", true, second + 1);
        assertFalse(heardAndStable("a", second + 2 * TIMEOUT - 1));
        assertTrue(heardAndStable("a", second + 2 * TIMEOUT));
    }

    @Test
    void aGracefulLeaveIsNotAliveAndCountsForDamping() {
        detector.heard("a", 0);
        detector.readiness("a", true, 0);
        PeerTransition t = detector.left("a", 1000);
        assertEquals(new PeerTransition("a", PeerState.ALIVE, PeerState.LEFT, 1000), t);
        assertFalse(detector.isAlive("a"));
        assertNull(detector.left("a", 1100), "leaving twice is no news");
        assertTrue(detector.tick(1000 + 2 * TIMEOUT).stream().noneMatch(c -> c.peer().equals("a")),
                "a departed peer is not failed later");
        detector.heard("a", 2000);
        detector.readiness("a", true, 2000);
        assertFalse(heardAndStable("a", 2000 + TIMEOUT - 1));
        assertTrue(heardAndStable("a", 2000 + TIMEOUT));
    }

    @Test
    void aRestartIsAFailureEvenWhenQuickerThanTheTimeout() {
        detector.heard("a", 0);
        detector.readiness("a", true, 0);
        PeerTransition t = detector.restarted("a", 1000);
        assertEquals(PeerState.FAILED, t.to());
        detector.heard("a", 1000);
        assertFalse(detector.isStable("a", 1000 + 10 * TIMEOUT), "the new process has not said it is ready");
        detector.readiness("a", true, 1200);
        assertTrue(heardAndStable("a", 1000 + TIMEOUT));
        // and a second quick restart doubles the period
        detector.restarted("a", 20000);
        detector.heard("a", 20000);
        detector.readiness("a", true, 20000);
        assertFalse(heardAndStable("a", 20000 + 2 * TIMEOUT - 1));
        assertTrue(heardAndStable("a", 20000 + 2 * TIMEOUT));
    }

    @Test
    void aRestartAfterAGracefulLeaveIsNotReportedAsAFailure() {
        detector.heard("a", 0);
        detector.left("a", 1000);
        assertNull(detector.restarted("a", 9000), "the old process already said goodbye");
        assertEquals(PeerState.LEFT, detector.state("a"));
        PeerTransition back = detector.heard("a", 9000);
        assertEquals(PeerState.LEFT, back.from());
        assertEquals(PeerState.ALIVE, back.to());
    }

    @Test
    void aPeerIsTrustedToLeadUnlessItFailedRecentlyAndIsNotStableYet() {
        detector.heard("a", 0);
        assertTrue(detector.isTrusted("a", 0), "never failed: trusted at once, even before it is stable");
        detector.readiness("a", true, 0);
        detector.tick(TIMEOUT);
        detector.heard("a", TIMEOUT + 100);
        detector.readiness("a", true, TIMEOUT + 100);
        assertFalse(detector.isTrusted("a", TIMEOUT + 100));
        detector.heard("a", TIMEOUT + 100 + TIMEOUT - 1);
        assertFalse(detector.isTrusted("a", TIMEOUT + 100 + TIMEOUT - 1));
        detector.heard("a", TIMEOUT + 100 + TIMEOUT);
        assertTrue(detector.isTrusted("a", TIMEOUT + 100 + TIMEOUT), "stable again");
    }

    @Test
    void peersAreIndependent() {
        detector.heard("a", 100);
        detector.tick(TIMEOUT - 1);
        assertTrue(detector.isAlive("a"));
        assertEquals(PeerState.UNKNOWN, detector.state("b"));
        detector.tick(TIMEOUT);
        assertFalse(detector.isAlive("b"));
        assertTrue(detector.isAlive("a"));
    }

    @Test
    void aPeerHeardOnlyByOthersStaysAliveAsIndirectAndFailsWhenTheyStopHearingIt() {
        detector.heard("a", 0);
        for (long t = 1000; t <= 20_000; t += 1000) {
            detector.heardThrough("a", t - 500, t); // b heard a half a second before its word arrived
            detector.tick(t);
            assertTrue(detector.isAlive("a"), "at " + t);
        }
        assertEquals(PeerState.INDIRECT, detector.state("a"));
        // Nobody hears a any more: failed one timeout after the last time anyone heard it.
        detector.tick(19_500 + TIMEOUT - 1);
        assertEquals(PeerState.INDIRECT, detector.state("a"), "no flapping to suspected between two words");
        List<PeerTransition> changes = detector.tick(19_500 + TIMEOUT);
        assertTrue(changes.contains(new PeerTransition("a", PeerState.INDIRECT, PeerState.FAILED, 19_500 + TIMEOUT)),
                changes.toString());
    }

    @Test
    void wordFromOthersNeverBringsBackAPeerThatFailedOrLeft() {
        detector.heard("a", 0);
        detector.tick(TIMEOUT);
        assertEquals(PeerState.FAILED, detector.state("a"));
        assertNull(detector.heardThrough("a", TIMEOUT, TIMEOUT + 10));
        detector.tick(TIMEOUT + 20);
        assertFalse(detector.isAlive("a"), "only a datagram of its own brings it back");
        detector.heard("b", 0);
        detector.left("b", 100);
        assertNull(detector.heardThrough("b", 200, 300));
        assertEquals(PeerState.LEFT, detector.state("b"));
    }

    @Test
    void aPeerHeardDirectlyAgainIsAliveWithoutAGapInItsStability() {
        detector.heard("a", 0);
        detector.readiness("a", true, 0);
        detector.heardThrough("a", SUSPECT_AFTER, SUSPECT_AFTER);
        detector.tick(SUSPECT_AFTER);
        assertEquals(PeerState.INDIRECT, detector.state("a"));
        PeerTransition back = detector.heard("a", TIMEOUT);
        assertEquals(new PeerTransition("a", PeerState.INDIRECT, PeerState.ALIVE, TIMEOUT), back);
        assertTrue(detector.isStable("a", TIMEOUT), "others heard it all along: no gap to prove again");
    }

    @Test
    void aPeerNoOneHeardAfterThisServerDidIsSuspected() {
        detector.heard("a", 1000);
        detector.heardThrough("a", 900, 1500); // others heard it before we did: no news
        detector.tick(1000 + SUSPECT_AFTER);
        assertEquals(PeerState.SUSPECT, detector.state("a"));
        detector.heardThrough("a", 1000 + SUSPECT_AFTER + 50, 1000 + SUSPECT_AFTER + 100);
        assertEquals(PeerState.INDIRECT, detector.state("a"), "word that a peer heard it since");
    }
}
