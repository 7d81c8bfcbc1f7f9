package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ChatState.Profile;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Member;
import org.syncnet.chat.RoomSnapshot;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * WHO, WHOIS, USERHOST and ISON answered from the chat state: any user of the cluster, IRC or browser, with the
 * IRC name of the server it is connected to (a browser user shows as {@code nick!web@server1}). No idle time or
 * sign-on time: the state keeps no clock.
 */
final class UserQueries {
    /** USERHOST answers at most this many nicks (RFC 2812). */
    private static final int USERHOST_NICKS = 5;
    /** Bytes of channel names in one 319 line. */
    private static final int CHANNELS_BYTES = 400;

    private final IrcServerInfo server;
    private final Replies replies;
    /** The server this connection is on: its users are 0 hops away, the others' 1. */
    private final String localServer;

    UserQueries(IrcServerInfo server, Replies replies, ClientId me) {
        this.server = server;
        this.replies = replies;
        this.localServer = me.server();
    }

    /** {@code WHO #room} (a 352 per member) or {@code WHO nick} (one 352), then 315. Masks are not expanded. */
    List<IrcMessage> who(IrcMessage m, ChatState state) {
        String mask = m.param(0);
        if (mask == null || mask.isEmpty()) {
            return List.of(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "WHO"));
        }
        List<IrcMessage> out = new ArrayList<>();
        if (mask.startsWith("#")) {
            Optional<RoomSnapshot> room = Rooms.peek(state, mask);
            if (room.isPresent()) {
                for (Member member : room.get().members()) {
                    state.profile(member.client()).ifPresent(p -> out.add(whoReply(room.get().room(), p)));
                }
            }
        } else {
            state.memberByNick(mask).flatMap(member -> state.profile(member.client()))
                    .ifPresent(p -> out.add(whoReply("*", p)));
        }
        out.add(replies.standard(IrcNumeric.RPL_ENDOFWHO, mask));
        return out;
    }

    private IrcMessage whoReply(String channel, Profile p) {
        Member who = p.member();
        String hops = who.client().server().equals(localServer) ? "0" : "1";
        return replies.numeric(IrcNumeric.RPL_WHOREPLY, channel, who.user(), who.host(),
                server.ircNameOf(who.client().server()), who.nick(), p.away().isEmpty() ? "H" : "G",
                hops + " " + p.realname());
    }

    /**
     * {@code WHOIS [server] nick}: 311, 319 (its rooms), 312 (its server), 301 if away, 318; or 401 and 318. One nick
     * (announced as TARGMAX WHOIS:1): the first of a list.
     */
    List<IrcMessage> whois(IrcMessage m, ChatState state) {
        String list = m.params().size() >= 2 ? m.param(1) : m.param(0);
        List<String> nicks = list == null ? List.of() : Targets.split(list);
        if (nicks.isEmpty()) {
            return List.of(replies.standard(IrcNumeric.ERR_NONICKNAMEGIVEN));
        }
        String nick = nicks.get(0);
        Optional<Profile> profile = state.memberByNick(nick).flatMap(member -> state.profile(member.client()));
        if (profile.isEmpty()) {
            return List.of(replies.standard(IrcNumeric.ERR_NOSUCHNICK, nick),
                    replies.standard(IrcNumeric.RPL_ENDOFWHOIS, nick));
        }
        Profile p = profile.get();
        Member who = p.member();
        List<IrcMessage> out = new ArrayList<>();
        out.add(replies.numeric(IrcNumeric.RPL_WHOISUSER, who.nick(), who.user(), who.host(), "*", p.realname()));
        for (String line : IrcText.chunk(state.roomsOf(who.client()), CHANNELS_BYTES)) {
            out.add(replies.numeric(IrcNumeric.RPL_WHOISCHANNELS, who.nick(), line));
        }
        out.add(replies.numeric(IrcNumeric.RPL_WHOISSERVER, who.nick(), server.ircNameOf(who.client().server()),
                server.network() + " server " + who.client().server()));
        if (!p.away().isEmpty()) {
            out.add(replies.numeric(IrcNumeric.RPL_AWAY, who.nick(), p.away()));
        }
        out.add(replies.standard(IrcNumeric.RPL_ENDOFWHOIS, who.nick()));
        return out;
    }

    /** {@code USERHOST nick...}: 302 with {@code nick=+user@host} ({@code -} when away) for each online nick. */
    List<IrcMessage> userhost(IrcMessage m, ChatState state) {
        List<String> nicks = words(m);
        if (nicks.isEmpty()) {
            return List.of(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "USERHOST"));
        }
        List<String> found = new ArrayList<>();
        for (String nick : nicks.subList(0, Math.min(USERHOST_NICKS, nicks.size()))) {
            state.memberByNick(nick).flatMap(member -> state.profile(member.client())).ifPresent(p ->
                    found.add(p.member().nick() + "=" + (p.away().isEmpty() ? "+" : "-") + p.member().user() + "@"
                            + p.member().host()));
        }
        return List.of(replies.numeric(IrcNumeric.RPL_USERHOST, String.join(" ", found)));
    }

    /** {@code ISON nick...}: 303 with those of the nicks that are online, as they spell themselves. */
    List<IrcMessage> ison(IrcMessage m, ChatState state) {
        List<String> nicks = words(m);
        if (nicks.isEmpty()) {
            return List.of(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "ISON"));
        }
        List<String> online = new ArrayList<>();
        for (String nick : nicks) {
            state.memberByNick(nick).ifPresent(member -> online.add(member.nick()));
        }
        return List.of(replies.numeric(IrcNumeric.RPL_ISON, String.join(" ", online)));
    }

    /** The nicks of USERHOST and ISON: clients send them as parameters or as one trailing parameter. */
    private static List<String> words(IrcMessage m) {
        List<String> words = new ArrayList<>();
        for (String p : m.params()) {
            for (String w : p.split(" ")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        return words;
    }
}
