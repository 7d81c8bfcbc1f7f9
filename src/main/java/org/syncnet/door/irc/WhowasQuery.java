package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.WhowasEntry;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * {@code WHOWAS <nick> [count]}: who last used a nick, from the chat state's bounded, cluster-wide record of nicks
 * that went away (quit, killed, their server failed, or changed): 314 and 312 for each, newest first, then 369; 406
 * before 369 if nobody did. The state keeps no clock, so 312 names the server, not the sign-off time.
 */
final class WhowasQuery {
    /** Entries answered when the client gives no count (or one not above zero). */
    private static final int DEFAULT_COUNT = 10;

    private final IrcServerInfo server;
    private final Replies replies;

    WhowasQuery(IrcServerInfo server, Replies replies) {
        this.server = server;
        this.replies = replies;
    }

    List<IrcMessage> whowas(IrcMessage m, ChatState state) {
        String nick = m.param(0) == null ? "" : Targets.split(m.param(0)).stream().findFirst().orElse("");
        if (nick.isEmpty()) {
            return List.of(replies.standard(IrcNumeric.ERR_NONICKNAMEGIVEN));
        }
        List<WhowasEntry> entries = state.whowas(nick, count(m.param(1)));
        List<IrcMessage> out = new ArrayList<>(entries.size() * 2 + 2);
        for (WhowasEntry e : entries) {
            out.add(replies.numeric(IrcNumeric.RPL_WHOWASUSER, e.nick(), e.user(), e.host(), "*", e.realname()));
            out.add(replies.numeric(IrcNumeric.RPL_WHOISSERVER, e.nick(), server.ircNameOf(e.server()),
                    server.network() + " server " + e.server()));
        }
        if (entries.isEmpty()) {
            out.add(replies.standard(IrcNumeric.ERR_WASNOSUCHNICK, nick));
        }
        out.add(replies.standard(IrcNumeric.RPL_ENDOFWHOWAS, nick));
        return out;
    }

    private static int count(String param) {
        try {
            int n = param == null ? 0 : Integer.parseInt(param.strip());
            return n > 0 ? Math.min(n, DEFAULT_COUNT * 10) : DEFAULT_COUNT;
        } catch (NumberFormatException e) {
            return DEFAULT_COUNT;
        }
    }
}
