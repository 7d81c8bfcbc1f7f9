package org.syncnet.cluster.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.syncnet.cluster.log.entry.LogEntry;

class ReassemblyTest {
    private static LogEntry part(long seq, long id, int part, int parts, byte... bytes) {
        return new LogEntry(2, seq, "s0", "c", id, part, parts, bytes);
    }

    @Test
    void deliveredWholeWhenTheLastPartIsCommittedWhateverTheOrder() {
        Reassembly r = new Reassembly();
        assertNull(r.committed(part(5, 1, 2, 3, (byte) 3)));
        assertNull(r.committed(part(6, 1, 0, 3, (byte) 1)));
        assertNull(r.committed(part(7, 1, 0, 3, (byte) 1)), "a duplicate part changes nothing");
        Delivery d = r.committed(part(9, 1, 1, 3, (byte) 2));
        assertArrayEquals(new byte[] {1, 2, 3}, d.payload());
        assertEquals(9, d.seq(), "at the place of the part that completed it");
        assertNull(r.committed(part(10, 1, 1, 3, (byte) 2)), "a late retry of a part does not deliver again");
    }

    @Test
    void boundedByGivingUpTheOldestIncompleteEvent() {
        Reassembly r = new Reassembly();
        for (int i = 0; i <= Reassembly.MAX_INCOMPLETE; i++) {
            r.committed(part(i + 1, i, 0, 2));
        }
        assertEquals(1, r.abandoned());
        assertNull(r.committed(part(5000, 0, 1, 2)), "the given-up event never completes");
    }
}
