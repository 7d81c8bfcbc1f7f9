package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.syncnet.chat.ChannelView;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Member;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * KICK and INVITE turned into {@link ChatEvent.Kicked} and {@link ChatEvent.Invited} events, with the checks the
 * state will make done first where the state already shows the answer (as modern.ircdocs.horse orders them): 461,
 * 403, 442, 482, then 401 and 441 (KICK) or 443 (INVITE). The state decides again when the event commits.
 * <ul>
 *   <li>{@code KICK #room nick[,nick...] [:reason]}: at most {@link #MAX_KICK_TARGETS} nicks (announced as TARGMAX;
 *       further ones are dropped, as the spec allows), one event each; the reason defaults to the kicker's nick.</li>
 *   <li>{@code INVITE nick #room}: on {@code +i} only the room's operators and server operators may invite. Without
 *       parameters, the rooms the client holds an invite to (336 each, then 337).</li>
 * </ul>
 */
final class ChannelModeration {
    /** Nicks one KICK may name: bounds what one line puts into the log. */
    static final int MAX_KICK_TARGETS = 4;

    private final ClientId me;
    private final Replies replies;

    ChannelModeration(ClientId me, Replies replies) {
        this.me = me;
        this.replies = replies;
    }

    IrcSession.Reply kick(IrcMessage m, ChatState state) {
        ReplyBuilder out = new ReplyBuilder();
        String name = m.param(0);
        List<String> nicks = m.param(1) == null ? List.of() : Targets.split(m.param(1));
        if (name == null || name.isEmpty() || nicks.isEmpty()) {
            return out.send(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "KICK")).build();
        }
        Optional<ChannelView> found = ChatLimits.isValidRoom(name) ? state.channel(name) : Optional.empty();
        if (found.isEmpty()) {
            return out.send(replies.standard(IrcNumeric.ERR_NOSUCHCHANNEL, name)).build();
        }
        ChannelView room = found.get();
        IrcMessage denied = ChannelOperators.refusal(room, me, state, replies);
        if (denied != null) {
            return out.send(denied).build();
        }
        String reason = m.param(2) == null ? "" : IrcText.clean(m.param(2), ChatLimits.MAX_REASON_BYTES).trim();
        if (reason.isEmpty()) {
            reason = replies.target();  // the kicker's nick, as ircds default
        }
        for (String nick : nicks.subList(0, Math.min(MAX_KICK_TARGETS, nicks.size()))) {
            Optional<Member> target = online(nick, state);
            if (target.isEmpty()) {
                out.send(replies.standard(IrcNumeric.ERR_NOSUCHNICK, nick));
            } else if (ChannelStatus.member(room, target.get().client()) == null) {
                out.send(replies.standard(IrcNumeric.ERR_USERNOTINCHANNEL, target.get().nick(), room.name()));
            } else {
                out.log(new ChatEvent.Kicked(me, room.name(), target.get().nick(), reason));
            }
        }
        return out.build();
    }

    IrcSession.Reply invite(IrcMessage m, ChatState state) {
        ReplyBuilder out = new ReplyBuilder();
        if (m.params().isEmpty()) {
            return out.send(invites(state)).build();
        }
        String nick = m.param(0);
        String name = m.param(1);
        if (name == null || name.isEmpty() || nick.isEmpty()) {
            return out.send(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "INVITE")).build();
        }
        Optional<ChannelView> found = ChatLimits.isValidRoom(name) ? state.channel(name) : Optional.empty();
        if (found.isEmpty()) {
            return out.send(replies.standard(IrcNumeric.ERR_NOSUCHCHANNEL, name)).build();
        }
        ChannelView room = found.get();
        Optional<Member> target = online(nick, state);
        IrcMessage refusal;
        if (ChannelStatus.member(room, me) == null) {
            refusal = replies.standard(IrcNumeric.ERR_NOTONCHANNEL, room.name());
        } else if (room.modes().indexOf('i') >= 0 && !ChannelOperators.isOperator(room, me, state)) {
            refusal = replies.standard(IrcNumeric.ERR_CHANOPRIVSNEEDED, room.name());
        } else if (target.isEmpty()) {
            refusal = replies.standard(IrcNumeric.ERR_NOSUCHNICK, nick);
        } else if (ChannelStatus.member(room, target.get().client()) != null) {
            refusal = replies.standard(IrcNumeric.ERR_USERONCHANNEL, target.get().nick(), room.name());
        } else {
            return out.log(new ChatEvent.Invited(me, room.name(), target.get().nick())).build();
        }
        return out.send(refusal).build();
    }

    /** {@code INVITE} alone: 336 for each room the client may join on an invite, then 337. */
    private List<IrcMessage> invites(ChatState state) {
        List<IrcMessage> out = new ArrayList<>();
        for (String room : state.invitesOf(me)) {
            out.add(replies.numeric(IrcNumeric.RPL_INVITELIST, room));
        }
        out.add(replies.standard(IrcNumeric.RPL_ENDOFINVITELIST));
        return out;
    }

    private static Optional<Member> online(String nick, ChatState state) {
        return ChatLimits.isValidNick(nick) ? state.memberByNick(nick) : Optional.empty();
    }
}
