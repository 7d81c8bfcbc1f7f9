package org.syncnet.cluster.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.syncnet.cluster.log.entry.LogEntry;

class InMemoryLogStoreTest {
    private static LogEntry entry(long epoch, long seq) {
        return new LogEntry(epoch, seq, "s0", "c", seq, new byte[0]);
    }

    @Test
    void appendsContiguouslyAndTruncatesASuffix() {
        InMemoryLogStore store = new InMemoryLogStore(100);
        for (long s = 1; s <= 5; s++) {
            store.append(entry(s < 4 ? 2 : 3, s));
        }
        assertThrows(IllegalStateException.class, () -> store.append(entry(3, 7)));
        assertEquals(3, store.lastEpoch());
        assertEquals(2, store.epochAt(3));
        assertEquals(0, store.epochAt(0));
        assertEquals(-1, store.epochAt(6));
        store.truncateAfter(3);
        assertEquals(3, store.lastSeq());
        assertEquals(2, store.lastEpoch());
        assertEquals(2, store.read(2, 10).size());
    }

    @Test
    void discardsOnlyDeliveredEntriesBeyondTheCapacityInChunksAndRemembersTheBoundary() {
        InMemoryLogStore store = new InMemoryLogStore(8);
        for (long s = 1; s <= 20; s++) {
            store.append(entry(s <= 15 ? 2 : 4, s));
        }
        assertTrue(store.discardUpTo(3).size() == 3, "never past what the caller delivered");
        assertEquals(4, store.firstSeq());
        assertEquals(2, store.epochAt(3), "the boundary stays matchable");
        assertEquals(-1, store.epochAt(2));
        assertEquals(-1, store.epochAt(0), "seq 0 is no longer the boundary");
        assertNull(store.get(3));
        assertEquals(9, store.discardUpTo(20).size(), "down to the capacity");
        assertEquals(13, store.firstSeq());
        assertEquals(0, store.discardUpTo(20).size(), "within a quarter over the capacity: nothing moves");
        assertEquals(4, store.lastEpoch());
    }
}
