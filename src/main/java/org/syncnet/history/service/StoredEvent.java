package org.syncnet.history.service;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.syncnet.chat.ChatEventCodec;
import org.syncnet.chat.ChatLimits;
import org.syncnet.cluster.log.LogCut;
import org.syncnet.cluster.log.LogEntry;
import org.syncnet.history.CommittedEvent;

/**
 * A committed log event as a table row ({@code chat_event}): one per seq. Room messages carry their room's folded
 * name, its spelling and the sender's nick; the index on (room_key, seq) pages a room newest first.
 */
@Entity
@Table(name = "chat_event", indexes = @Index(name = "chat_event_room_seq", columnList = "room_key, seq"))
public class StoredEvent {
    /** A room name is 50 code points at most: up to 100 UTF-16 chars. */
    static final int ROOM_CHARS = 2 * ChatLimits.MAX_ROOM_CHARS;
    /** A server id is 1-64 bytes of UTF-8; a client id is a server id, '/' and a number. */
    static final int SERVER_CHARS = ChatEventCodec.MAX_SERVER_BYTES;
    static final int CLIENT_CHARS = ChatEventCodec.MAX_SERVER_BYTES + 21;

    @Id
    @Column(name = "seq")
    private long seq;
    @Column(name = "epoch", nullable = false)
    private long epoch;
    @Column(name = "origin_server", nullable = false, length = SERVER_CHARS)
    private String originServer;
    @Column(name = "client_id", nullable = false, length = CLIENT_CHARS)
    private String clientId;
    @Column(name = "client_event_id", nullable = false)
    private long clientEventId;
    /** The event as delivered: up to {@link LogEntry#MAX_PARTS} entries' payloads joined. */
    @Column(name = "payload", nullable = false, length = LogEntry.MAX_PARTS * LogEntry.MAX_PAYLOAD)
    private byte[] payload;
    @Column(name = "room_key", length = ROOM_CHARS)
    private String roomKey;
    @Column(name = "room", length = ROOM_CHARS)
    private String room;
    @Column(name = "nick", length = ChatLimits.MAX_NICK_CHARS)
    private String nick;
    /** Where the log resumes if this is the last stored event ({@link CommittedEvent#cut()}); null: at this one. */
    @Column(name = "cut_seq")
    private Long cutSeq;
    @Column(name = "cut_epoch")
    private Long cutEpoch;

    protected StoredEvent() {
        // for JPA
    }

    /** The parameters of one row in {@link #insert}, in the order {@link #bind} sets them. */
    static final int COLUMNS = 11;

    /**
     * The insert of {@code rows} rows in one statement, with the parameters {@link #bind} sets: {@link
     * JpaEventStore#append} uses it (a database does its per-statement work once for all of them).
     */
    static String insert(int rows) {
        StringBuilder sql = new StringBuilder("insert into chat_event (seq, epoch, origin_server, client_id,"
                + " client_event_id, payload, room_key, room, nick, cut_seq, cut_epoch) values ");
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

    /** The rows from a seq on, with the columns {@link #read} takes: {@link JpaEventStore#readFrom} pages with it. */
    static final String SELECT_FROM = "select seq, epoch, origin_server, client_id, client_event_id, payload, room_key,"
            + " room, nick, cut_seq, cut_epoch from chat_event where seq >= ? order by seq";

    static CommittedEvent read(ResultSet row) throws SQLException {
        long seq = row.getLong(1);
        long epoch = row.getLong(2);
        long cutSeq = row.getLong(10);
        LogCut cut = row.wasNull() ? new LogCut(seq, epoch) : new LogCut(cutSeq, row.getLong(11));
        return new CommittedEvent(seq, epoch, row.getString(3), row.getString(4), row.getLong(5), row.getBytes(6),
                row.getString(7), row.getString(8), row.getString(9), cut);
    }

    CommittedEvent toEvent() {
        LogCut cut = cutSeq == null || cutEpoch == null ? new LogCut(seq, epoch) : new LogCut(cutSeq, cutEpoch);
        return new CommittedEvent(seq, epoch, originServer, clientId, clientEventId, payload, roomKey, room, nick,
                cut);
    }
}
