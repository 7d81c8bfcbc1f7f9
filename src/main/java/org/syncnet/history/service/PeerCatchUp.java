package org.syncnet.history.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncnet.cluster.log.Delivery;
import org.syncnet.cluster.log.entry.LogPosition;
import org.syncnet.history.CommittedEvent;
import org.syncnet.history.TransferAuth;

/**
 * Catching up from the peers' stored history, both ways it happens: a starting server fetches the events stored
 * after its own last one before its log resumes ({@link #atStart}); a running server whose log is not caught up and
 * stands still while a leader serves needs entries no peer's log keeps any more (it was cut off for longer than the
 * leader's in-memory log), and fetches them into its log ({@link #ifStuck}), after which the leader sends what
 * follows. The transfer itself is {@link PeerHistory}.
 */
public final class PeerCatchUp {
    /** The running catch-up's messages keep the logger they always had (operators filter by it). */
    private static final Logger LOG = Logger.getLogger("org.syncnet.chat");
    /** How long a log that is not caught up may stand still before it catches up from the peers' history. */
    static final long CHECK_SECONDS = 5;

    /** The running log as the catch-up sees it. */
    public interface RunningLog {
        LogPosition position();

        /** Whether the log is as far as its peers announce. */
        boolean caughtUp();

        /** Whether a leader with a quorum serves. */
        boolean leaderWithQuorum();

        /** Takes committed entries fetched from elsewhere; false if it cannot. */
        boolean fastForward(List<Delivery> fetched);
    }

    /** The transfer of the peers' stored events ({@link PeerHistory#fetch}). */
    @FunctionalInterface
    interface Transfer {
        CommittedEvent fetch(Map<String, String> peers, long afterSeq, Predicate<List<CommittedEvent>> store);
    }

    private final String self;
    private final Transfer transfer;
    /** The other members' base URLs. */
    private final Map<String, String> peers;
    /** Where the log stood at the last check while not caught up (-1: caught up then); the scheduler's thread. */
    private long stuckAt = -1;

    PeerCatchUp(String self, TransferAuth auth, Map<String, String> memberUrls) {
        this(self, new PeerHistory(self, auth)::fetch, memberUrls);
    }

    PeerCatchUp(String self, Transfer transfer, Map<String, String> memberUrls) {
        this.self = self;
        this.transfer = transfer;
        this.peers = new LinkedHashMap<>(memberUrls);
        this.peers.remove(self);
    }

    /**
     * At start, before the log resumes: the peers' stored events after {@code afterSeq}, page by page, to
     * {@code store} (which says whether it took a page); the last event taken, or null if none was.
     */
    CommittedEvent atStart(long afterSeq, Predicate<List<CommittedEvent>> store) {
        return transfer.fetch(peers, afterSeq, store);
    }

    /**
     * Scheduled every {@value #CHECK_SECONDS} s while the history is on: a log that is not caught up and has not
     * moved for a whole period while a leader with a quorum serves takes the peers' stored events after its commit
     * point ({@link RunningLog#fastForward}). Must never throw.
     */
    void ifStuck(RunningLog log) {
        try {
            long at = log.position().lastSeq();
            if (log.caughtUp() || !log.leaderWithQuorum()) {
                stuckAt = -1;
                return;
            }
            if (at != stuckAt) {
                stuckAt = at;
                return;
            }
            LOG.warning(() -> self + ": the log has not moved from seq " + at + " for " + CHECK_SECONDS
                    + " s and is not caught up: catching up from the peers' stored history");
            long[] taken = {0};
            transfer.fetch(peers, log.position().commitSeq(), page -> {
                boolean took = log.fastForward(page.stream().map(PeerCatchUp::delivery).toList());
                taken[0] += took ? page.size() : 0;
                return took;
            });
            LOG.info(() -> self + ": took " + taken[0] + " events from the peers' history; the log is at "
                    + log.position());
            stuckAt = -1;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, self + ": catching up from the peers' history failed", e);
        }
    }

    /** A stored event as the log delivered it. */
    private static Delivery delivery(CommittedEvent e) {
        return new Delivery(e.epoch(), e.seq(), e.originServer(), e.clientId(), e.clientEventId(), e.payload(),
                e.cut());
    }
}
