package org.syncnet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeletePacingTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final DeletePacing pacing = new DeletePacing();

    @Test
    void slowDeletesHalveTheBatchDownToTheMinimum() {
        assertEquals(1000, pacing.batchSize(), "starts at the most");
        pacing.deleted(1000, 51 * MS);
        assertEquals(500, pacing.batchSize());
        pacing.deleted(500, 200 * MS);
        assertEquals(250, pacing.batchSize());
        pacing.deleted(10, 60 * MS);
        assertEquals(125, pacing.batchSize(), "a slow delete shrinks the next whatever it removed");
        pacing.deleted(125, 60 * MS);
        assertEquals(62, pacing.batchSize());
        pacing.deleted(62, 60 * MS);
        assertEquals(50, pacing.batchSize());
        pacing.deleted(50, 60 * MS);
        assertEquals(50, pacing.batchSize());
    }

    @Test
    void fastFullDeletesDoubleItBackUpToTheMaximum() {
        pacing.deleted(1000, 100 * MS);
        pacing.deleted(500, 100 * MS);
        assertEquals(250, pacing.batchSize());
        pacing.deleted(100, MS);
        assertEquals(250, pacing.batchSize(), "a delete that removed less than asked says nothing of the speed");
        pacing.deleted(250, 20 * MS);
        assertEquals(250, pacing.batchSize(), "between a quarter of the target and the target: it stays");
        pacing.deleted(250, 12 * MS);
        assertEquals(500, pacing.batchSize());
        pacing.deleted(500, 5 * MS);
        assertEquals(1000, pacing.batchSize());
        pacing.deleted(1000, MS);
        assertEquals(1000, pacing.batchSize());
    }

    @Test
    void theRestIsAsLongAsTheDeleteTook() {
        assertEquals(1, pacing.restMillis(0));
        assertEquals(1, pacing.restMillis(MS / 3));
        assertEquals(1, pacing.restMillis(MS));
        assertEquals(2, pacing.restMillis(MS + 1));
        assertEquals(40, pacing.restMillis(40 * MS));
    }
}
