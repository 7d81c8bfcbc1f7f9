package org.syncnet.door.irc;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.syncnet.chat.Casemapping;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * The commands that change the chat — JOIN, PART, PRIVMSG, NOTICE, TOPIC (set) and AWAY — turned into
 * {@link ChatEvent}s for the log. Their effects come back later as outcomes; here they are only checked: what the
 * chat would refuse for its syntax is answered at once, and so is what the state already shows to be wrong (not a
 * member, no such nick), which is cheap. The log's own refusals still arrive as outcomes, since the state may change
 * between this check and the commit. Channel modes ({@code +m}, bans, {@code +i/+k/+l}, {@code +t}) are left to
 * the state, whose refusals come back as 404 with the reason, 471/473/474/475 and 482 ({@link ChannelRefusals}).
 * <p>
 * Joins this connection sent and the log has not applied yet count as memberships, so a client (or a script
 * piping {@code JOIN #a} and {@code PRIVMSG #a :hi} in one go) is not refused a message to a room it is joining: the
 * log keeps one connection's events in order.
 */
final class ChatCommands {
    private final ClientId me;
    private final Replies replies;
    private final EventIds ids;
    /** Folded names of rooms joined but not yet confirmed; at most {@link ChatLimits#MAX_ROOMS_PER_CLIENT}. */
    private final Set<String> pendingJoins = new HashSet<>();

    ChatCommands(ClientId me, Replies replies) {
        this.me = me;
        this.replies = replies;
        this.ids = new EventIds(me);
    }

    /** The log answered a join of {@code room} (joined, or refused): it no longer counts as pending. */
    void joinSettled(String room) {
        pendingJoins.remove(Casemapping.fold(room));
    }

    /**
     * The log refused the client as not registered (its claim failed, so every event behind it fails): no join of
     * it is pending any more, and such a refusal does not name the room.
     */
    void forgetPendingJoins() {
        pendingJoins.clear();
    }

    /**
     * {@code JOIN #a,#b [key1,key2]} or {@code JOIN 0}: leave every room. Keys pair with rooms by position; a key
     * that cannot be valid goes to the log as none (it could not match). {@code nowMillis} becomes the creation time
     * of a room the join creates.
     */
    IrcSession.Reply join(IrcMessage m, ChatState state, long nowMillis) {
        ReplyBuilder out = new ReplyBuilder();
        String list = m.param(0);
        if (list == null || list.isEmpty()) {
            return out.send(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "JOIN")).build();
        }
        if (list.equals("0")) {
            for (String room : state.roomsOf(me)) {
                out.log(new ChatEvent.RoomLeft(me, room, ""));
            }
            pendingJoins.clear();
            return out.build();
        }
        Set<String> in = Rooms.foldedRoomsOf(state, me);
        Set<String> counted = new HashSet<>(in);
        counted.addAll(pendingJoins);
        String[] rooms = list.split(",", -1);
        String[] keys = m.param(1) == null ? new String[0] : m.param(1).split(",", -1);
        for (int i = 0; i < rooms.length; i++) {
            String room = rooms[i];
            String key = Casemapping.fold(room);
            String roomKey = i < keys.length && ChatLimits.isValidKey(keys[i]) ? keys[i] : "";
            if (room.isEmpty()) {
                continue;
            } else if (!ChatLimits.isValidRoom(room)) {
                out.send(replies.numeric(IrcNumeric.ERR_NOSUCHCHANNEL, room, "Illegal channel name"));
            } else if (counted.contains(key)) {
                continue;  // already in it, or joining: IRC says nothing
            } else if (counted.size() >= ChatLimits.MAX_ROOMS_PER_CLIENT) {
                out.send(replies.standard(IrcNumeric.ERR_TOOMANYCHANNELS, room));
            } else {
                counted.add(key);
                pendingJoins.add(key);
                out.log(new ChatEvent.RoomJoined(me, room, roomKey, Math.max(0, nowMillis)));
            }
        }
        return out.build();
    }

    /** {@code PART #a,#b [:reason]}. */
    IrcSession.Reply part(IrcMessage m, ChatState state) {
        ReplyBuilder out = new ReplyBuilder();
        String list = m.param(0);
        if (list == null || list.isEmpty()) {
            return out.send(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "PART")).build();
        }
        String reason = m.param(1) == null ? "" : IrcText.clean(m.param(1), ChatLimits.MAX_REASON_BYTES);
        Set<String> in = Rooms.foldedRoomsOf(state, me);
        for (String room : Targets.split(list)) {
            IrcMessage refusal = membershipRefusal(room, in, state, IrcNumeric.ERR_NOTONCHANNEL);
            if (refusal != null) {
                out.send(refusal);
            } else {
                pendingJoins.remove(Casemapping.fold(room));  // a later JOIN of it must go to the log again
                out.log(new ChatEvent.RoomLeft(me, room, reason));
            }
        }
        return out.build();
    }

    /**
     * {@code PRIVMSG}/{@code NOTICE target[,target...] :text} to rooms and nicks, at most
     * {@link WelcomeBurst#MAX_MESSAGE_TARGETS} targets. A NOTICE is never answered with an error (RFC 2812: no
     * automatic replies to notices, so two bots cannot loop).
     */
    IrcSession.Reply message(IrcMessage m, boolean notice, ChatState state, long nowMillis) {
        ReplyBuilder out = new ReplyBuilder();
        String command = notice ? "NOTICE" : "PRIVMSG";
        String list = m.param(0);
        if (list == null || list.isEmpty() || Targets.split(list).isEmpty()) {
            String text = IrcNumeric.ERR_NORECIPIENT.text() + " (" + command + ")";
            return errorUnlessNotice(out, notice, replies.numeric(IrcNumeric.ERR_NORECIPIENT, text));
        }
        String text = m.param(1) == null ? "" : IrcText.clean(m.param(1), ChatLimits.MAX_TEXT_BYTES);
        if (text.isEmpty()) {
            return errorUnlessNotice(out, notice, replies.standard(IrcNumeric.ERR_NOTEXTTOSEND));
        }
        List<String> targets = Targets.split(list);
        Set<String> in = Rooms.foldedRoomsOf(state, me);
        long time = Math.max(0, nowMillis);
        for (int i = 0; i < targets.size(); i++) {
            String target = targets.get(i);
            IrcMessage refusal;
            if (i >= WelcomeBurst.MAX_MESSAGE_TARGETS) {
                refusal = replies.standard(IrcNumeric.ERR_TOOMANYTARGETS, target);
            } else if (target.startsWith("#")) {
                refusal = membershipRefusal(target, in, state, IrcNumeric.ERR_CANNOTSENDTOCHAN);
                if (refusal != null && Rooms.acceptsOutsiders(state, target)) {
                    refusal = null;  // a -n room: anyone may post (looked up only for non-members: messages are hot)
                }
                if (refusal == null) {
                    out.log(new ChatEvent.MessagePosted(me, target, text, ids.next(notice), time, notice));
                }
            } else if (ChatLimits.isValidNick(target) && state.isNickTaken(target)) {
                refusal = null;
                out.log(new ChatEvent.PrivateMessage(me, target, text, ids.next(notice), time, notice));
            } else {
                refusal = replies.standard(IrcNumeric.ERR_NOSUCHNICK, target);
            }
            if (refusal != null && !notice) {
                out.send(refusal);
            }
        }
        return out.build();
    }

    /** {@code TOPIC #room :topic} (an empty topic clears it); the query form is a {@link ChannelQueries} matter. */
    IrcSession.Reply setTopic(String room, String topic, ChatState state) {
        ReplyBuilder out = new ReplyBuilder();
        Set<String> in = Rooms.foldedRoomsOf(state, me);
        IrcMessage refusal = membershipRefusal(room, in, state, IrcNumeric.ERR_NOTONCHANNEL);
        if (refusal != null) {
            return out.send(refusal).build();
        }
        return out.log(new ChatEvent.TopicSet(me, room, IrcText.clean(topic, ChatLimits.MAX_TOPIC_BYTES))).build();
    }

    /** {@code AWAY :message} marks the client away, {@code AWAY} alone back. */
    IrcSession.Reply away(IrcMessage m) {
        String message = m.param(0) == null ? "" : IrcText.clean(m.param(0), ChatLimits.MAX_AWAY_BYTES);
        return new ReplyBuilder().log(new ChatEvent.AwaySet(me, message)).build();
    }

    /**
     * Null if the client is in {@code room} (or joining it); else why not: 403 for a bad name or a room that does not
     * exist, {@code notMember} (442 or 404) for a room it is not in.
     */
    private IrcMessage membershipRefusal(String room, Set<String> in, ChatState state, IrcNumeric notMember) {
        if (!ChatLimits.isValidRoom(room)) {
            return replies.standard(IrcNumeric.ERR_NOSUCHCHANNEL, room);
        }
        String key = Casemapping.fold(room);
        if (in.contains(key) || pendingJoins.contains(key)) {
            return null;
        }
        return Rooms.exists(state, room) ? replies.standard(notMember, room)
                : replies.standard(IrcNumeric.ERR_NOSUCHCHANNEL, room);
    }

    private static IrcSession.Reply errorUnlessNotice(ReplyBuilder out, boolean notice, IrcMessage error) {
        return notice ? out.build() : out.send(error).build();
    }
}
