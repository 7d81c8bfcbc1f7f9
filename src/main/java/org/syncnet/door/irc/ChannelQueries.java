package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.Member;
import org.syncnet.chat.RoomSnapshot;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * NAMES, LIST and TOPIC (the query) answered from the chat state, which is the same on every server, so a client
 * sees every room of the cluster and every member wherever connected. All rooms are public: no query needs
 * membership. Also the 353/366 nick list a joiner gets.
 */
final class ChannelQueries {
    private final Replies replies;

    ChannelQueries(Replies replies) {
        this.replies = replies;
    }

    /**
     * 353 lines and the closing 366 for a room's members. Each 353 is filled with as many nicks as fit its 512 bytes:
     * a room name of 50 characters can take 197 bytes of UTF-8, so the room for nicks depends on the room.
     */
    List<IrcMessage> names(String room, List<Member> members) {
        List<String> nicks = new ArrayList<>(members.size());
        for (Member m : members) {
            nicks.add(m.nick());
        }
        List<IrcMessage> out = new ArrayList<>();
        for (String line : IrcText.chunk(nicks, replies.lastParamBudget(IrcNumeric.RPL_NAMREPLY, "=", room))) {
            out.add(replies.numeric(IrcNumeric.RPL_NAMREPLY, "=", room, line));
        }
        out.add(replies.standard(IrcNumeric.RPL_ENDOFNAMES, room));
        return out;
    }

    /**
     * {@code NAMES #a,#b}: each room's list; an unknown room gets only its 366. Without a parameter only the end
     * (366 *), as many servers answer, instead of every member of every room.
     */
    List<IrcMessage> names(IrcMessage m, ChatState state) {
        if (m.param(0) == null || m.param(0).isEmpty()) {
            return List.of(replies.standard(IrcNumeric.RPL_ENDOFNAMES, "*"));
        }
        List<IrcMessage> out = new ArrayList<>();
        for (String room : Targets.split(m.param(0))) {
            Optional<RoomSnapshot> r = Rooms.peek(state, room);
            if (r.isPresent()) {
                out.addAll(names(r.get().room(), r.get().members()));
            } else {
                out.add(replies.standard(IrcNumeric.RPL_ENDOFNAMES, room));
            }
        }
        return out;
    }

    /** {@code LIST [#a,#b]}: 321, a 322 per room (all rooms, or the named ones that exist), 323. */
    List<IrcMessage> list(IrcMessage m, ChatState state) {
        List<String> rooms = m.param(0) != null && m.param(0).startsWith("#") ? Targets.split(m.param(0))
                : state.rooms();  // no names (or ELIST conditions, which are not supported): every room
        List<IrcMessage> out = new ArrayList<>();
        out.add(replies.numeric(IrcNumeric.RPL_LISTSTART, "Channel", "Users  Name"));
        for (String room : rooms) {
            Rooms.peek(state, room).ifPresent(r -> out.add(replies.numeric(IrcNumeric.RPL_LIST, r.room(),
                    String.valueOf(r.members().size()), r.topic())));
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
