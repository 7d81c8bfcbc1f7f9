package org.syncnet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.cluster.log.Delivery;

class HistoryFeedTest {
    private static final int SIZE = Samples.plain(1).sizeEstimate();

    private static Delivery delivery(long seq) {
        CommittedEvent e = Samples.plain(seq);
        return new Delivery(e.epoch(), seq, e.originServer(), e.clientId(), e.clientEventId(), e.payload());
    }

    private static List<Long> seqs(List<CommittedEvent> events) {
        return events.stream().map(CommittedEvent::seq).toList();
    }

    @Test
    void eventsAreQueuedInTheOrderTheyAreApplied() throws InterruptedException {
        WriteQueue q = new WriteQueue(1_000_000);
        HistoryFeed feed = new HistoryFeed("s1", q);
        for (long s = 1; s <= 5; s++) {
            feed.committed(delivery(s), List.of());
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seqs(q.take(100, 0)));
        assertEquals(0, feed.dropped());
    }

    /** Full: events pass by (counted) until the writer has emptied half the queue, then they are queued again. */
    @Test
    void aFullQueueDropsEventsUntilItIsHalfEmpty() throws InterruptedException {
        WriteQueue q = new WriteQueue(4L * SIZE);
        HistoryFeed feed = new HistoryFeed("s1", q);
        for (long s = 1; s <= 6; s++) {
            feed.committed(delivery(s), List.of());
        }
        assertEquals(2, feed.dropped(), "5 and 6 did not fit");
        q.take(1, 0);  // room for one, but not half empty yet
        feed.committed(delivery(7), List.of());
        assertEquals(3, feed.dropped(), "still refusing: 3 of 4 places taken");
        q.take(1, 0);  // half empty
        feed.committed(delivery(8), List.of());
        feed.committed(delivery(9), List.of());
        assertEquals(3, feed.dropped());
        List<CommittedEvent> left = new ArrayList<>(q.take(100, 0));
        assertEquals(List.of(3L, 4L, 8L, 9L), seqs(left), "the gap is 5 to 7");
    }

    @Test
    void aFeedThatIsOffIgnoresEverything() {
        HistoryFeed off = HistoryFeed.off("s1");
        off.committed(delivery(1), List.of());
        assertEquals(0, off.dropped());
    }

    /** A bad entry (it cannot even become an event) is logged and left out; the chat's applier never sees a throw. */
    @Test
    void aFailureIsSwallowedAndTheNextEventsGoOn() throws InterruptedException {
        WriteQueue q = new WriteQueue(1_000_000);
        HistoryFeed feed = new HistoryFeed("s1", q);
        feed.committed(new Delivery(1, 1, null, "c", 1, new byte[0]), List.of());
        feed.committed(delivery(2), List.<ChatOutcome>of());
        assertEquals(List.of(2L), seqs(q.take(100, 0)));
    }
}
