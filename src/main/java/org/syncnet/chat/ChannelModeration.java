package org.syncnet.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.syncnet.chat.ChatEvent.Invited;
import org.syncnet.chat.ChatEvent.Kicked;
import org.syncnet.chat.ChatEvent.ModesChanged;
import org.syncnet.chat.ChatEvent.TopicSet;
import org.syncnet.chat.ChatOutcome.Rejected;
import org.syncnet.chat.ChatOutcome.TopicChanged;

/**
 * Channel operators and modes in {@link ChatState}: who may join, post and set the topic, and MODE, KICK and
 * INVITE. Letters as ISUPPORT announces them: {@code CHANMODES=beI,k,l,imnst}, {@code PREFIX=(ov)@+}; "server
 * operator" is a client with user mode {@code o} ({@link ServerOperatorActions}); who becomes a room's operator
 * on joining is {@link RoomRegistry}'s rule. Rules:
 * <ul>
 *   <li>Joining an existing room, for a client that is not a server operator (who passes all), is refused in this
 *       order: {@code BANNED} if its {@code nick!user@host} matches a ban and no exception (an invite does not lift
 *       a ban); {@code INVITE_ONLY} on {@code +i} unless invited or matching an invite exception; {@code BAD_KEY} on
 *       {@code +k} when the key differs (exact, case-sensitive) unless invited; {@code CHANNEL_FULL} on {@code +l}
 *       when the members reach the limit unless invited. A join uses up the joiner's invite to the room.</li>
 *   <li>Posting to a room (after a resend is confirmed, {@link Messaging}): on {@code +n} only members post
 *       ({@code NOT_IN_ROOM}, also for a room that does not exist); on {@code -n} anyone may. Unless the sender is
 *       {@code @} or {@code +} there or a server operator: {@code +m} refuses it ({@code MODERATED}), then a ban
 *       without exception ({@code BANNED}).</li>
 *   <li>Only members set the topic ({@code NOT_IN_ROOM}); on {@code +t} only its operators and server operators
 *       ({@code NOT_OPERATOR}).</li>
 *   <li>Modes are changed by a member with {@code @}, or a server operator, member or not ({@code NO_SUCH_ROOM},
 *       {@code NOT_IN_ROOM}, {@code NOT_OPERATOR}); each change then on its own, in order, by {@link ModeApplier}:
 *       an unknown letter is {@code UNKNOWN_MODE}; {@code o}/{@code v} need an online nick ({@code NO_SUCH_NICK})
 *       in the room ({@code NOT_IN_THAT_ROOM}); {@code +k} a valid key ({@link ChatLimits#isValidKey}), while
 *       {@code -k} clears whatever its argument; {@code +l} 1 to {@link ChatLimits#MAX_LIMIT}; {@code b}/{@code e}/
 *       {@code I} a mask ({@link BanMask#normalize}), and a full list refuses a new one ({@code LIST_FULL}); a
 *       missing or invalid argument is {@code INVALID_MODE_ARGUMENT}. A change that changes nothing is dropped
 *       silently. The refusals come first, one per failed change in order, then one {@code ModesChanged} with the
 *       changes that took effect (if any), to the members and a non-member setter.</li>
 *   <li>KICK: by a member with {@code @} or a server operator; the target must be online ({@code NO_SUCH_NICK}) and
 *       in the room ({@code NOT_IN_THAT_ROOM}); told to the room before the target leaves it (and to a non-member
 *       kicker).</li>
 *   <li>INVITE: by a member ({@code NOT_IN_ROOM}; {@code NO_SUCH_ROOM} if there is no room), on {@code +i} only an
 *       operator or a server operator ({@code NOT_OPERATOR}); the target must be online and not in the room
 *       ({@code ALREADY_IN_ROOM}). The room remembers the invite (the newest
 *       {@link ChatLimits#MAX_INVITES_PER_ROOM}) until the target joins or is gone. Told to the inviter, the target
 *       and the room's operators.</li>
 * </ul>
 */
final class ChannelModeration {
    private final ClientRegistry clients;
    private final RoomRegistry rooms;

    ChannelModeration(ClientRegistry clients, RoomRegistry rooms) {
        this.clients = clients;
        this.rooms = rooms;
    }

    /** Why {@code c}, offering {@code key}, may not join the existing {@code room} (null: it may). */
    static ErrorCode joinRefusal(Client c, RoomState room, String key) {
        return c.oper ? null : room.joinRefusal(c.member(), key);
    }

