package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.syncnet.chat.ChannelView;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.ListEntry;
import org.syncnet.chat.Member;
import org.syncnet.chat.ModeChange;
import org.syncnet.chat.RoomMember;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * MODE on a channel. The queries are answered from the state at once: {@code MODE #room} with 324 (the key only to
 * members, as ircds do; others see {@code +k} without it) and 329 (creation time in seconds, when the room has one),
 * {@code MODE #room b|e|I} with the list (367/368, 348/349, 346/347: mask, setter, time in seconds; the exception and
 * invite-exception lists only to the room's operators and server operators, as charybdis-style servers keep them,
 * else 482).
 * <p>
 * Changes become {@link ChatEvent.ModesChanged} events, {@link ChatLimits#MAX_MODE_CHANGES} changes to an event (a
 * MODE with more, which {@link ModeRequest} bounds to 10, is logged as up to three events in order; each comes back
 * as its own MODE line). The door answers what is wrong in the request itself or cheap to see, and logs nothing for
 * it: 403 (no such room), 472 (unknown letter), 696 (argument missing, or not valid for its letter; 525 for a key),
 * 442/482 (not allowed to change modes, once per MODE), 401/441 (an {@code o}/{@code v} nick not online or not in the
 * room). Everything else — and all of it again, since the state may change before the event commits — the state
 * decides; its refusals come back as outcomes ({@link ChannelRefusals}).
 */
final class ChannelModes {
    private final ClientId me;
    private final Replies replies;
    private final ChannelRefusals refusals;

    ChannelModes(ClientId me, Replies replies) {
        this.me = me;
        this.replies = replies;
        this.refusals = new ChannelRefusals(replies);
    }

    /** Whether {@code MODE} names a channel (else it is about user modes, see {@link Modes}). */
    static boolean isChannelMode(IrcMessage m) {
        return m.param(0) != null && m.param(0).startsWith("#");
    }

    IrcSession.Reply mode(IrcMessage m, ChatState state, long nowMillis) {
        ReplyBuilder out = new ReplyBuilder();
        String name = m.param(0);
        Optional<ChannelView> found = ChatLimits.isValidRoom(name) ? state.channel(name) : Optional.empty();
        if (found.isEmpty()) {
            return out.send(replies.standard(IrcNumeric.ERR_NOSUCHCHANNEL, name)).build();
        }
        ChannelView room = found.get();
        String modes = m.param(1);
        if (modes == null || modes.isEmpty()) {
            return out.send(modeIs(room)).build();
        }
        List<ModeRequest.Item> items = ModeRequest.parse(modes, m.params().subList(2, m.params().size()),
                ChannelModeTypes.ANNOUNCED);
        // Asked once: a change by someone who may not make it is answered once (442/482), and no change is looked at.
        IrcMessage denied = ChannelOperators.refusal(room, me, state, replies);
        boolean deniedSaid = false;
        List<ModeChange> changes = new ArrayList<>();
        for (ModeRequest.Item item : items) {
            if (item instanceof ModeRequest.Unknown u) {
                out.send(replies.standard(IrcNumeric.ERR_UNKNOWNMODE, String.valueOf(u.letter())));
            } else if (item instanceof ModeRequest.ListQuery q) {
                out.send(list(room, q.letter(), state));
            } else if (denied != null) {
                if (!deniedSaid) {
                    out.send(denied);
                    deniedSaid = true;
                }
            } else if (item instanceof ModeRequest.BadArgument b) {
                out.send(badArgument(room, b));
            } else if (item instanceof ModeRequest.Change c) {
                IrcMessage wrong = statusTargetRefusal(room, c.change(), state);
                if (wrong != null) {
                    out.send(wrong);
                } else {
                    changes.add(c.change());
                }
            }
        }
        long time = Math.max(0, nowMillis);
        for (int i = 0; i < changes.size(); i += ChatLimits.MAX_MODE_CHANGES) {
            List<ModeChange> part = changes.subList(i, Math.min(changes.size(), i + ChatLimits.MAX_MODE_CHANGES));
            out.log(new ChatEvent.ModesChanged(me, room.name(), part, time));
        }
        return out.build();
    }

    /** 324 and, if the room knows when it was created, 329. */
    private List<IrcMessage> modeIs(ChannelView room) {
        List<String> params = new ArrayList<>(List.of(room.name(), room.modes()));
        if (!room.key().isEmpty() && ChannelStatus.member(room, me) != null) {
            params.add(room.key());
        }
        if (room.limit() > 0) {
            params.add(String.valueOf(room.limit()));
        }
        List<IrcMessage> out = new ArrayList<>();
        out.add(replies.numeric(IrcNumeric.RPL_CHANNELMODEIS, params.toArray(String[]::new)));
        if (room.created() > 0) {
            out.add(replies.numeric(IrcNumeric.RPL_CREATIONTIME, room.name(), String.valueOf(room.created() / 1000)));
        }
        return out;
    }

    private List<IrcMessage> list(ChannelView room, char letter, ChatState state) {
        IrcNumeric entry;
        IrcNumeric end;
        List<ListEntry> entries;
        switch (letter) {
            case 'b' -> {
                entry = IrcNumeric.RPL_BANLIST;
                end = IrcNumeric.RPL_ENDOFBANLIST;
                entries = room.bans();
            }
            case 'e' -> {
                entry = IrcNumeric.RPL_EXCEPTLIST;
                end = IrcNumeric.RPL_ENDOFEXCEPTLIST;
                entries = room.exceptions();
            }
            default -> {
                entry = IrcNumeric.RPL_INVEXLIST;
                end = IrcNumeric.RPL_ENDOFINVEXLIST;
                entries = room.inviteExceptions();
            }
        }
        if (letter != 'b' && !ChannelOperators.isOperator(room, me, state)) {
            return List.of(replies.standard(IrcNumeric.ERR_CHANOPRIVSNEEDED, room.name()));
        }
        List<IrcMessage> out = new ArrayList<>();
        for (ListEntry e : entries) {
            out.add(replies.numeric(entry, room.name(), e.mask(), e.setBy(), String.valueOf(e.time() / 1000)));
        }
        out.add(replies.standard(end, room.name()));
        return out;
    }

    /** An {@code o}/{@code v} nick with a bad syntax is no nick (401); other letters get 696 (or 525). */
    private IrcMessage badArgument(ChannelView room, ModeRequest.BadArgument b) {
        if (b.argument() != null && ChannelModeTypes.ANNOUNCED.of(b.letter()) == ChannelModeTypes.Type.STATUS) {
            return replies.standard(IrcNumeric.ERR_NOSUCHNICK, b.argument());
        }
        return refusals.badArgument(room.name(), b.letter(), b.argument());
    }

    /** For {@code +o nick} and the like: 401 if nobody has the nick, 441 if its holder is not in the room. */
    private IrcMessage statusTargetRefusal(ChannelView room, ModeChange c, ChatState state) {
        if (ChannelModeTypes.ANNOUNCED.of(c.mode()) != ChannelModeTypes.Type.STATUS) {
            return null;
        }
        Optional<Member> target = state.memberByNick(c.argument());
        if (target.isEmpty()) {
            return replies.standard(IrcNumeric.ERR_NOSUCHNICK, c.argument());
        }
        RoomMember in = ChannelStatus.member(room, target.get().client());
        return in != null ? null
                : replies.standard(IrcNumeric.ERR_USERNOTINCHANNEL, target.get().nick(), room.name());
    }
}
