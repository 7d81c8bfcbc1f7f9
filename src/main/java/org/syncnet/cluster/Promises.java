package org.syncnet.cluster;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.syncnet.cluster.log.entry.LogPosition;

/**
 * The promises a candidate collected for its epoch, with the log positions they carry, and whether they are enough
 * to lead: a quorum (counting itself) whose logs surely include every committed entry.
 */
final class Promises {
    private final Membership ring;
    private final String self;
    private final int quorum;
    private final FailureDetector detector;
    private final Map<String, LogPosition> positions = new HashMap<>();
    /** The promisers whose log is whole (see {@link org.syncnet.cluster.log.ReplicatedLog#isWhole}). */
    private final Set<String> whole = new HashSet<>();

    Promises(ClusterConfig config, FailureDetector detector) {
        this.ring = config.membership();
        this.self = config.selfId();
        this.quorum = config.quorum();
        this.detector = detector;
    }

    void add(String from, LogPosition position, boolean wholeLog) {
        positions.put(from, position);
        if (wholeLog) {
            whole.add(from);
        } else {
            whole.remove(from);
        }
    }

    /** The promiser restarted: what it promised no longer holds. */
    void forget(String peer) {
        positions.remove(peer);
    }

    void clear() {
        positions.clear();
        whole.clear();
    }

    boolean has(String peer) {
        return positions.containsKey(peer);
    }

    Map<String, LogPosition> positions() {
        return Map.copyOf(positions);
    }

    /** A quorum promised (with this server) and their logs can be recovered: see {@link #canRecoverLog}. */
    boolean enough(boolean selfWhole) {
        return positions.size() + 1 >= quorum && canRecoverLog(selfWhole);
    }

    /**
     * Whether the promised logs surely include every committed entry. They do when at least n - q + 1 of them are
     * whole (never lost since they acknowledged anything): every commit quorum then shares a whole log with them.
     * Restarted servers lose their in-memory log, so fewer may be whole; then go on only once every live peer
     * promised, so that no log that can still be had is left out: what only lost or unreachable logs held cannot be
     * recovered by waiting (it can once the store is durable, a later issue).
     */
    private boolean canRecoverLog(boolean selfWhole) {
        int wholeLogs = selfWhole ? 1 : 0;
        for (String p : positions.keySet()) {
            if (whole.contains(p)) {
                wholeLogs++;
            }
        }
        if (wholeLogs >= ring.size() - quorum + 1) {
            return true;
        }
        for (Member m : ring.ring()) {
            if (!m.id().equals(self) && detector.isAlive(m.id()) && !positions.containsKey(m.id())) {
                return false;
            }
        }
        return true;
    }
}
