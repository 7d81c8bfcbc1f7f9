package org.syncnet.history;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.syncnet.chat.Casemapping;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.HistoryEntry;
import org.syncnet.cluster.log.Delivery;
import org.syncnet.cluster.log.LogCut;

/**
 * One committed log event as the history keeps it: the entry as the log delivered it (its place {@code seq}, the
 * {@code epoch} of the leader that placed it, the server the client submitted to, the client's id for the event, and
 * the event's bytes) and, for a message the chat accepted in a room, the room and the sender's nick at that moment.
 * The event names only the sender's connection: the nick comes from the chat state, so it is kept beside the bytes.
 * {@code roomKey} is the room's name folded (rfc1459), which a room is paged by; {@code room} its spelling then.
 * {@code cut} is where the log resumes when this is the last event a server stored before a restart.
 * <p>
 * The payload array is shared, never copied (events pass at thousands a second): nobody may change it.
 */
public record CommittedEvent(long seq, long epoch, String originServer, String clientId, long clientEventId,
                             byte[] payload, String roomKey, String room, String nick, LogCut cut) {
    /** What an event costs in the write queue beyond its payload (the record, its strings), roughly. */
    static final int OVERHEAD_BYTES = 200;

    public CommittedEvent {
        Objects.requireNonNull(originServer, "origin server");
        Objects.requireNonNull(clientId, "client id");
        Objects.requireNonNull(payload, "payload");
        if (seq < 1 || epoch < 0) {
            throw new IllegalArgumentException("invalid committed event: seq " + seq + ", epoch " + epoch);
        }
        if ((roomKey == null) != (room == null) || (room == null) != (nick == null)) {
            throw new IllegalArgumentException("seq " + seq + ": room key, room and nick are all given or none");
        }
        Objects.requireNonNull(cut, "cut");
        if (cut.seq() > seq) {
            throw new IllegalArgumentException("seq " + seq + ": the log resumes at " + cut + ", after the event");
        }
    }

    /** An event after which the log may resume at its own place (no large event waited for parts). */
    public CommittedEvent(long seq, long epoch, String originServer, String clientId, long clientEventId,
                          byte[] payload, String roomKey, String room, String nick) {
        this(seq, epoch, originServer, clientId, clientEventId, payload, roomKey, room, nick,
                seq < 1 || epoch < 0 ? LogCut.START : new LogCut(seq, epoch));
    }

    /** An event that is not a room message (a join, a nick, a private message, a refused or resent message...). */
    public static CommittedEvent plain(long seq, long epoch, String originServer, String clientId, long clientEventId,
                                       byte[] payload) {
        return new CommittedEvent(seq, epoch, originServer, clientId, clientEventId, payload, null, null, null);
    }

    /**
     * The delivered entry {@code d} with what applying it gave: if the chat accepted it as a message in a room (a
     * {@link ChatOutcome.Posted} of this seq among {@code outcomes}), that room and the sender's nick.
     */
    public static CommittedEvent of(Delivery d, List<ChatOutcome> outcomes) {
        for (ChatOutcome o : outcomes) {
            if (o instanceof ChatOutcome.Posted posted && posted.message().seq() == d.seq()) {
                HistoryEntry m = posted.message();
                return new CommittedEvent(d.seq(), d.epoch(), d.originServer(), d.clientId(), d.clientEventId(),
                        d.payload(), Casemapping.fold(m.room()), m.room(), m.sender().nick(), d.cut());
            }
        }
        return new CommittedEvent(d.seq(), d.epoch(), d.originServer(), d.clientId(), d.clientEventId(), d.payload(),
                null, null, null, d.cut());
    }

    public boolean isRoomMessage() {
        return roomKey != null;
    }

    /**
     * Whether {@code other} is the same log entry: same place, epoch, origin, client event and bytes. Within one log
     * a committed entry never changes, so a stored event that differs from the log's at its seq came from another
     * log (one that was not loaded back when the cluster started again).
     */
    public boolean sameEntryAs(CommittedEvent other) {
        return other != null && seq == other.seq && epoch == other.epoch && originServer.equals(other.originServer)
                && clientId.equals(other.clientId) && clientEventId == other.clientEventId
                && Arrays.equals(payload, other.payload);
    }

    /** Roughly what the event holds in memory while it waits to be written. */
    int sizeEstimate() {
        return payload.length + OVERHEAD_BYTES;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommittedEvent e && sameEntryAs(e) && Objects.equals(roomKey, e.roomKey)
                && Objects.equals(room, e.room) && Objects.equals(nick, e.nick);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq);
    }

    @Override
    public String toString() {
        return "(" + epoch + "," + seq + " " + originServer + " " + clientId + "#" + clientEventId
                + (room == null ? "" : " " + room + " <" + nick + ">") + ", " + payload.length + " bytes)";
    }
}
