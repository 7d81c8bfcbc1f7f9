package org.syncnet.history.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.syncnet.history.RetentionConfig;
import org.syncnet.history.RetentionStatus;

class RetentionStatusJsonTest {
    @Test
    void theCountersAndLimitsOfAnActiveRetention() {
        RetentionStatus s = new RetentionStatus(true, new RetentionConfig(30L * 86_400_000, 10_000, 60_000), 12, 1_000,
                200, 1_795_230_000_000L, 1_200, 830, 80_412, 3, 41_260_000, 31_040_000, 1, false, "SQLException: gone");
        assertEquals("{\"active\":true,\"maxAge\":\"30d\",\"maxAgeMillis\":2592000000,\"maxMessagesPerRoom\":10000,"
                + "\"intervalMillis\":60000,\"runs\":12,\"removed\":1200,\"removedByAge\":1000,\"removedByCount\":200,"
                + "\"lastRunAt\":1795230000000,\"lastRunRemoved\":1200,\"lastRunMillis\":830,\"storedMessages\":80412,"
                + "\"deletes\":3,\"deleteMillis\":41.3,\"longestDeleteMillis\":31.0,\"failures\":1,\"failing\":false,"
                + "\"lastFailure\":\"SQLException: gone\"}", HistoryStatusResource.retention(s).build().toString());
    }

    @Test
    void anInactiveOneHasNoLastRun() {
        assertEquals("{\"active\":false,\"maxAge\":\"0\",\"maxAgeMillis\":0,\"maxMessagesPerRoom\":0,"
                + "\"intervalMillis\":60000,\"runs\":0,\"removed\":0,\"removedByAge\":0,\"removedByCount\":0,"
                + "\"lastRunAt\":null,\"lastRunRemoved\":0,\"lastRunMillis\":0,\"storedMessages\":-1,\"deletes\":0,"
                + "\"deleteMillis\":0.0,\"longestDeleteMillis\":0.0,\"failures\":0,\"failing\":false,"
                + "\"lastFailure\":null}",
                HistoryStatusResource.retention(RetentionStatus.inactive(RetentionConfig.keepEverything())).build()
                        .toString());
    }
}
