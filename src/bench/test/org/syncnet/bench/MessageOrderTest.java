package org.syncnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageOrderTest {
    private static int[] view(int... ks) {
        return ks;
    }

    @Test
    void partialViewsOfOneOrderAgree() {
        List<int[]> views = List.of(view(0, 1, 2, 3, 4), view(0, 2, 4), view(1, 3), view());
        assertEquals(0, MessageOrder.disagreements(5, views));
        assertEquals(0, MessageOrder.unorderable(5, views));
    }

    @Test
    void aSwappedPairIsOneDisagreeingClientAndTwoUnorderableMessages() {
        List<int[]> views = List.of(view(0, 1, 2, 3), view(0, 2, 1, 3), view(0, 1, 2, 3));
        assertEquals(1, MessageOrder.disagreements(4, views));
        assertEquals(3, MessageOrder.unorderable(4, views), "1 and 2 form a cycle; 3 can only come after it");
    }

    @Test
    void aCycleThroughThreeClientsIsFoundThoughEveryPairAgrees() {
        // a<b at client 0, b<c at client 1, c<a at client 2: each pair shares one message, no total order exists.
        List<int[]> views = List.of(view(0, 1), view(1, 2), view(2, 0));
        assertEquals(3, MessageOrder.unorderable(3, views));
    }

    @Test
    void theReferenceOrderDecidesDisagreementOnlyForWhatItHas() {
        // The reference (most receipts) never got 3 and 4; the others disagree on them: only unorderable sees it.
        List<int[]> views = List.of(view(0, 1, 2), view(0, 3, 4), view(0, 4, 3));
        assertEquals(0, MessageOrder.disagreements(5, views));
        assertEquals(2, MessageOrder.unorderable(5, views));
    }

    @Test
    void repeatsAndNumbersOutOfRangeAreIgnored() {
        List<int[]> views = List.of(view(0, 1, 0, 2, 9, -1), view(0, 1, 2));
        assertEquals(0, MessageOrder.disagreements(3, views));
        assertEquals(0, MessageOrder.unorderable(3, views));
    }
}
