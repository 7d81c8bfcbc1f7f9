package org.syncnet.cluster.service;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncnet.cluster.ClusterEvent;
import org.syncnet.cluster.ClusterEvent.LeaderChanged;
import org.syncnet.cluster.ClusterEvent.PeerChanged;
import org.syncnet.cluster.PeerState;

/** One log line per suspicion, failure, recovery and leadership change, naming the server and the epoch. */
final class ClusterEventLog {
    private static final Logger LOG = Logger.getLogger("org.syncnet.cluster");

    private ClusterEventLog() {
    }

    static void log(String self, ClusterEvent event) {
        if (event instanceof PeerChanged p) {
            LOG.log(p.to() == PeerState.SUSPECT || p.to() == PeerState.INDIRECT ? Level.WARNING : Level.INFO,
                    () -> describe(self, p));
        } else if (event instanceof LeaderChanged c) {
            LOG.log(c.leader() == null ? Level.WARNING : Level.INFO, () -> describe(self, c));
        }
    }

    static String describe(String self, PeerChanged p) {
        String what = switch (p.to()) {
            case ALIVE -> p.from() == PeerState.SUSPECT ? "is heard again"
                    : p.from() == PeerState.INDIRECT ? "is heard directly again"
                    : p.from() == PeerState.UNKNOWN ? "joined" : "recovered";
            case INDIRECT -> "not heard here for " + seconds(p.silentMillis()) + " but heard by peers (a one-way cut"
                    + " or a bad link?): still counted as alive";
            case SUSPECT -> "suspected (silent " + seconds(p.silentMillis()) + ")";
            case FAILED -> p.from() == PeerState.UNKNOWN ? "not heard since start (" + seconds(p.silentMillis()) + ")"
                    : "failed (silent " + seconds(p.silentMillis()) + ")";
            case LEFT -> "left the cluster";
            case UNKNOWN -> "unknown";
        };
        return self + ": " + p.peer() + " " + what + "; epoch " + p.epoch();
    }

    static String describe(String self, LeaderChanged c) {
        String quorum = c.hasQuorum() ? "with quorum" : "without quorum";
        String what;
        if (c.leader() == null) {
            what = "no leader in epoch " + c.epoch();
        } else if (c.leader().equals(self)) {
            what = self + " leads epoch " + c.epoch() + " " + quorum;
        } else {
            what = "follows " + c.leader() + " in epoch " + c.epoch() + " " + quorum;
        }
        return self + ": " + what + " (" + c.reason() + ")";
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
