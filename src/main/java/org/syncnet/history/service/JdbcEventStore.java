package org.syncnet.history.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.syncnet.history.CommittedEvent;
import org.syncnet.history.EventStore;

/**
 * The {@link EventStore} on the history's database ({@link EventTable}), in plain JDBC: rows are only ever inserted,
 * read back and deleted whole, so an object mapping would buy nothing. An appended batch is inserted
 * {@value #ROWS_PER_INSERT} rows to a statement, in one transaction.
 */
final class JdbcEventStore implements EventStore {
    /** Rows per insert statement: 50 × 11 parameters, far below any driver's limit (SQLite's is 32766). */
    static final int ROWS_PER_INSERT = 50;

    private final HistoryDatabase db;

    JdbcEventStore(HistoryDatabase db) {
        this.db = db;
    }

    @Override
    public long highestSeq() {
        return db.read("reading the highest stored seq", c -> {
            try (PreparedStatement select = c.prepareStatement(EventTable.HIGHEST_SEQ);
                 ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        });
    }

    @Override
    public CommittedEvent eventAt(long seq) {
        return db.read("reading seq " + seq, c -> {
            try (PreparedStatement select = c.prepareStatement(EventTable.SELECT_AT)) {
                select.setLong(1, seq);
                List<CommittedEvent> found = rows(select);
                return found.isEmpty() ? null : found.get(0);
            }
        });
    }

    @Override
    public void append(List<CommittedEvent> events) {
        db.write("inserting seqs " + events.get(0).seq() + ".." + events.get(events.size() - 1).seq(), c -> {
            for (int from = 0; from < events.size(); from += ROWS_PER_INSERT) {
                List<CommittedEvent> rows = events.subList(from, Math.min(events.size(), from + ROWS_PER_INSERT));
                try (PreparedStatement insert = c.prepareStatement(EventTable.insert(rows.size()))) {
                    for (int i = 0; i < rows.size(); i++) {
                        EventTable.bind(insert, i, rows.get(i));
                    }
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public int deleteFrom(long seq) {
        return db.write("deleting from seq " + seq, c -> {
            try (PreparedStatement delete = c.prepareStatement(EventTable.DELETE_FROM)) {
                delete.setLong(1, seq);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public List<CommittedEvent> readFrom(long fromSeq, int max) {
        return db.read("reading from seq " + fromSeq, c -> {
            try (PreparedStatement select = c.prepareStatement(EventTable.SELECT_FROM)) {
                select.setLong(1, fromSeq);
                select.setMaxRows(max);
                select.setFetchSize(Math.min(max, 1000));
                return rows(select);
            }
        });
    }

    @Override
    public List<CommittedEvent> roomMessages(String roomKey, long beforeSeq, int max) {
        return db.read("reading room " + roomKey + " before seq " + beforeSeq, c -> {
            try (PreparedStatement select = c.prepareStatement(EventTable.ROOM_PAGE)) {
                select.setString(1, roomKey);
                select.setLong(2, beforeSeq);
                select.setInt(3, max);
                return rows(select);
            }
        });
    }

    /** Every row a select of {@link EventTable}'s columns returns, as events. */
    static List<CommittedEvent> rows(PreparedStatement select) throws SQLException {
        List<CommittedEvent> events = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                events.add(EventTable.read(rows));
            }
        }
        return events;
    }
}
