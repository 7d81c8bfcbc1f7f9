package org.syncnet.door.irc;

import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;

/**
 * Who is an IRC server operator (OPER), for the places IRC shows it: the {@code *} in WHO's flags, {@code WHO mask o}
 * and LUSERS' 252. The chat has no operators yet, so nobody is one; this is the single place to answer from the
 * chat state once it has them.
 */
final class ServerOperators {
    private ServerOperators() {
    }

    static boolean isOperator(ChatState state, ClientId client) {
        return false;
    }

    /** Operators online in the cluster (252 is sent only when there is at least one). */
    static int count(ChatState state) {
        return 0;
    }
}
