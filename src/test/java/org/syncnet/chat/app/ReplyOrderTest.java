package org.syncnet.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ClientId;

class ReplyOrderTest {
    private static final ClientId ME = new ClientId("server1", 1);
    private static final ChatEvent JOIN = new ChatEvent.RoomJoined(ME, "#a");

    private final ReplyOrder<String> order = new ReplyOrder<>();
    private final List<String> out = new ArrayList<>();

    /** What the door does with a reply to the command handled now. */
    private void reply(String r) {
        if (!order.hold(r)) {
            out.add(r);
        }
    }

    @Test
    void withNothingInFlightRepliesGoAtOnce() {
        reply("PONG");
        assertEquals(List.of("PONG"), out);
        assertFalse(order.waiting());
    }

    @Test
    void aReplyWaitsForTheEventsSubmittedBeforeItAndOnlyForThose() {
        order.submitted(1, JOIN, 0);
        reply("PONG 1");
        order.submitted(2, JOIN, 0);
        reply("PONG 2");
        assertTrue(order.waiting());
        assertEquals(List.of(), out);
        out.add("JOIN 1");  // event 1's outcome, queued by the applier before it reports 1 applied
        order.applied(1, out::add);
        assertEquals(List.of("JOIN 1", "PONG 1"), out, "PONG 2 waits for event 2");
        out.add("JOIN 2");
        order.applied(2, out::add);
        assertEquals(List.of("JOIN 1", "PONG 1", "JOIN 2", "PONG 2"), out);
        assertFalse(order.waiting());
        reply("PONG 3");
        assertEquals("PONG 3", out.get(4));
    }

    @Test
    void anEventAppliedBeforeItsSubmissionWasRecordedIsNotWaitedFor() {
        order.applied(1, out::add);  // the applier was faster than the door's bookkeeping
        order.submitted(1, JOIN, 0);
        assertFalse(order.waiting());
        reply("PONG");
        assertEquals(List.of("PONG"), out);
    }

    @Test
    void anOverdueEventIsGivenUpOnWithItsErrorBeforeTheRepliesBehindIt() {
        order.submitted(1, JOIN, 100);
        reply("PONG 1");
        order.submitted(2, JOIN, 200);
        reply("PONG 2");
        assertEquals(List.of(), order.overdue(100), "submitted at the cut-off: not yet overdue");
        List<ReplyOrder.InFlight> late = order.overdue(150);
        assertEquals(List.of(new ReplyOrder.InFlight(1, JOIN, 100)), late);
        order.giveUp(1, List.of("437 #a"), out::add);
        assertEquals(List.of("437 #a", "PONG 1"), out);
        assertTrue(order.waiting(), "event 2 is still in flight");
        order.applied(1, out::add);
        assertEquals(2, out.size(), "event 1 applied late: nothing more to release");
        order.applied(2, out::add);
        assertEquals(List.of("437 #a", "PONG 1", "PONG 2"), out);
        order.giveUp(2, List.of("too late"), out::add);
        assertEquals(3, out.size(), "given up on after it was applied: nothing happens");
    }

    @Test
    void overdueListsTheOldestFirstAndStopsAtTheFirstInTime() {
        order.submitted(1, JOIN, 10);
        order.submitted(2, JOIN, 20);
        order.submitted(3, JOIN, 30);
        assertEquals(List.of(1L, 2L), order.overdue(25).stream().map(ReplyOrder.InFlight::eventNumber).toList());
        order.giveUp(2, List.of(), out::add);
        assertEquals(List.of(3L), order.overdue(35).stream().map(ReplyOrder.InFlight::eventNumber).toList(),
                "giving up on 2 ends the wait for 1 too");
    }

    @Test
    void nanoTimesAreComparedAcrossTheirWrapAround() {
        order.submitted(1, JOIN, Long.MAX_VALUE - 5);
        assertEquals(1, order.overdue(Long.MIN_VALUE + 5).size());
        assertEquals(0, order.overdue(Long.MAX_VALUE - 10).size());
    }
}
