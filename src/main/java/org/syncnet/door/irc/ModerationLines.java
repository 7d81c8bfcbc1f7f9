package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.door.irc.CapNegotiation.Cap;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * The lines one connection gets for the outcomes of channel operators' acts: MODE changes ({@link ModeLines}),
 * KICK (to the whole room, the kicked member included, with the kicker's nick as reason if it gave none) and INVITE:
 * the inviter gets 341 (and 301 if the invited user is away), the invited user the INVITE line, and the room's
 * operators the same line only if they negotiated {@code invite-notify} (IRCv3), as the state tells them all.
 */
final class ModerationLines {
    private final ClientId me;
    private final Replies replies;
    private final CapNegotiation caps;

    ModerationLines(ClientId me, Replies replies, CapNegotiation caps) {
        this.me = me;
        this.replies = replies;
        this.caps = caps;
    }

    List<IrcMessage> modesChanged(ChatOutcome.ModesChanged o) {
        return ModeLines.lines(o.by().mask(), o.room(), o.applied());
    }

    List<IrcMessage> kicked(ChatOutcome.Kicked o) {
        String reason = o.reason().isEmpty() ? o.by().nick() : o.reason();
        return List.of(IrcMessage.of(o.by().mask(), "KICK", o.room(), o.target().nick(), reason));
    }

    List<IrcMessage> invited(ChatOutcome.Invited o, ChatState state) {
        List<IrcMessage> out = new ArrayList<>();
        if (o.by().client().equals(me)) {
            out.add(replies.numeric(IrcNumeric.RPL_INVITING, o.target().nick(), o.room()));
            state.profile(o.target().client()).filter(p -> !p.away().isEmpty()).ifPresent(p ->
                    out.add(replies.numeric(IrcNumeric.RPL_AWAY, p.member().nick(), p.away())));
        } else if (o.target().client().equals(me) || caps.has(Cap.INVITE_NOTIFY)) {
            out.add(IrcMessage.of(o.by().mask(), "INVITE", o.target().nick(), o.room()));
        }
        return out;
    }
}
