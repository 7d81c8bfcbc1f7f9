package org.syncnet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatEventCodec;
import org.syncnet.chat.MalformedEventException;

class RoomPageTest {
    private final MemoryStore store = new MemoryStore();

    private static RoomMessage show(CommittedEvent e) {
        try {
            return RoomMessage.of(e);
        } catch (MalformedEventException ex) {
            return null;
        }
    }

    /** A page as the service asks for it: one beyond the limit, newest first. */
    private RoomPage page(String roomKey, long before, int limit) {
        return RoomPage.of(store.roomMessages(roomKey, before, limit + 1), limit, RoomPageTest::show);
    }

    private static List<Long> seqs(RoomPage page) {
        return page.messages().stream().map(RoomMessage::seq).toList();
    }

    @Test
    void pagesGoBackFromTheNewestEachInAscendingOrderUntilTheCursorIsNull() {
        // #a has messages at odd seqs 1..23, another room and plain events in between
        for (long s = 1; s <= 24; s++) {
            CommittedEvent e = s % 2 == 1 ? Samples.message(s, "#A", "text " + s)
                    : s % 4 == 0 ? Samples.message(s, "#b", "other") : Samples.plain(s);
            store.events.put(s, e);
        }
        RoomPage newest = page("#a", Long.MAX_VALUE, 5);
        assertEquals(List.of(15L, 17L, 19L, 21L, 23L), seqs(newest));
        assertEquals(15L, newest.before());
        RoomPage second = page("#a", newest.before(), 5);
        assertEquals(List.of(5L, 7L, 9L, 11L, 13L), seqs(second));
        RoomPage last = page("#a", second.before(), 5);
        assertEquals(List.of(1L, 3L), seqs(last));
        assertNull(last.before(), "the start of the room");

        List<Long> all = new ArrayList<>(seqs(last));
        all.addAll(seqs(second));
        all.addAll(seqs(newest));
        assertEquals(List.of(1L, 3L, 5L, 7L, 9L, 11L, 13L, 15L, 17L, 19L, 21L, 23L), all, "each message once");
    }

    @Test
    void aPageThatEndsExactlyAtTheFirstMessageHasNoCursor() {
        for (long s = 1; s <= 4; s++) {
            store.events.put(s, Samples.message(s, "#a", "t"));
        }
        assertNull(page("#a", Long.MAX_VALUE, 4).before());
        assertEquals(2L, page("#a", Long.MAX_VALUE, 3).before());
        assertEquals(List.of(1L), seqs(page("#a", 2, 50)));
        assertTrue(page("#a", 1, 50).messages().isEmpty());
        assertTrue(page("#nowhere", Long.MAX_VALUE, 50).messages().isEmpty());
        assertNull(page("#nowhere", Long.MAX_VALUE, 50).before());
    }

    @Test
    void aMessageCarriesItsRoomNickTextTimeAndNotice() throws MalformedEventException {
        RoomMessage m = RoomMessage.of(Samples.message(7, "#Lobby", "hello"));
        assertEquals(new RoomMessage(7, "#Lobby", "alice", "hello", 1_790_000_000_007L, false), m);
        byte[] notice = ChatEventCodec.encode(new ChatEvent.MessagePosted(Samples.ALICE, "#lobby", "psst", "n-1", 3,
                true));
        assertTrue(RoomMessage.of(new CommittedEvent(8, 1, "server1", "server1/1", 1, notice, "#lobby", "#lobby",
                "alice")).notice());
    }

    @Test
    void anEventThatIsNoRoomMessageCannotBeShown() {
        assertThrows(MalformedEventException.class, () -> RoomMessage.of(Samples.plain(3)));
        CommittedEvent mislabelled = new CommittedEvent(3, 1, "server2", "server2/7", 3, Samples.plain(3).payload(),
                "#a", "#a", "bob");
        assertThrows(MalformedEventException.class, () -> RoomMessage.of(mislabelled));
    }

    /** A stored message that cannot be shown is left out, and the cursor still moves past it. */
    @Test
    void anUnshowableMessageIsLeftOutWithoutLosingThePlace() {
        for (long s = 1; s <= 6; s++) {
            store.events.put(s, Samples.message(s, "#a", "t" + s));
        }
        Function<CommittedEvent, RoomMessage> hideFive = e -> e.seq() == 5 ? null : show(e);
        RoomPage newest = RoomPage.of(store.roomMessages("#a", Long.MAX_VALUE, 4), 3, hideFive);
        assertEquals(List.of(4L, 6L), seqs(newest));
        assertEquals(4L, newest.before());
    }
}
