package org.syncnet.door.irc;

import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Member;

/**
 * Who is an IRC server operator (OPER), for the places IRC shows it: the {@code *} in WHO's flags, {@code WHO mask o},
 * WHOIS' 313 and LUSERS' 252. Operator status is chat state (granted through the log), the same on every server.
 */
final class ServerOperators {
    private ServerOperators() {
    }

    static boolean isOperator(ChatState state, ClientId client) {
        return state.isOperator(client);
    }

    /** Operators online in the cluster (252 is sent only when there is at least one). */
    static int count(ChatState state) {
        int n = 0;
        for (Member m : state.members()) {
            n += state.isOperator(m.client()) ? 1 : 0;
        }
        return n;
    }
}
