package org.syncnet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.cluster.log.LogCut;

/** The binary page of the history transfer: events come back as they were; anything else is refused. */
class EventPageTest {
    private static List<CommittedEvent> sample() {
        List<CommittedEvent> events = new ArrayList<>();
        events.add(Samples.message(3, "#Lobby", "hello 😀"));
        events.add(Samples.plain(4));
        events.add(new CommittedEvent(9, 2, "server3", "server3/5", 77, new byte[] {1, 2, 3}, null, null, null,
                new LogCut(7, 2)));
        return events;
    }

    @Test
    void eventsComeBackAsTheyWere() {
        EventPage.Page page = EventPage.decode(EventPage.encode(sample(), true), 2);
        assertEquals(sample(), page.events());
        assertTrue(page.more());
        assertFalse(EventPage.decode(EventPage.encode(sample(), false), 0).more());
        assertEquals(List.of(), EventPage.decode(EventPage.encode(List.of(), false), 5).events());
    }

    @Test
    void aPageStopsAtItsTargetSizeAndSaysMoreFollow() {
        List<CommittedEvent> big = new ArrayList<>();
        for (long seq = 1; seq <= 3_000; seq++) {
            big.add(CommittedEvent.plain(seq, 1, "server1", "server1/1", seq, new byte[4096]));
        }
        EventPage.Page page = EventPage.decode(EventPage.encode(big, false), 0);
        assertTrue(page.more(), "cut by size");
        assertTrue(page.events().size() < big.size() && !page.events().isEmpty());
        assertEquals(big.subList(0, page.events().size()), page.events());
    }

    @Test
    void aDamagedPageIsRefused() {
        byte[] good = EventPage.encode(sample(), false);
        for (int length = 0; length < good.length; length++) {
            byte[] cut = Arrays.copyOf(good, length);
            assertThrows(IllegalArgumentException.class, () -> EventPage.decode(cut, 0), "cut at " + length);
        }
        byte[] version = good.clone();
        version[0] = 2;
        assertThrows(IllegalArgumentException.class, () -> EventPage.decode(version, 0));
        assertThrows(IllegalArgumentException.class, () -> EventPage.decode(good, 3), "not after the seq asked");
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(IllegalArgumentException.class, () -> EventPage.decode(longer, 0));
    }
}
