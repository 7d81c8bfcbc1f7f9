package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ChatState.Profile;
import org.syncnet.chat.Member;
import org.syncnet.chat.RoomMember;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * {@code WHOIS [<target>] <nick>} as modern.ircdocs.horse describes it: 311 (user, host, real name), 319 (its rooms
 * with its status prefix in each, {@code @#room}, as many lines as they need; a secret room only if the asker is in it
 * too or asks about itself), 312 (the server it is connected to), 301 if it is away, and always 318 last, with the
 * nick parameter exactly as the client sent it (case and any comma list kept). An unknown nick gets 401 and 318.
 * <p>
 * One nick per WHOIS (announced as TARGMAX WHOIS:1): the rest of a list is dropped silently, as the spec allows. No
 * wildcards, idle or sign-on time (317): the chat state keeps no clock. The optional target may be a server of the
 * cluster (a name or mask) or a nick; every server knows every user, so it changes nothing — anything else is 402,
 * then 318.
 */
final class WhoisQuery {
    private final IrcServerInfo server;
    private final Replies replies;
    private final ChannelStatus status;

    WhoisQuery(IrcServerInfo server, Replies replies, ChannelStatus status) {
        this.server = server;
        this.replies = replies;
        this.status = status;
    }

    List<IrcMessage> whois(IrcMessage m, ChatState state) {
        boolean targeted = m.params().size() >= 2;
        String target = targeted ? m.param(0) : null;
        String list = targeted ? m.param(1) : m.param(0);
        List<String> nicks = list == null ? List.of() : Targets.split(list);
        if (nicks.isEmpty()) {
            return List.of(replies.standard(IrcNumeric.ERR_NONICKNAMEGIVEN));
        }
        if (target != null && !server.namesClusterServer(target) && state.memberByNick(target).isEmpty()) {
            return List.of(replies.standard(IrcNumeric.ERR_NOSUCHSERVER, target),
                    replies.standard(IrcNumeric.RPL_ENDOFWHOIS, list));
        }
        String nick = nicks.get(0);
        Optional<Profile> profile = state.memberByNick(nick).flatMap(member -> state.profile(member.client()));
        if (profile.isEmpty()) {
            return List.of(replies.standard(IrcNumeric.ERR_NOSUCHNICK, nick),
                    replies.standard(IrcNumeric.RPL_ENDOFWHOIS, list));
        }
        Profile p = profile.get();
        Member who = p.member();
        List<IrcMessage> out = new ArrayList<>();
        out.add(replies.numeric(IrcNumeric.RPL_WHOISUSER, who.nick(), who.user(), who.host(), "*", p.realname()));
        int budget = 400;
        for (String line : IrcText.chunk(rooms(who, state), budget)) {
            out.add(replies.numeric(IrcNumeric.RPL_WHOISCHANNELS, who.nick(), line));
        }
        out.add(replies.numeric(IrcNumeric.RPL_WHOISSERVER, who.nick(), server.ircNameOf(who.client().server()),
                server.network() + " server " + who.client().server()));
        if (state.isOperator(who.client())) {
            out.add(replies.standard(IrcNumeric.RPL_WHOISOPERATOR, who.nick()));
        }
        if (who.loggedIn()) {
            out.add(replies.standard(IrcNumeric.RPL_WHOISACCOUNT, who.nick(), who.account()));
        }
        if (!p.away().isEmpty()) {
            out.add(replies.numeric(IrcNumeric.RPL_AWAY, who.nick(), p.away()));
        }
        out.add(replies.standard(IrcNumeric.RPL_ENDOFWHOIS, list));
        return out;
    }

    /** {@code who}'s rooms as 319 lists them, with its prefix in each; those the asker may see. */
    private List<String> rooms(Member who, ChatState state) {
        List<String> shown = new ArrayList<>();
        for (String name : state.roomsOf(who.client())) {
            state.channel(name).filter(status::canSee).ifPresent(room -> {
                RoomMember m = ChannelStatus.member(room, who.client());
                shown.add((m == null ? "" : status.prefix(m)) + room.name());
            });
        }
        return shown;
    }
}
