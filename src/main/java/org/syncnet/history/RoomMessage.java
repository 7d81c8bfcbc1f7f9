package org.syncnet.history;

import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatEventCodec;
import org.syncnet.chat.MalformedEventException;

/**
 * A room's message as the history API gives it: the fields of a WebSocket history entry (see docs/websocket-protocol.md) without the
 * sender's own event id. {@code time}: ms since 1970 on the accepting server's clock; {@code notice}: an IRC NOTICE.
 */
public record RoomMessage(long seq, String room, String nick, String text, long time, boolean notice) {
    /**
     * The message a stored room message holds: room and nick as stored, text, time and notice from its event bytes.
     *
     * @throws MalformedEventException if the event is not a room message
     */
    public static RoomMessage of(CommittedEvent e) throws MalformedEventException {
        if (!e.isRoomMessage()) {
            throw new MalformedEventException("seq " + e.seq() + " is not a room message");
        }
        if (!(ChatEventCodec.decode(e.payload()) instanceof ChatEvent.MessagePosted m)) {
            throw new MalformedEventException("seq " + e.seq() + " is stored as a message in " + e.room()
                    + " but its event is not one");
        }
        return new RoomMessage(e.seq(), e.room(), e.nick(), m.text(), m.time(), m.notice());
    }
}
