package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.syncnet.chat.Casemapping;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ChatState.Profile;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Member;
import org.syncnet.chat.RoomSnapshot;
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
 * All rooms are public and {@code +i} is not chat state, so every user is visible. At most {@link #MAX_REPLIES}
 * 352s; then, and always, 315 with the mask as the client sent it. With {@code o} only server operators are listed.
 */
final class WhoQuery {
    /** Bounds what one WHO sends: a cluster may have 10,000 users. */
    static final int MAX_REPLIES = 1000;

    private final IrcServerInfo server;
    private final Replies replies;
    private final ClientId me;

    WhoQuery(IrcServerInfo server, Replies replies, ClientId me) {
        this.server = server;
        this.replies = replies;
        this.me = me;
    }

    List<IrcMessage> who(IrcMessage m, ChatState state) {
        String mask = m.param(0);
        if (mask == null || mask.isEmpty()) {
            return List.of(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "WHO"));
        }
        Listing listing = new Listing(state, "o".equals(m.param(1)));
        if (mask.startsWith("#")) {
            Optional<RoomSnapshot> room = Rooms.peek(state, mask);
            if (room.isPresent()) {
                for (Member member : room.get().members()) {
                    state.profile(member.client()).ifPresent(p -> listing.add(p, room.get().room()));
                }
            }
        } else {
            Optional<Profile> exact = IrcMask.hasWildcards(mask) ? Optional.empty()
                    : state.memberByNick(mask).flatMap(member -> state.profile(member.client()));
            if (exact.isPresent()) {
                listing.add(exact.get(), null);
            } else {
                IrcMask pattern = mask.equals("0") ? null : new IrcMask(mask);
                boolean wholeMask = mask.indexOf('!') >= 0 || mask.indexOf('@') >= 0;
                for (Member member : state.members()) {
                    if (listing.full()) {
                        break;
                    }
                    state.profile(member.client()).filter(p -> pattern == null || matches(pattern, wholeMask, p))
                            .ifPresent(p -> listing.add(p, null));
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

        Listing(ChatState state, boolean operatorsOnly) {
            this.state = state;
            this.operatorsOnly = operatorsOnly;
        }

        boolean full() {
            return out.size() >= MAX_REPLIES;
        }

        /** A 352 for the user of {@code p}; {@code channel} null: one of its rooms. */
        void add(Profile p, String channel) {
            ClientId client = p.member().client();
            if (!full() && (!operatorsOnly || ServerOperators.isOperator(state, client))) {
                out.add(reply(channel != null ? channel : roomOf(client), p));
            }
        }

        private IrcMessage reply(String channel, Profile p) {
            Member who = p.member();
            String hops = who.client().server().equals(me.server()) ? "0" : "1";
            // H(ere) or G(one), then '*' for a server operator; a channel prefix would follow once rooms have them.
            String flags = (p.away().isEmpty() ? "H" : "G")
                    + (ServerOperators.isOperator(state, who.client()) ? "*" : "");
            return replies.numeric(IrcNumeric.RPL_WHOREPLY, channel, who.user(), who.host(),
                    server.ircNameOf(who.client().server()), who.nick(), flags, hops + " " + p.realname());
        }

        /** A room {@code client} is in, preferring one the asker shares; {@code *} if it is in none. */
        private String roomOf(ClientId client) {
            List<String> rooms = state.roomsOf(client);
            if (rooms.isEmpty()) {
                return "*";
            }
            if (mine == null) {
                mine = Rooms.foldedRoomsOf(state, me);
            }
            for (String room : rooms) {
                if (mine.contains(Casemapping.fold(room))) {
                    return room;
                }
            }
            return rooms.get(0);
        }
    }
}
