package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.syncnet.chat.ChannelView;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.Member;
import org.syncnet.chat.RoomMember;
import org.syncnet.chat.RoomSnapshot;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * NAMES, LIST and TOPIC (the query) answered from the chat state, which is the same on every server, so a client
 * sees every room of the cluster and every member wherever connected. No query needs membership, but a secret room
 * ({@code +s}) is shown only to its members: others get NAMES' 366 alone and do not find it in LIST, as ircds hide
 * it. Also the 353/366 nick list a joiner gets. Nicks carry their status prefixes ({@link ChannelStatus}), and 353's
 * channel type is {@code @} for a secret room, {@code =} for the others.
 */
final class ChannelQueries {
    private final Replies replies;
    private final ChannelStatus status;

    ChannelQueries(Replies replies, ChannelStatus status) {
        this.replies = replies;
        this.status = status;
    }

    /**
     * 353 lines and the closing 366 for a room's members. Each 353 is filled with as many nicks as fit its 512 bytes:
     * a room name of 50 characters can take 197 bytes of UTF-8, so the room for nicks depends on the room.
     */
    List<IrcMessage> names(String room, boolean secret, List<RoomMember> members) {
        List<String> nicks = new ArrayList<>(members.size());
        for (RoomMember m : members) {
            nicks.add(status.prefix(m) + m.member().nick());
        }
        String type = secret ? "@" : "=";
        List<IrcMessage> out = new ArrayList<>();
        for (String line : IrcText.chunk(nicks, replies.lastParamBudget(IrcNumeric.RPL_NAMREPLY, type, room))) {
            out.add(replies.numeric(IrcNumeric.RPL_NAMREPLY, type, room, line));
        }
        out.add(replies.standard(IrcNumeric.RPL_ENDOFNAMES, room));
        return out;
    }

    /** The names a joiner gets, from its join's snapshot (whether the room is secret the state says now). */
    List<IrcMessage> names(String room, RoomSnapshot joined, ChatState state) {
        List<RoomMember> members = new ArrayList<>(joined.members().size());
        for (Member m : joined.members()) {
            members.add(new RoomMember(m, joined.isOperator(m.client()), joined.isVoiced(m.client())));
        }
        return names(room, state.channel(room).map(ChannelStatus::isSecret).orElse(false), members);
    }

    /**
     * {@code NAMES #a,#b}: each room's list; an unknown room, or a secret one the client is not in, gets only its
     * 366. Without a parameter only the end (366 *), as many servers answer, instead of every member of every room.
     */
    List<IrcMessage> names(IrcMessage m, ChatState state) {
        if (m.param(0) == null || m.param(0).isEmpty()) {
            return List.of(replies.standard(IrcNumeric.RPL_ENDOFNAMES, "*"));
        }
        List<IrcMessage> out = new ArrayList<>();
        for (String room : Targets.split(m.param(0))) {
            Optional<ChannelView> r = state.channel(room).filter(status::canSee);
            if (r.isPresent()) {
                out.addAll(names(r.get().name(), ChannelStatus.isSecret(r.get()), r.get().members()));
            } else {
                out.add(replies.standard(IrcNumeric.RPL_ENDOFNAMES, room));
            }
        }
        return out;
    }

    /** {@code LIST [#a,#b]}: 321, a 322 per room (all rooms, or the named ones that exist) it may see, 323. */
    List<IrcMessage> list(IrcMessage m, ChatState state) {
        List<String> rooms = m.param(0) != null && m.param(0).startsWith("#") ? Targets.split(m.param(0))
                : state.rooms();  // no names (or ELIST conditions, which are not supported): every room
        List<IrcMessage> out = new ArrayList<>();
        out.add(replies.numeric(IrcNumeric.RPL_LISTSTART, "Channel", "Users  Name"));
        for (String room : rooms) {
            state.channel(room).filter(status::canSee).ifPresent(r -> out.add(replies.numeric(IrcNumeric.RPL_LIST,
                    r.name(), String.valueOf(r.members().size()), r.topic())));
        }
        out.add(replies.standard(IrcNumeric.RPL_LISTEND));
        return out;
    }

    /** {@code TOPIC #room}: 332 with the topic, 331 if none, 403 if there is no such room. */
    List<IrcMessage> topic(String room, ChatState state) {
        Optional<RoomSnapshot> r = Rooms.peek(state, room);
        if (r.isEmpty()) {
            return List.of(replies.standard(IrcNumeric.ERR_NOSUCHCHANNEL, room));
        }
        return List.of(topicReply(r.get().room(), r.get().topic()));
    }

    /** 332 or, for an empty topic, 331. */
    IrcMessage topicReply(String room, String topic) {
        return topic.isEmpty() ? replies.standard(IrcNumeric.RPL_NOTOPIC, room)
                : replies.numeric(IrcNumeric.RPL_TOPIC, room, topic);
    }
}