    /**
     * Why {@code c} may not post to {@code room} (null: no such room), or null if it may: {@code +n}, then
     * {@code +m}, then a ban.
     */
    static ErrorCode postRefusal(Client c, RoomState room) {
        if (room == null || !room.members.containsKey(c.id) && room.modes.has('n')) {
            return ErrorCode.NOT_IN_ROOM;
        }
        if (c.oper || room.hasVoice(c.id)) {
            return null;
        }
        if (room.modes.has('m')) {
            return ErrorCode.MODERATED;
        }
        return room.modes.isBanned(c.member()) ? ErrorCode.BANNED : null;
    }

    List<ChatOutcome> topic(Client c, TopicSet e) {
        RoomState room = rooms.get(e.room());
        if (room == null || !room.members.containsKey(c.id)) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_IN_ROOM, e.room()));
        }
        if (room.modes.has('t') && !room.isOperator(c.id) && !c.oper) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_OPERATOR, room.name));
        }
        room.topic = e.topic();
        return List.of(new TopicChanged(room.name, c.member(), room.topic, room.audience()));
    }

    List<ChatOutcome> modes(Client c, ModesChanged e) {
        RoomState room = rooms.get(e.room());
        Rejected refused = operatorRefusal(c, room, e.room());
        if (refused != null) {
            return List.of(refused);
        }
        ModeApplier.Result result = ModeApplier.apply(room, c.member(), e.changes(), e.time(),
                clients::memberByNick);
        List<ChatOutcome> out = new ArrayList<>(result.refused());
        if (!result.applied().isEmpty()) {
            out.add(new ChatOutcome.ModesChanged(room.name, c.member(), result.applied(), room.audienceAnd(c.id)));
        }
        return out;
    }

    List<ChatOutcome> kick(Client c, Kicked e) {
        RoomState room = rooms.get(e.room());
        Rejected refused = operatorRefusal(c, room, e.room());
        if (refused != null) {
            return List.of(refused);
        }
        Client target = clients.byNick(e.targetNick());
        if (target == null) {
            return List.of(new Rejected(c.id, ErrorCode.NO_SUCH_NICK, e.targetNick()));
        }
        if (!room.members.containsKey(target.id)) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_IN_THAT_ROOM, target.nick + " " + room.name));
        }
        List<ClientId> to = room.audienceAnd(c.id);
        rooms.takeOut(target, room);
        return List.of(new ChatOutcome.Kicked(room.name, c.member(), target.member(), e.reason(), to));
    }

    List<ChatOutcome> invite(Client c, Invited e) {
        RoomState room = rooms.get(e.room());
        if (room == null) {
            return List.of(new Rejected(c.id, ErrorCode.NO_SUCH_ROOM, e.room()));
        }
        if (!room.members.containsKey(c.id)) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_IN_ROOM, room.name));
        }
        if (room.modes.has('i') && !room.isOperator(c.id) && !c.oper) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_OPERATOR, room.name));
        }
        Client target = clients.byNick(e.targetNick());
        if (target == null) {
            return List.of(new Rejected(c.id, ErrorCode.NO_SUCH_NICK, e.targetNick()));
        }
        if (room.members.containsKey(target.id)) {
            return List.of(new Rejected(c.id, ErrorCode.ALREADY_IN_ROOM, target.nick + " " + room.name));
        }
        room.invite(target.id);
        Set<ClientId> to = new LinkedHashSet<>();
        to.add(c.id);
        to.add(target.id);
        to.addAll(room.operatorsInJoinOrder());  // IRCv3 invite-notify
        return List.of(new ChatOutcome.Invited(room.name, c.member(), target.member(), new ArrayList<>(to)));
    }

    /** Why {@code c} may not act as operator of {@code room} (null: it may): a member with @, or a server operator. */
    private static Rejected operatorRefusal(Client c, RoomState room, String name) {
        if (room == null) {
            return new Rejected(c.id, ErrorCode.NO_SUCH_ROOM, name);
        }
        if (c.oper) {
            return null;
        }
        if (!room.members.containsKey(c.id)) {
            return new Rejected(c.id, ErrorCode.NOT_IN_ROOM, room.name);
        }
        return room.isOperator(c.id) ? null : new Rejected(c.id, ErrorCode.NOT_OPERATOR, room.name);
    }
}
