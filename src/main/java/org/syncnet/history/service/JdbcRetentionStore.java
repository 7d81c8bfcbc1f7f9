package org.syncnet.history.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.syncnet.history.CommittedEvent;
import org.syncnet.history.EventStore;
import org.syncnet.history.RetentionStore;

/**
 * The {@link RetentionStore} on the history's database ({@link EventTable}). Every query names a room key, so it only
 * ever sees room messages, through the (room_key, seq) index; a delete removes one room's rows up to a seq, which the
 * caller keeps to at most {@link org.syncnet.history.DeletePacing#MAX_BATCH} rows.
 */
final class JdbcRetentionStore implements RetentionStore {
    private final HistoryDatabase db;
    private final EventStore events;

    JdbcRetentionStore(HistoryDatabase db, EventStore events) {
        this.db = db;
        this.events = events;
    }

    @Override
    public long highestSeq() {
        return events.highestSeq();
    }

    @Override
    public Map<String, Long> messageCounts() {
        return db.read("counting the rooms' messages", c -> {
            Map<String, Long> counts = new HashMap<>();
            try (PreparedStatement select = c.prepareStatement(EventTable.ROOM_COUNTS);
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
            return counts;
        });
    }

    @Override
    public long nthOldestMessageSeq(String roomKey, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the " + n + "th oldest message");
        }
        List<CommittedEvent> found = oldest(roomKey, 1, n - 1);
        return found.isEmpty() ? 0 : found.get(0).seq();
    }

    @Override
    public List<CommittedEvent> oldestMessages(String roomKey, int max) {
        return oldest(roomKey, max, 0);
    }

    private List<CommittedEvent> oldest(String roomKey, int max, int skip) {
        return db.read("reading room " + roomKey + "'s oldest messages", c -> {
            try (PreparedStatement select = c.prepareStatement(EventTable.ROOM_OLDEST)) {
                select.setString(1, roomKey);
                select.setInt(2, max);
                select.setInt(3, skip);
                return JdbcEventStore.rows(select);
            }
        });
    }

    @Override
    public int deleteMessagesThrough(String roomKey, long throughSeq) {
        return db.write("deleting room " + roomKey + "'s messages through seq " + throughSeq, c -> {
            try (PreparedStatement delete = c.prepareStatement(EventTable.ROOM_DELETE_THROUGH)) {
                delete.setString(1, roomKey);
                delete.setLong(2, throughSeq);
                return delete.executeUpdate();
            }
        });
    }
}
