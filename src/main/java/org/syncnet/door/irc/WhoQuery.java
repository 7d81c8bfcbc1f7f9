package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.syncnet.chat.Casemapping;
import org.syncnet.chat.ChannelView;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ChatState.Profile;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Member;
import org.syncnet.chat.RoomMember;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * {@code WHO <mask> [o]} as modern.ircdocs.horse describes it, over every user of the cluster (both doors):
 * <ul>
 *   <li>a channel ({@code #…}): a 352 per member, with that channel in the channel field;</li>
 *   <li>an exact nick (no wildcard; any case): that one user;</li>
 *   <li>{@code 0}: every user; any other mask, with {@code *} and {@code ?} ({@link IrcMask}): every user whose nick,
 *       user name, host, server name or real name matches it, or whose {@code nick!user@host} does when the mask
 *       holds a {@code !} or {@code @} — the fields the common servers (ircu, hybrid, solanum) match. So {@code *}
 *       lists everyone too, and a name without wildcards that is no nick can still match a host or server.</li>
 * </ul>
 * Outside the channel form the channel field is a room the user is in — one the asker shares if any — or {@code *}.
 * The flags end with the user's status prefix in that room ({@code H@}, {@code G+}; all of them with
 * {@code multi-prefix}). A secret room ({@code +s}) is shown only to its members: WHO of it lists nobody to others,
 * and it is never another's channel field. An invisible user ({@code +i}) is listed by a mask or a room only to those
 * who share a room with it (and to server operators); an exact nick finds it. At most
 * {@link #MAX_REPLIES} 352s; then, and always, 315 with the mask as the client sent it. With {@code o} only server
 * operators are listed.
 */
final class WhoQuery {
    /** Bounds what one WHO sends: a cluster may have 10,000 users. */
    static final int MAX_REPLIES = 1000;

    private final IrcServerInfo server;
    private final Replies replies;
    private final ClientId me;
    private final ChannelStatus status;

    WhoQuery(IrcServerInfo server, Replies replies, ClientId me, ChannelStatus status) {
        this.server = server;
        this.replies = replies;
        this.me = me;
        this.status = status;
    }

    List<IrcMessage> who(IrcMessage m, ChatState state) {
        String mask = m.param(0);
        if (mask == null || mask.isEmpty()) {
            return List.of(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "WHO"));
        }
        Listing listing = new Listing(state, "o".equals(m.param(1)));
        if (mask.startsWith("#")) {
            Optional<ChannelView> room = state.channel(mask).filter(status::canSee);
            if (room.isPresent()) {
                for (RoomMember member : room.get().members()) {
                    state.profile(member.member().client()).filter(listing::visible)
                            .ifPresent(p -> listing.add(p, room.get(), member));
                }
            }
        } else {
            Optional<Profile> exact = IrcMask.hasWildcards(mask) ? Optional.empty()
                    : state.memberByNick(mask).flatMap(member -> state.profile(member.client()));
            if (exact.isPresent()) {
                listing.add(exact.get());
            } else {
                IrcMask pattern = mask.equals("0") ? null : new IrcMask(mask);
                boolean wholeMask = mask.indexOf('!') >= 0 || mask.indexOf('@') >= 0;
                for (Member member : state.members()) {
                    if (listing.full()) {
                        break;
                    }
                    state.profile(member.client()).filter(p -> pattern == null || matches(pattern, wholeMask, p))
                            .filter(listing::visible).ifPresent(listing::add);
                }
            }
        }
        listing.out.add(replies.standard(IrcNumeric.RPL_ENDOFWHO, mask));
        return listing.out;
    }

    private boolean matches(IrcMask pattern, boolean wholeMask, Profile p) {
        Member who = p.member();
        return pattern.matches(who.nick()) || pattern.matches(who.user()) || pattern.matches(who.host())
                || pattern.matches(server.ircNameOf(who.client().server())) || pattern.matches(p.realname())
                || (wholeMask && pattern.matches(who.mask()));
    }

    /** The 352s of one WHO, bounded. */
    private final class Listing {
        final List<IrcMessage> out = new ArrayList<>();
        private final ChatState state;
        private final boolean operatorsOnly;
        /** The asker's rooms (folded), read when first needed. */
        private Set<String> mine;
        /** Rooms looked at so far by folded name (a WHO of everyone would otherwise copy each room per member). */
        private final Map<String, ChannelView> rooms = new HashMap<>();

        Listing(ChatState state, boolean operatorsOnly) {
            this.state = state;
            this.operatorsOnly = operatorsOnly;
        }

        boolean full() {
            return out.size() >= MAX_REPLIES;
        }

        /** A 352 for the user of {@code p} in one of its rooms. */
        void add(Profile p) {
            if (wanted(p)) {
                ChannelView room = roomOf(p.member().client());
                out.add(reply(room, room == null ? null : ChannelStatus.member(room, p.member().client()), p));
            }
        }

        /** A 352 for the user of {@code p}, with {@code channel} where it is {@code in}. */
        void add(Profile p, ChannelView channel, RoomMember in) {
            if (wanted(p)) {
                out.add(reply(channel, in, p));
            }
        }

        /**
         * Whether a mask or a room's WHO lists {@code p}: an invisible user ({@code +i}) only to itself, to those who
         * share a room with it and to server operators (an exact nick always finds it).
         */
        boolean visible(Profile p) {
            ClientId who = p.member().client();
            if (p.userModes().indexOf('i') < 0 || who.equals(me) || state.isOperator(me)) {
                return true;
            }
            for (String room : state.roomsOf(who)) {
                if (mine().contains(Casemapping.fold(room))) {
                    return true;
                }
            }
            return false;
        }

        private boolean wanted(Profile p) {
            return !full() && (!operatorsOnly || state.isOperator(p.member().client()));
        }

        private IrcMessage reply(ChannelView channel, RoomMember in, Profile p) {
            Member who = p.member();
            String hops = who.client().server().equals(me.server()) ? "0" : "1";
            // H(ere) or G(one), then '*' for a server operator.
            String flags = (p.away().isEmpty() ? "H" : "G")
                    + (state.isOperator(who.client()) ? "*" : "");
            flags += in == null ? "" : status.prefix(in);
            return replies.numeric(IrcNumeric.RPL_WHOREPLY, channel == null ? "*" : channel.name(), who.user(),
                    who.host(), server.ircNameOf(who.client().server()), who.nick(), flags,
                    hops + " " + p.realname());
        }

        /**
         * A room {@code client} is in that the asker may see, preferring one the asker shares; null if there is
         * none.
         */
        private ChannelView roomOf(ClientId client) {
            List<String> names = state.roomsOf(client);
            if (names.isEmpty()) {
                return null;
            }
            ChannelView first = null;
            for (String name : names) {
                String key = Casemapping.fold(name);
                if (mine().contains(key)) {
                    return room(key, name);
                }
                ChannelView room = first == null ? room(key, name) : null;
                if (room != null && status.canSee(room)) {
                    first = room;
                }
            }
            return first;
        }

        private Set<String> mine() {
            if (mine == null) {
                mine = Rooms.foldedRoomsOf(state, me);
            }
            return mine;
        }

        private ChannelView room(String key, String name) {
            return rooms.computeIfAbsent(key, k -> state.channel(name).orElse(null));
        }
    }
}
