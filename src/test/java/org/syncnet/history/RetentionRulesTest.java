package org.syncnet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionRulesTest {
    private static CommittedEvent at(long seq, long time) {
        return MemoryRetentionStore.message(seq, "#a", time);
    }

    /** Stored as a message in #a, but its event is another (it cannot be shown, its time cannot be read). */
    private static CommittedEvent unreadable(long seq) {
        CommittedEvent p = Samples.plain(seq);
        return new CommittedEvent(seq, 1, p.originServer(), p.clientId(), seq, p.payload(), "#a", "#a", "bob");
    }

    @Test
    void theExcessIsWhatIsBeyondTheNewestMax() {
        assertEquals(0, RetentionRules.excess(5_000, 0), "0: no limit");
        assertEquals(0, RetentionRules.excess(4, 5));
        assertEquals(0, RetentionRules.excess(5, 5));
        assertEquals(1, RetentionRules.excess(6, 5));
        assertEquals(9_995, RetentionRules.excess(10_000, 5));
    }

    @Test
    void theAgedRunEndsAtTheFirstMessageThatIsNotOlderThanTheCutoff() {
        List<CommittedEvent> oldest = List.of(at(3, 100), at(5, 200), at(8, 299), at(9, 300), at(12, 50));
        assertEquals(new RetentionRules.AgedRun(8, 3, true), RetentionRules.agedRun(oldest, 300, 100));
        // seq 12 is older by its clock, but comes after a newer one: it waits for a later cleanup
        assertEquals(new RetentionRules.AgedRun(12, 5, false), RetentionRules.agedRun(oldest, 301, 100));
        assertEquals(new RetentionRules.AgedRun(0, 0, true), RetentionRules.agedRun(oldest, 100, 100),
                "the oldest is exactly at the cutoff: not older");
        assertTrue(RetentionRules.agedRun(oldest, 100, 100).isEmpty());
        assertEquals(new RetentionRules.AgedRun(0, 0, false), RetentionRules.agedRun(List.of(), 300, 100));
    }

    @Test
    void theEventAtTheHighestStoredSeqStaysWhateverItsAge() {
        List<CommittedEvent> oldest = List.of(at(3, 100), at(5, 200), at(8, 200));
        assertEquals(new RetentionRules.AgedRun(5, 2, true), RetentionRules.agedRun(oldest, 1_000, 8));
        assertEquals(new RetentionRules.AgedRun(8, 3, false), RetentionRules.agedRun(oldest, 1_000, 9));
    }

    @Test
    void aMessageOfUnknownTimeGoesWithTheOlderOnesAfterItAndStaysOtherwise() {
        assertEquals(new RetentionRules.AgedRun(5, 3, true),
                RetentionRules.agedRun(List.of(at(1, 10), unreadable(2), at(5, 20), at(7, 500)), 100, 50));
        assertEquals(new RetentionRules.AgedRun(1, 1, true),
                RetentionRules.agedRun(List.of(at(1, 10), unreadable(2), at(5, 500)), 100, 50));
        assertEquals(new RetentionRules.AgedRun(1, 1, false),
                RetentionRules.agedRun(List.of(at(1, 10), unreadable(2), unreadable(3)), 100, 50),
                "nothing after them says they are old");
        assertEquals(new RetentionRules.AgedRun(0, 0, false),
                RetentionRules.agedRun(List.of(unreadable(2), unreadable(3)), 100, 50));
    }
}
