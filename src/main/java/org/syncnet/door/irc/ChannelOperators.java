package org.syncnet.door.irc;

import org.syncnet.chat.ChannelView;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.RoomMember;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * Who may act as a channel's operator, checked at the door as the state will check it (so a plain member's MODE or
 * KICK is answered at once and never logged): a member with {@code @}, or a server operator, member or not. The
 * state decides again when the event commits.
 */
final class ChannelOperators {
    private ChannelOperators() {
    }

    static boolean isOperator(ChannelView room, ClientId client, ChatState state) {
        RoomMember m = ChannelStatus.member(room, client);
        return (m != null && m.op()) || state.isOperator(client);
    }

    /** Null if {@code client} may act as operator of {@code room}; else 442 (not in it) or 482. */
    static IrcMessage refusal(ChannelView room, ClientId client, ChatState state, Replies replies) {
        if (isOperator(room, client, state)) {
            return null;
        }
        return ChannelStatus.member(room, client) == null
                ? replies.standard(IrcNumeric.ERR_NOTONCHANNEL, room.name())
                : replies.standard(IrcNumeric.ERR_CHANOPRIVSNEEDED, room.name());
    }
}
