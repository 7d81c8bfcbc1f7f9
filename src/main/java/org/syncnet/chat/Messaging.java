package org.syncnet.chat;

import java.util.List;
import org.syncnet.chat.ChatEvent.MessagePosted;
import org.syncnet.chat.ChatEvent.PrivateMessage;
import org.syncnet.chat.ChatOutcome.Duplicate;
import org.syncnet.chat.ChatOutcome.Posted;
import org.syncnet.chat.ChatOutcome.PrivateSent;
import org.syncnet.chat.ChatOutcome.Rejected;

/**
 * Room and private messages in {@link ChatState}. Rules:
 * <ul>
 *   <li>A message (room or private) whose sender (by nick) and client event id match one of the last
 *       {@link ChatLimits#SENT_WINDOW} messages is a resend — typically by a client that reconnected to another
 *       server, where the log's own deduplication, keyed by connection, cannot recognize it. It is not sent again;
 *       only the sender hears of the original ({@link Duplicate}), as its confirmation, before any other check (the
 *       original was posted, whatever the sender may do now). Clients must therefore not reuse an event id (the
 *       browser client uses a random prefix per page and a counter).</li>
 *   <li>Who may post to a room is {@link ChannelModeration#postRefusal}'s to say; a poster that is not a member
 *       ({@code -n}) is told of its post like the members. A room message goes to the room's history
 *       ({@link RoomRegistry#record}).</li>
 *   <li>A private message needs its target online ({@code NO_SUCH_NICK}).</li>
 * </ul>
 */
final class Messaging {
    private final ClientRegistry clients;
    private final RoomRegistry rooms;
    final SentMessages sent = new SentMessages(ChatLimits.SENT_WINDOW);

    Messaging(ClientRegistry clients, RoomRegistry rooms) {
        this.clients = clients;
        this.rooms = rooms;
    }

    List<ChatOutcome> post(long seq, Client c, MessagePosted e) {
        Duplicate resend = resend(c, e.clientEventId(), e.text());
        if (resend != null) {
            return List.of(resend);
        }
        RoomState room = rooms.get(e.room());
        ErrorCode refusal = ChannelModeration.postRefusal(c, room);
        if (refusal != null) {
            return List.of(new Rejected(c.id, refusal, e.room(), e.clientEventId()));
        }
        HistoryEntry entry = new HistoryEntry(seq, room.name, c.member(), e.text(), e.time(), e.clientEventId(),
                e.notice());
        rooms.record(room, entry);
        sent.add(c.nick, e.clientEventId(), new SentMessages.Sent(seq, room.name, null, c.member(), e.time()));
        return List.of(new Posted(entry, room.audienceAnd(c.id)));
    }

    List<ChatOutcome> privateMessage(long seq, Client c, PrivateMessage e) {
        Duplicate resend = resend(c, e.clientEventId(), e.text());
        if (resend != null) {
            return List.of(resend);
        }
        Client target = clients.byNick(e.target());
        if (target == null) {
            return List.of(new Rejected(c.id, ErrorCode.NO_SUCH_NICK, e.target(), e.clientEventId()));
        }
        sent.add(c.nick, e.clientEventId(), new SentMessages.Sent(seq, null, target.nick, c.member(), e.time()));
        return List.of(new PrivateSent(seq, c.member(), target.member(), e.text(), e.time(), e.clientEventId(),
                e.notice()));
    }

    /** A resend of a message this nick already sent with this id (the text is the resend's: it is the same). */
    private Duplicate resend(Client c, String clientEventId, String text) {
        SentMessages.Sent earlier = sent.find(c.nick, clientEventId);
        return earlier == null ? null : new Duplicate(c.id, new HistoryEntry(earlier.seq(), earlier.room(),
                earlier.sender(), text, earlier.time(), clientEventId), earlier.recipient());
    }
}
