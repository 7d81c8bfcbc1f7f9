package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * LUSERS (also part of the welcome burst): the cluster's users and configured servers (251), operators (252, only
 * when there are any), rooms (254), this server's own clients and its links to the other servers (255), and the
 * current and highest user counts, local and global (265, 266), in modern.ircdocs.horse's order. Users of both
 * doors count; those with user mode {@code +i} (chat state, like every user mode) are counted apart in 251.
 * 253 (unknown connections) is left out: connections that have not registered are not in the chat state.
 */
final class Lusers {
    private final IrcServerInfo server;
    private final Replies replies;

    Lusers(IrcServerInfo server, Replies replies) {
        this.server = server;
        this.replies = replies;
    }

    /** The LUSERS lines for a client of server {@code me.server()}. */
    List<IrcMessage> lines(ClientId me, ChatState state) {
        int global = state.members().size();
        int local = state.clientsOf(me.server()).size();
        UserPeaks.Peaks peaks = server.peaks().observe(local, global);
        int servers = server.clusterSize();
        int operators = state.operatorCount();
        int invisible = state.invisibleCount();
        List<IrcMessage> out = new ArrayList<>(7);
        out.add(replies.numeric(IrcNumeric.RPL_LUSERCLIENT,
                "There are " + (global - invisible) + " users and " + invisible + " invisible on " + servers
                        + " servers"));
        if (operators > 0) {
            out.add(replies.standard(IrcNumeric.RPL_LUSEROP, String.valueOf(operators)));
        }
        out.add(replies.standard(IrcNumeric.RPL_LUSERCHANNELS, String.valueOf(state.rooms().size())));
        // This server is linked to every other configured server (the ones that are down included).
        out.add(replies.numeric(IrcNumeric.RPL_LUSERME,
                "I have " + local + " clients and " + (servers - 1) + " servers"));
        out.add(replies.numeric(IrcNumeric.RPL_LOCALUSERS, String.valueOf(local), String.valueOf(peaks.local()),
                "Current local users " + local + ", max " + peaks.local()));
        out.add(replies.numeric(IrcNumeric.RPL_GLOBALUSERS, String.valueOf(global), String.valueOf(peaks.global()),
                "Current global users " + global + ", max " + peaks.global()));
        return out;
    }
}
