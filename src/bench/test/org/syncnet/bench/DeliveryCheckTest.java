package org.syncnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryCheckTest {
    private static DeliveryCheck.Receipts receipts(long... seqAndK) {
        int n = seqAndK.length / 2;
        long[] seqs = new long[n];
        int[] ks = new int[n];
        for (int i = 0; i < n; i++) {
            seqs[i] = seqAndK[2 * i];
            ks[i] = (int) seqAndK[2 * i + 1];
        }
        return new DeliveryCheck.Receipts(seqs, ks, n);
    }

    private static boolean[] attempted(int n) {
        boolean[] a = new boolean[n];
        java.util.Arrays.fill(a, true);
        return a;
    }

    @Test
    void identicalStreamsAreClean() {
        var r = receipts(10, 0, 12, 1, 13, 2);
        var v = DeliveryCheck.check(attempted(3), List.of(r, r, r));
        assertTrue(v.clean(), v.toString());
        assertEquals(0, v.missingDeliveries());
    }

    @Test
    void aMessageMissingAtOneClientIsLostOnce() {
        var v = DeliveryCheck.check(attempted(3),
                List.of(receipts(10, 0, 12, 1, 13, 2), receipts(10, 0, 13, 2), receipts(10, 0, 13, 2)));
        assertEquals(1, v.lost());
        assertEquals(2, v.missingDeliveries());
        assertEquals(0, v.disagreements());
    }

    @Test
    void aMessageNeverAttemptedIsNotLostButAReceiptOfItIsUnexpected() {
        boolean[] a = attempted(3);
        a[2] = false;
        var v = DeliveryCheck.check(a, List.of(receipts(10, 0, 12, 1), receipts(10, 0, 12, 1, 14, 2)));
        assertEquals(0, v.lost());
        assertEquals(1, v.unexpected());
    }

    @Test
    void theSameSeqTwiceIsADuplicateAndNotIncreasing() {
        var v = DeliveryCheck.check(attempted(2), List.of(receipts(10, 0, 11, 1, 11, 1), receipts(10, 0, 11, 1)));
        assertEquals(1, v.duplicates());
        assertEquals(1, v.nonIncreasing());
        assertEquals(0, v.duplicateMessages());
    }

    @Test
    void aMessageLoggedTwiceIsCountedAsSuch() {
        var v = DeliveryCheck.check(attempted(2), List.of(receipts(10, 0, 11, 1, 15, 1), receipts(10, 0, 11, 1, 15, 1)));
        assertEquals(2, v.duplicates());
        assertEquals(1, v.duplicateMessages());
        assertEquals(0, v.nonIncreasing());
    }

    @Test
    void anotherOrderIsADisagreementAndASeqConflict() {
        var v = DeliveryCheck.check(attempted(3),
                List.of(receipts(10, 0, 11, 1, 12, 2), receipts(10, 0, 11, 2, 12, 1), receipts(10, 0, 11, 1, 12, 2)));
        assertEquals(1, v.disagreements());
        assertEquals(2, v.seqConflicts());
        assertEquals(2, v.duplicateMessages());
    }

    @Test
    void aClientThatMissedSomeStillAgreesOnTheOrderOfWhatItGot() {
        var v = DeliveryCheck.check(attempted(4),
                List.of(receipts(1, 0, 2, 1, 3, 2, 4, 3), receipts(1, 0, 3, 2, 4, 3)));
        assertEquals(0, v.disagreements());
        assertEquals(1, v.lost());
    }
}
