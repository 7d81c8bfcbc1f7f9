package org.syncnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IrcDeliveryCheckTest {
    private static int[] view(int... ks) {
        return ks;
    }

    /** Messages 0, 1, 2 sent by clients 0, 1, 0; client 2 only receives. */
    private static final int[] SENDERS = {0, 1, 0};

    @Test
    void withoutEchoASenderNeedNotGetItsOwnMessages() {
        var v = IrcDeliveryCheck.check(SENDERS, false, List.of(view(1), view(0, 2), view(0, 1, 2)));
        assertTrue(v.clean(), v.toString());
        assertEquals(0, v.missingDeliveries());
    }

    @Test
    void withoutEchoAnOwnMessageBackIsUnexpected() {
        var v = IrcDeliveryCheck.check(SENDERS, false, List.of(view(0, 1, 2), view(0, 2), view(0, 1, 2)));
        assertEquals(2, v.unexpected());
        assertEquals(0, v.lost());
    }

    @Test
    void withEchoTheSenderMustGetItsOwnToo() {
        var v = IrcDeliveryCheck.check(SENDERS, true, List.of(view(1), view(0, 1, 2), view(0, 1, 2)));
        assertEquals(2, v.lost());
        assertEquals(2, v.missingDeliveries());
        assertEquals(0, v.unexpected());
    }

    @Test
    void missingDuplicatedAndNeverAttempted() {
        int[] senders = {0, 1, -1};  // message 2 never attempted
        var v = IrcDeliveryCheck.check(senders, false, List.of(view(1, 1), view(2), view(0, 1, 7)));
        assertEquals(1, v.duplicates());
        assertEquals(1, v.lost(), "message 0 is missing at client 1");
        assertEquals(1, v.missingDeliveries());
        assertEquals(2, v.unexpected(), "message 2 (never attempted) and 7 (out of range)");
    }

    @Test
    void anotherOrderIsADisagreementAndUnorderable() {
        // Client 3 sent all three; client 2 got nothing.
        var v = IrcDeliveryCheck.check(new int[] {3, 3, 3}, false, List.of(view(0, 1, 2), view(0, 2, 1), view(), view()));
        assertEquals(1, v.disagreements());
        assertEquals(2, v.unorderable());
        assertEquals(3, v.lost(), "client 2 got nothing");
    }
}
