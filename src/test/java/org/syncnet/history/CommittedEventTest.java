package org.syncnet.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatEventCodec;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.HistoryEntry;
import org.syncnet.chat.Member;
import org.syncnet.cluster.log.Delivery;

class CommittedEventTest {
    private static final Member ALICE = new Member(Samples.ALICE, "Alice", "u", "h");
    private static final byte[] POSTED = ChatEventCodec.encode(
            new ChatEvent.MessagePosted(Samples.ALICE, "#Lobby", "hi", "m-1", 5));
    private static final Delivery DELIVERY = new Delivery(3, 42, "server1", "server1/1", 9, POSTED);

    @Test
    void aMessageTheChatPostedKeepsItsRoomFoldedAndSpelledAndTheSendersNick() {
        HistoryEntry entry = new HistoryEntry(42, "#Lobby[1]", ALICE, "hi", 5, "m-1");
        CommittedEvent e = CommittedEvent.of(DELIVERY, List.of(new ChatOutcome.Posted(entry, List.of(Samples.ALICE))));

        assertEquals(42, e.seq());
        assertEquals(3, e.epoch());
        assertEquals("server1", e.originServer());
        assertEquals("server1/1", e.clientId());
        assertEquals(9, e.clientEventId());
        assertArrayEquals(POSTED, e.payload());
        assertEquals("#lobby{1}", e.roomKey(), "rfc1459: [ ] fold to { }");
        assertEquals("#Lobby[1]", e.room());
        assertEquals("Alice", e.nick());
        assertTrue(e.isRoomMessage());
    }

    @Test
    void anEntryWithoutAPostOfItsOwnSeqIsPlain() {
        HistoryEntry earlier = new HistoryEntry(17, "#lobby", ALICE, "hi", 5, "m-1");
        List<List<ChatOutcome>> notPosted = List.of(
                List.of(),
                List.of(new ChatOutcome.Rejected(Samples.ALICE, ErrorCode.NOT_IN_ROOM, "#lobby", "m-1")),
                List.of(new ChatOutcome.Duplicate(Samples.ALICE, earlier, null)),
                // a post of another seq is not this entry's
                List.of(new ChatOutcome.Posted(earlier, List.of())));
        for (List<ChatOutcome> outcomes : notPosted) {
            CommittedEvent e = CommittedEvent.of(DELIVERY, outcomes);
            assertFalse(e.isRoomMessage(), outcomes.toString());
            assertNull(e.room());
            assertNull(e.nick());
            assertArrayEquals(POSTED, e.payload(), "the bytes are kept all the same");
        }
    }

    @Test
    void sameEntryComparesPlaceEpochOriginClientEventAndBytes() {
        CommittedEvent e = Samples.message(7, "#a", "x");
        assertTrue(e.sameEntryAs(Samples.message(7, "#a", "x")));
        assertFalse(e.sameEntryAs(null));
        assertFalse(e.sameEntryAs(Samples.message(7, "#a", "y")), "other bytes");
        assertFalse(e.sameEntryAs(new CommittedEvent(7, 2, e.originServer(), e.clientId(), e.clientEventId(),
                e.payload(), e.roomKey(), e.room(), e.nick())), "other epoch");
        assertFalse(e.sameEntryAs(new CommittedEvent(7, 1, "server3", e.clientId(), e.clientEventId(),
                e.payload(), e.roomKey(), e.room(), e.nick())), "other origin");
        assertFalse(e.sameEntryAs(new CommittedEvent(7, 1, e.originServer(), "server1/2", e.clientEventId(),
                e.payload(), e.roomKey(), e.room(), e.nick())), "other client");
        assertFalse(e.sameEntryAs(new CommittedEvent(7, 1, e.originServer(), e.clientId(), 8,
                e.payload(), e.roomKey(), e.room(), e.nick())), "other client event");
        assertEquals(e, Samples.message(7, "#a", "x"));
    }

    @Test
    void invalidEventsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CommittedEvent.plain(0, 1, "s", "c", 1, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> CommittedEvent.plain(1, -1, "s", "c", 1, new byte[0]));
        assertThrows(NullPointerException.class, () -> CommittedEvent.plain(1, 1, "s", "c", 1, null));
        assertThrows(IllegalArgumentException.class,
                () -> new CommittedEvent(1, 1, "s", "c", 1, new byte[0], "#a", "#a", null));
        assertThrows(IllegalArgumentException.class,
                () -> new CommittedEvent(1, 1, "s", "c", 1, new byte[0], null, "#a", "nick"));
    }
}
