package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * WHO ({@link WhoQuery}), WHOIS ({@link WhoisQuery}), USERHOST and ISON answered from the chat state: any user of the
 * cluster, IRC or browser (a browser user shows as {@code nick!web@server1}).
 */
final class UserQueries {
    /** USERHOST answers at most this many nicks (RFC 2812). */
    private static final int USERHOST_NICKS = 5;

    private final Replies replies;
    private final WhoQuery who;
    private final WhoisQuery whois;

    UserQueries(IrcServerInfo server, Replies replies, ClientId me, ChannelStatus status) {
        this.replies = replies;
        this.who = new WhoQuery(server, replies, me, status);
        this.whois = new WhoisQuery(server, replies, status);
    }

    /** WHO, see {@link WhoQuery}. */
    List<IrcMessage> who(IrcMessage m, ChatState state) {
        return who.who(m, state);
    }

    /** WHOIS, see {@link WhoisQuery}. */
    List<IrcMessage> whois(IrcMessage m, ChatState state) {
        return whois.whois(m, state);
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
