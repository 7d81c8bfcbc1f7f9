package org.syncnet.chat;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.chat.ChatEvent.Killed;
import org.syncnet.chat.ChatEvent.UserModesSet;
import org.syncnet.chat.ChatEvent.Wallops;
import org.syncnet.chat.ChatOutcome.Rejected;
import org.syncnet.chat.ChatOutcome.UserModesChanged;
import org.syncnet.chat.ChatOutcome.WallopsSent;

/**
 * Server operators and user modes in {@link ChatState}: OPER, user modes, KILL and WALLOPS. A server operator
 * is a client with user mode {@code o}; what it may do in rooms is {@link ChannelModeration}'s. Rules:
 * <ul>
 *   <li>OPER makes a client a server operator (its door checked the password); it always gets a
 *       {@code UserModesChanged}. A user-mode set takes {@code i} and {@code w} as given and can drop {@code o} but
 *       not give it; it is answered only if something changed.</li>
 *   <li>KILL and WALLOPS need a server operator ({@code NOT_PRIVILEGED}). A killed client is gone as if it had
 *       quit; the victim, its room mates and the killer hear it. WALLOPS reaches every client with user mode
 *       {@code w}.</li>
 * </ul>
 */
final class ServerOperatorActions {
    private final ClientRegistry clients;

    ServerOperatorActions(ClientRegistry clients) {
        this.clients = clients;
    }

    List<ChatOutcome> operUp(Client c) {
        String added = c.oper ? "" : "o";
        c.oper = true;
        return List.of(new UserModesChanged(c.id, c.member(), added, ""));
    }

    List<ChatOutcome> userModes(Client c, UserModesSet e) {
        String before = c.modes();
        c.invisible = e.modes().indexOf('i') >= 0;
        c.wallops = e.modes().indexOf('w') >= 0;
        c.oper = c.oper && e.modes().indexOf('o') >= 0;  // can drop o, never give it
        String after = c.modes();
        if (after.equals(before)) {
            return List.of();
        }
        return List.of(new UserModesChanged(c.id, c.member(), lettersNotIn(after, before),
                lettersNotIn(before, after)));
    }

    private static String lettersNotIn(String letters, String other) {
        StringBuilder sb = new StringBuilder();
        for (char l : letters.toCharArray()) {
            if (other.indexOf(l) < 0) {
                sb.append(l);
            }
        }
        return sb.toString();
    }

    List<ChatOutcome> kill(Client c, Killed e) {
        if (!c.oper) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_PRIVILEGED, "KILL"));
        }
        Client victim = clients.byNick(e.targetNick());
        if (victim == null) {
            return List.of(new Rejected(c.id, ErrorCode.NO_SUCH_NICK, e.targetNick()));
        }
        return List.of(clients.kill(c, victim, e.reason()));
    }

    List<ChatOutcome> wallops(Client c, Wallops e) {
        if (!c.oper) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_PRIVILEGED, "WALLOPS"));
        }
        List<ClientId> to = new ArrayList<>();
        for (Client w : clients.all()) {
            if (w.wallops) {
                to.add(w.id);
            }
        }
        return List.of(new WallopsSent(c.member(), e.text(), to));
    }
}
