package org.syncnet.history;

/**
 * What one retention cleanup did.
 *
 * @param rooms              rooms it removed messages from
 * @param byAge              messages removed for their age
 * @param byCount            messages removed beyond their room's newest {@code maxMessagesPerRoom}
 * @param storedMessages     room messages stored when it ended (those it counted at its start less those it removed)
 * @param deletes            delete transactions
 * @param deleteNanos        time inside them, together
 * @param longestDeleteNanos the longest of them
 * @param stopped            whether it ended early because the server stops
 * @param failure            what made it end early, or null
 */
public record RetentionRun(int rooms, long byAge, long byCount, long storedMessages, int deletes, long deleteNanos,
                           long longestDeleteNanos, boolean stopped, RuntimeException failure) {
    public long removed() {
        return byAge + byCount;
    }

    /**
     * The run in words for the log, e.g. "removed 1200 messages from 3 rooms (1000 older than 30d, 200 beyond the
     * newest 10000 of a room) in 2 transactions of 31 ms at most".
     */
    public String describe(RetentionConfig config) {
        StringBuilder s = new StringBuilder("removed ").append(removed())
                .append(removed() == 1 ? " message" : " messages");
        if (byCount == 0) {
            s.append(" older than ").append(config.maxAgeText());
        } else if (byAge == 0) {
            s.append(" beyond the newest ").append(config.maxMessagesPerRoom()).append(" of a room");
        }
        s.append(" from ").append(rooms).append(rooms == 1 ? " room" : " rooms");
        if (byAge > 0 && byCount > 0) {
            s.append(" (").append(byAge).append(" older than ").append(config.maxAgeText()).append(", ")
                    .append(byCount).append(" beyond the newest ").append(config.maxMessagesPerRoom())
                    .append(" of a room)");
        }
        s.append(" in ").append(deletes).append(deletes == 1 ? " transaction" : " transactions").append(" of ")
                .append(Math.round(longestDeleteNanos / 1e6)).append(" ms at most; ").append(storedMessages)
                .append(" messages stay");
        return s.toString();
    }
}
