package org.syncnet.door.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.syncnet.door.ws.CheckedInput.Arrival;

/** A connection's frames behind a password check: in order, bounded, and its end after the check's events. */
class CheckedInputTest {
    private final CheckedInput input = new CheckedInput();

    @Test
    void framesWaitForTheCheckAndComeOutInOrder() {
        assertEquals(Arrival.HANDLE_NOW, input.arrived("a"));
        input.checking();
        assertEquals(Arrival.HELD, input.arrived("b"));
        assertEquals(Arrival.HELD, input.arrived("c"));
        assertEquals("b", input.next());
        assertEquals(Arrival.HELD, input.arrived("d"), "still behind the check while the held ones are handled");
        assertEquals("c", input.next());
        assertEquals("d", input.next());
        assertNull(input.next());
        assertEquals(Arrival.HANDLE_NOW, input.arrived("e"), "none left: frames flow again");
    }

    @Test
    void aClientThatKeepsSendingDuringACheckIsFlooding() {
        input.checking();
        for (int i = 0; i < CheckedInput.MAX_HELD; i++) {
            assertEquals(Arrival.HELD, input.arrived("f" + i));
        }
        assertEquals(Arrival.FLOODING, input.arrived("one too many"));
    }

    @Test
    void aConnectionEndingDuringACheckLeavesAfterIt() {
        assertTrue(input.endNow(), "no check: at once");
        CheckedInput checking = new CheckedInput();
        checking.checking();
        checking.arrived("a");
        assertFalse(checking.endNow());
        assertNull(checking.next(), "what waited is dropped");
        assertTrue(checking.endedDuringCheck());
    }
}
