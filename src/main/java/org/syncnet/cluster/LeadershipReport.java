package org.syncnet.cluster;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.syncnet.cluster.ClusterEvent.LeaderChanged;

/**
 * Turns changes of a server's leadership view (leader, epoch, quorum) into {@link LeaderChanged} events, each with
 * a reason: the one the handler that caused it gave, else one inferred by comparing with what was last reported.
 * One event per change, not per step, so the log shows what happened once.
 */
final class LeadershipReport {
    private final String self;
    /** Why the view is changing in this step, named by the handler that changed it, or null. */
    private String changeReason;
    private String reportedLeader;
    private long reportedEpoch;
    private boolean reportedQuorum;

    LeadershipReport(String self) {
        this.self = self;
    }

    /** Names the reason for the change being made now (it is reported with the next {@link #update}). */
    void because(String why) {
        changeReason = why;
    }

    /**
     * The event for the view after a step, or null if it did not change.
     *
     * @param cause   what stepped the protocol ("tick", "message", ...), for a change no handler named
     * @param stateOf a peer's state in the failure detector, to say what became of a leader that vanished
     */
    LeaderChanged update(String current, long epoch, boolean quorum, Role role, String cause,
                         Function<String, PeerState> stateOf) {
        LeaderChanged changed = null;
        if (!Objects.equals(current, reportedLeader) || epoch != reportedEpoch || quorum != reportedQuorum) {
            String why = changeReason != null ? changeReason : explain(current, epoch, quorum, role, cause, stateOf);
            reportedLeader = current;
            reportedEpoch = epoch;
            reportedQuorum = quorum;
            changed = new LeaderChanged(current, epoch, quorum, why);
        }
        changeReason = null;
        return changed;
    }

    /** The reason for a change no handler named: compared with what was last reported. */
    private String explain(String current, long epoch, boolean quorum, Role role, String cause,
                           Function<String, PeerState> stateOf) {
        if (current == null && reportedLeader != null) {
            if (reportedLeader.equals(self)) {
                return "stepped down";
            }
            PeerState state = stateOf.apply(reportedLeader);
            return "leader " + reportedLeader + (state.alive()
                    ? " stopped leading" : " " + state.name().toLowerCase(Locale.ROOT));
        }
        if (current == null) {
            return role == Role.CANDIDATE ? "standing for epoch " + epoch : "promised epoch " + epoch;
        }
        if (!current.equals(reportedLeader) || epoch != reportedEpoch) {
            return current.equals(self) ? "a quorum promised epoch " + epoch : current + " announced epoch " + epoch;
        }
        if (quorum) {
            return current.equals(self) ? "a quorum acknowledged" : current + " serves with a quorum";
        }
        return current.equals(self) ? "no quorum acknowledged within the failure timeout"
                : current + " lost its quorum";
    }
}
