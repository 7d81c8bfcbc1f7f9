package org.syncnet.cluster;

import java.util.Objects;
import org.syncnet.cluster.log.ReplicatedLog;
import org.syncnet.cluster.wire.Heartbeat;

/**
 * This server's heartbeats: one every heartbeat interval, and one at once whenever what it last announced (ready,
 * role, serving, leader) changed, since peers decide who stands and who serves by them.
 */
final class Announcer {
    private final Membership ring;
    private final String self;
    private final long heartbeatMillis;
    private final FailureDetector detector;
    private final Standing standing;
    private final Term term;
    private final ReplicatedLog log;
    private boolean announcedReady;
    private boolean announcedServing;
    private Role announcedRole;
    private String announcedLeader;
    private long lastHeartbeatAt = Long.MIN_VALUE;

    Announcer(ClusterConfig config, FailureDetector detector, Standing standing, Term term, ReplicatedLog log) {
        this.ring = config.membership();
        this.self = config.selfId();
        this.heartbeatMillis = config.heartbeatMillis();
        this.detector = detector;
        this.standing = standing;
        this.term = term;
        this.log = log;
    }

    /** A heartbeat interval passed since the last one (or none was sent yet). */
    void heartbeatIfDue(long now) {
        if (lastHeartbeatAt == Long.MIN_VALUE || now - lastHeartbeatAt >= heartbeatMillis) {
            broadcastHeartbeat(now);
        }
    }

    /** What peers decide by changed since the last heartbeat: tell them at once. */
    void announceIfChanged(long now) {
        if (standing.selfReady() != announcedReady || term.role != announcedRole
                || term.isServing(now) != announcedServing || !Objects.equals(term.currentLeader(), announcedLeader)) {
            // Peers decide who stands by who is ready and who still follows a leader: tell them at once rather
            // than a heartbeat interval later, or a lower server that has not yet heard this one is ready stands
            // for election in vain and pushes the epochs up, and a successor waits for news it could have had.
            // Followers count as having a quorum only once their leader says it serves: tell that at once too.
            broadcastHeartbeat(now);
        }
    }

    /** Tells every peer where this server stands: its role, readiness, leader, log position and whom it hears. */
    void broadcastHeartbeat(long now) {
        lastHeartbeatAt = now;
        boolean leading = term.role == Role.LEADER;
        announcedReady = standing.selfReady();
        announcedServing = term.isServing(now);
        announcedRole = term.role;
        announcedLeader = term.currentLeader();
        term.broadcast(new Heartbeat(leading, announcedServing, announcedReady, term.currentLeader(), log.position(),
                now, heardAgo(now)), term.epoch);
    }

    /** Per member in ring order, how long ago this server heard it directly: what its heartbeat vouches for. */
    private int[] heardAgo(long now) {
        int[] ages = new int[Math.min(ring.size(), Heartbeat.MAX_MEMBERS)];
        for (int i = 0; i < ages.length; i++) {
            String id = ring.ring().get(i).id();
            Long heard = id.equals(self) || !detector.isAlive(id) ? null : detector.lastHeard(id);
            ages[i] = heard == null ? Heartbeat.NOT_HEARD : (int) Math.min(Integer.MAX_VALUE, Math.max(0, now - heard));
        }
        return ages;
    }
}
