package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeBufferTest {
    private static final Member ALICE = new Member(new ClientId("server1", 1), "alice", "u", "h");
    private static final int COST = 128 + 2;  // a two-character message

    private static HistoryEntry message(long seq, String room) {
        return new HistoryEntry(seq, room, ALICE, "m" + (seq % 10), 0, "id-" + seq);
    }

    private static List<Long> seqs(ResumeBuffer.Slice slice) {
        return slice.messages().stream().map(HistoryEntry::seq).toList();
    }

    @Test
    void aResumeGetsOnlyItsRoomAfterItsPointInOrder() {
        ResumeBuffer buffer = new ResumeBuffer(100 * COST);
        for (long seq = 1; seq <= 9; seq++) {
            buffer.add(message(seq, seq % 2 == 0 ? "#Even" : "#odd"));
        }
        ResumeBuffer.Slice even = buffer.after("#even", 3, Long.MAX_VALUE);
        assertEquals(List.of(4L, 6L, 8L), seqs(even), "rooms compare under casemapping");
        assertTrue(even.complete());
        assertEquals(List.of(), seqs(buffer.after("#odd", 9, Long.MAX_VALUE)));
    }

    @Test
    void aResumeThatDoesNotFitGetsTheNewestAndSaysSo() {
        ResumeBuffer buffer = new ResumeBuffer(100 * COST);
        for (long seq = 1; seq <= 9; seq++) {
            buffer.add(message(seq, "#a"));
        }
        ResumeBuffer.Slice cut = buffer.after("#a", 0, 3 * COST);
        assertEquals(List.of(7L, 8L, 9L), seqs(cut));
        assertFalse(cut.complete());
    }

    @Test
    void evictionIsBySizeAndAResumeFromBeforeItIsIncomplete() {
        ResumeBuffer buffer = new ResumeBuffer(3 * COST);
        for (long seq = 1; seq <= 9; seq++) {
            buffer.add(message(seq, "#a"));
        }
        assertEquals(List.of(7L, 8L, 9L), seqs(buffer.after("#a", 0, Long.MAX_VALUE)));
        assertFalse(buffer.after("#a", 5, Long.MAX_VALUE).complete(), "seq 6 was evicted");
        assertTrue(buffer.after("#a", 6, Long.MAX_VALUE).complete());
    }
}
