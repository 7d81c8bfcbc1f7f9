package org.syncnet.history.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.syncnet.chat.ChatEventCodec;
import org.syncnet.chat.ChatLimits;
import org.syncnet.cluster.log.LogCut;
import org.syncnet.history.CommittedEvent;

/**
 * The table of committed log events ({@code chat_event}), one row per seq, and the SQL on it. Room messages carry
 * their room's folded name, its spelling and the sender's nick; the index on (room_key, seq) pages a room newest first
 * and serves the retention. The SQL is the common subset of SQLite and PostgreSQL; only column types differ.
 */
final class EventTable {
    /** A room name is 50 code points at most: up to 100 UTF-16 chars. */
    static final int ROOM_CHARS = 2 * ChatLimits.MAX_ROOM_CHARS;
    /** A server id is 1-64 bytes of UTF-8; a client id is a server id, '/' and a number. */
    static final int SERVER_CHARS = ChatEventCodec.MAX_SERVER_BYTES;
    static final int CLIENT_CHARS = ChatEventCodec.MAX_SERVER_BYTES + 21;

    /** The parameters of one row in {@link #insert}, in the order {@link #bind} sets them. */
    static final int COLUMNS = 11;

    private static final String COLUMN_LIST = "seq, epoch, origin_server, client_id, client_event_id, payload,"
            + " room_key, room, nick, cut_seq, cut_epoch";

    /** The rows from a seq on, ascending. */
    static final String SELECT_FROM = "select " + COLUMN_LIST + " from chat_event where seq >= ? order by seq";
    static final String SELECT_AT = "select " + COLUMN_LIST + " from chat_event where seq = ?";
    static final String HIGHEST_SEQ = "select max(seq) from chat_event";
    static final String DELETE_FROM = "delete from chat_event where seq >= ?";
    /** A room's messages below a seq, newest first (limit as a parameter). */
    static final String ROOM_PAGE = "select " + COLUMN_LIST + " from chat_event where room_key = ? and seq < ?"
            + " order by seq desc limit ?";
    static final String ROOM_COUNTS = "select room_key, count(*) from chat_event where room_key is not null"
            + " group by room_key";
    /** A room's messages oldest first, from an offset (limit, offset as parameters). */
    static final String ROOM_OLDEST = "select " + COLUMN_LIST + " from chat_event where room_key = ? order by seq"
            + " limit ? offset ?";
    static final String ROOM_DELETE_THROUGH = "delete from chat_event where room_key = ? and seq <= ?";

    private EventTable() {
    }

    /** The table and its index, created where missing, with the seq's and the payload's column types given. */
    static List<String> create(String seqType, String blobType) {
        return List.of("create table if not exists chat_event (seq " + seqType + " not null primary key,"
                        + " epoch bigint not null, origin_server varchar(" + SERVER_CHARS + ") not null,"
                        + " client_id varchar(" + CLIENT_CHARS + ") not null, client_event_id bigint not null,"
                        + " payload " + blobType + " not null, room_key varchar(" + ROOM_CHARS + "),"
                        + " room varchar(" + ROOM_CHARS + "), nick varchar(" + ChatLimits.MAX_NICK_CHARS + "),"
                        + " cut_seq bigint, cut_epoch bigint)",
                "create index if not exists chat_event_room_seq on chat_event (room_key, seq)");
    }

    /** The insert of {@code rows} rows in one statement (a database does its per-statement work once for all). */
    static String insert(int rows) {
        StringBuilder sql = new StringBuilder("insert into chat_event (" + COLUMN_LIST + ") values ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        return sql.toString();
    }

    /** Sets the {@code row}th (from 0) row's parameters of an {@link #insert}. */
    static void bind(PreparedStatement insert, int row, CommittedEvent e) throws SQLException {
        int at = row * COLUMNS;
        insert.setLong(at + 1, e.seq());
        insert.setLong(at + 2, e.epoch());
        insert.setString(at + 3, e.originServer());
        insert.setString(at + 4, e.clientId());
        insert.setLong(at + 5, e.clientEventId());
        insert.setBytes(at + 6, e.payload());
        insert.setString(at + 7, e.roomKey());
        insert.setString(at + 8, e.room());
        insert.setString(at + 9, e.nick());
        insert.setLong(at + 10, e.cut().seq());
        insert.setLong(at + 11, e.cut().epoch());
    }

    /** The event in the current row of a select of {@link #COLUMN_LIST}. */
    static CommittedEvent read(ResultSet row) throws SQLException {
        long seq = row.getLong(1);
        long epoch = row.getLong(2);
        long cutSeq = row.getLong(10);
        LogCut cut = row.wasNull() ? new LogCut(seq, epoch) : new LogCut(cutSeq, row.getLong(11));
        return new CommittedEvent(seq, epoch, row.getString(3), row.getString(4), row.getLong(5), row.getBytes(6),
                row.getString(7), row.getString(8), row.getString(9), cut);
    }
}
