package org.syncnet.chat.app;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;

/**
 * Ends the clients the log still lists for this server though their connection is gone. A connection's goodbye is
 * submitted when it closes, but the log does not promise to order one server's events as they were submitted: a
 * goodbye ordered before its connection's nick claim would leave the nick held by nobody. A client listed on two
 * sweeps in a row without a connection is sent off again, once (a second goodbye is harmless).
 */
final class GhostSweeper {
    private static final Logger LOG = Logger.getLogger("org.syncnet.chat");

    private final String self;
    private final ChatState state;
    private final Object stateLock;
    private final Predicate<ClientId> connected;
    private final Predicate<ChatEvent.ClientGone> submit;
    private Set<ClientId> suspects = Set.of();
    /** Sent off by this sweeper: the log retries the goodbye itself until it is committed. */
    private final Set<ClientId> sentOff = new HashSet<>();

    GhostSweeper(String self, ChatState state, Object stateLock, Predicate<ClientId> connected,
                 Predicate<ChatEvent.ClientGone> submit) {
        this.self = self;
        this.state = state;
        this.stateLock = stateLock;
        this.connected = connected;
        this.submit = submit;
    }

    /** Scheduled: must never throw. */
    synchronized void sweep() {
        try {
            List<ClientId> listed;
            synchronized (stateLock) {
                listed = state.clientsOf(self);
            }
            Set<ClientId> ghosts = new HashSet<>();
            for (ClientId c : listed) {
                if (!connected.test(c)) {
                    ghosts.add(c);
                    if (suspects.contains(c) && !sentOff.contains(c)
                            && submit.test(new ChatEvent.ClientGone(c, "Connection closed"))) {
                        sentOff.add(c);
                        LOG.info(() -> self + ": " + c + " has no connection; logging its end again");
                    }
                }
            }
            suspects = ghosts;
            sentOff.retainAll(ghosts);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, self + ": sweeping clients without a connection", e);
        }
    }
}
