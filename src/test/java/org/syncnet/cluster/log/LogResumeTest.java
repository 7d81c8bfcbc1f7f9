package org.syncnet.cluster.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.cluster.log.entry.LogEntry;

/**
 * A restarted server's log holds of the tail it read back from disk its last {@code capacity} entries, and every entry
 * after what its history applied however many (they are delivered again), with the epoch before the first for log
 * matching.
 */
class LogResumeTest {
    private static List<LogEntry> tail(long from, long to) {
        List<LogEntry> entries = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            entries.add(new LogEntry(seq <= 60 ? 1 : 2, seq, "s0", "c", seq, new byte[] {(byte) seq}));
        }
        return entries;
    }

    @Test
    void aHistoryAsFarAsTheTailKeepsOnlyTheCapacity() {
        InMemoryLogStore store = new LogResume(new LogCut(100, 2), 1, tail(1, 100)).store(10);
        assertEquals(91, store.firstSeq());
        assertEquals(100, store.lastSeq());
        assertEquals(2, store.epochAt(90), "the epoch before the first kept entry");
    }

    @Test
    void entriesTheHistoryLacksAreKeptBeyondTheCapacity() {
        InMemoryLogStore store = new LogResume(new LogCut(50, 1), 1, tail(1, 100)).store(10);
        assertEquals(51, store.firstSeq());
        assertEquals(100, store.lastSeq());
        assertEquals(1, store.epochAt(50));
        assertEquals(List.of(), store.discardUpTo(50), "nothing delivered yet beyond the history");
        assertEquals(40, store.discardUpTo(100).size(), "once delivered, down to the capacity");
        assertEquals(91, store.firstSeq());
    }

    @Test
    void aShortTailIsKeptWhole() {
        InMemoryLogStore store = new LogResume(new LogCut(5, 1), 1, tail(3, 8)).store(10);
        assertEquals(3, store.firstSeq());
        assertEquals(8, store.lastSeq());
        assertEquals(1, store.epochAt(2));
    }
}
