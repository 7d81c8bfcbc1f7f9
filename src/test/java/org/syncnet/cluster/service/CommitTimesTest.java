package org.syncnet.cluster.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.cluster.log.Delivery;
import org.syncnet.cluster.log.entry.LogEntry;

class CommitTimesTest {
    private final CommitTimes times = new CommitTimes();
    private final List<Long> measured = new ArrayList<>();

    CommitTimesTest() {
        times.reportTo(measured::add);
    }

    private static LogEntry entry(long epoch, long seq) {
        return new LogEntry(epoch, seq, "server3", "server1/1", seq, new byte[] {1});
    }

    private static Delivery delivery(long epoch, long seq) {
        return new Delivery(epoch, seq, "server3", "server1/1", seq, new byte[] {1});
    }

    @Test
    void anEntryAppendedAsLeaderIsMeasuredOnceAtItsCommit() {
        times.appended(List.of(entry(4, 10), entry(4, 11)), 1_000);
        times.committed(List.of(delivery(4, 10)), 3_500);
        times.committed(List.of(delivery(4, 11), delivery(4, 10)), 9_000);
        assertEquals(List.of(2_500L, 8_000L), measured);
    }

    @Test
    void anEntryReplacedByAnotherEpochsOrOverrunByTheRingGoesUnmeasured() {
        times.appended(List.of(entry(4, 10)), 1_000);
        times.committed(List.of(delivery(5, 10)), 2_000); // another leader's entry at that place
        times.appended(List.of(entry(4, 20)), 1_000);
        times.appended(List.of(entry(4, 20 + CommitTimes.SLOTS)), 1_500);
        times.committed(List.of(delivery(4, 20)), 2_000);
        times.committed(List.of(delivery(7, 30)), 2_000); // never stamped: appended as follower
        assertEquals(List.of(), measured);
    }
}
