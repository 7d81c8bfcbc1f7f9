package org.syncnet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RetentionScheduleTest {
    @Test
    void theFirstCleanupIsAnIntervalAfterTheStartTheNextAnIntervalAfterEachEnd() {
        RetentionSchedule s = new RetentionSchedule(60_000, 1_000);
        assertEquals(60_000, s.millisUntilDue(1_000));
        assertEquals(1, s.millisUntilDue(60_999));
        assertEquals(0, s.millisUntilDue(61_000));
        assertEquals(0, s.millisUntilDue(90_000), "overdue: due now");
        s.ran(95_000);  // a cleanup that took 34 s
        assertEquals(60_000, s.millisUntilDue(95_000), "never at once after a long cleanup");
        assertEquals(0, s.millisUntilDue(155_000));
    }

    @Test
    void theIntervalMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RetentionSchedule(0, 0));
    }
}
