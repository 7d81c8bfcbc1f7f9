package org.syncnet.cluster.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.cluster.log.entry.LogEntry;

/** A starting server's history against its mark and its log on disk: repaired from the log, or missing, named. */
class HistoryAgainstLogTest {
    private static List<LogEntry> log(long from, long to) {
        List<LogEntry> entries = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            entries.add(new LogEntry(2, seq, "server1", "server1/1", seq, new byte[0]));
        }
        return entries;
    }

    @Test
    void aHistoryBehindItsMarkIsRepairedFromTheLogWhenTheLogReachesBackFarEnough() {
        assertDoesNotThrow(() -> ClusterService.checkHistoryAgainstLog("server1", 100, 150, log(101, 160)));
        assertDoesNotThrow(() -> ClusterService.checkHistoryAgainstLog("server1", 100, 150, log(40, 120)),
                "what the log lacks at its end the leader sends");
        assertDoesNotThrow(() -> ClusterService.checkHistoryAgainstLog("server1", 150, 150, log(200, 210)),
                "nothing was lost: the history holds what it once stored");
    }

    @Test
    void whatNeitherTheHistoryNorTheLogHoldsIsNamedAndTheServerDoesNotStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ClusterService.checkHistoryAgainstLog("server1", 100, 150, log(131, 160)));
        assertEquals(true, e.getMessage().startsWith("server1: seqs 101..130 are missing"), e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> ClusterService.checkHistoryAgainstLog("server1", 0, 5042, List.of()));
        assertEquals(true, e.getMessage().contains("seqs 1..5042 are missing") && e.getMessage().contains("is empty"),
                e.getMessage());
    }
}
