package org.syncnet.chat.service;

import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatEventCodec;
import org.syncnet.chat.app.ChatApplication;
import org.syncnet.chat.app.ConnectionRegistry;
import org.syncnet.cluster.ClusterView;
import org.syncnet.cluster.service.ClusterService;
import org.syncnet.cluster.service.ElectionState;

/**
 * While this server leads, logs the end of the clients of every server it sees failed or gone
 * ({@link ChatEvent.ServerGone}), so everyone sees them quit and their nicks come free. Polled rather than
 * triggered by the failure event, so a verdict a previous leader had no time to commit is still logged.
 * The connection bound only covers the incarnation that failed: a server already back is not emptied.
 */
final class ServerReaper {
    private static final Logger LOG = Logger.getLogger("org.syncnet.chat");

    private final String self;
    private final String logClientId;
    private final ClusterService cluster;
    private final ElectionState election;
    private final ChatApplication chat;
    /** Unique across this server's runs (it starts at this run's first connection number): never deduplicated away. */
    private long nextEventNumber;
    /** The bound last submitted per server, so one verdict is submitted once (the log retries it itself). */
    private final Map<String, Long> submitted = new HashMap<>();

    ServerReaper(String self, ClusterService cluster, ElectionState election, ChatApplication chat,
                 long firstEventNumber) {
        this.self = self;
        this.logClientId = self + "/reaper";
        this.cluster = cluster;
        this.election = election;
        this.chat = chat;
        this.nextEventNumber = firstEventNumber;
    }

    synchronized boolean submit(ChatEvent.ServerGone event) {
        return cluster.submit(logClientId, nextEventNumber++, ChatEventCodec.encode(event));
    }

    /** Scheduled: must never throw (a failed run would end the schedule). */
    synchronized void reap() {
        try {
            ClusterView view = election.view();
            if (view == null || !self.equals(view.leader()) || !view.hasQuorum()) {
                return;
            }
            for (ClusterView.MemberView m : view.members()) {
                if (m.id().equals(self) || m.alive()) {
                    continue;
                }
                long bound = connectionBound(m.id());
                boolean hasClients = chat.read(state -> state.hasClientsOf(m.id(), bound));
                Long done = submitted.get(m.id());
                if (hasClients && (done == null || done != bound)) {
                    String reason = m.id() + (m.state() == org.syncnet.cluster.PeerState.LEFT ? " left" : " failed");
                    if (submit(new ChatEvent.ServerGone(m.id(), bound, reason))) {
                        submitted.put(m.id(), bound);
                        LOG.info(() -> self + ": logging the end of " + m.id() + "'s clients (" + reason + ")");
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, self + ": reaping failed servers' clients", e);
        }
    }

    /**
     * Below the first connection number of the server's next incarnation. Never heard since this server started:
     * every incarnation older than the failure timeout (a younger one would have been heard).
     */
    private long connectionBound(String server) {
        long incarnation = cluster.incarnationOf(server);
        long before = incarnation > 0 ? incarnation + 1
                : System.currentTimeMillis() - cluster.config().failureTimeoutMillis();
        return before << ConnectionRegistry.CONNECTION_BITS;
    }
}
