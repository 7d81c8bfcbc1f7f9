package org.syncnet.history.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncnet.cluster.log.Delivery;
import org.syncnet.cluster.log.entry.LogPosition;
import org.syncnet.history.CommittedEvent;

/** The catch-up of a running log from the peers' stored history: only a log that stands still while behind. */
class PeerCatchUpTest {
    private static final Map<String, String> MEMBERS = Map.of("s1", "http://a/syncnet", "s2", "http://b/syncnet",
            "s3", "http://c/syncnet");

    /** What the transfer was asked: the peers and the point after which. */
    private record Asked(Map<String, String> peers, long afterSeq) {
    }

    private final List<Asked> asked = new ArrayList<>();
    private final List<List<Delivery>> forwarded = new ArrayList<>();
    private List<CommittedEvent> stored = List.of();
    private LogPosition position = new LogPosition(1, 10, 8);
    private boolean caughtUp;
    private boolean leaderWithQuorum = true;

    private final PeerCatchUp catchUp = new PeerCatchUp("s1", (peers, afterSeq, store) -> {
        asked.add(new Asked(peers, afterSeq));
        if (stored.isEmpty() || !store.test(stored)) {
            return null;
        }
        return stored.get(stored.size() - 1);
    }, MEMBERS);

    private final PeerCatchUp.RunningLog log = new PeerCatchUp.RunningLog() {
        @Override
        public LogPosition position() {
            return position;
        }

        @Override
        public boolean caughtUp() {
            return caughtUp;
        }

        @Override
        public boolean leaderWithQuorum() {
            return leaderWithQuorum;
        }

        @Override
        public boolean fastForward(List<Delivery> fetched) {
            forwarded.add(fetched);
            return true;
        }
    };

    @Test
    void aLogThatStandsStillBehindForAWholePeriodTakesThePeersStoredEventsAfterItsCommitPoint() {
        stored = List.of(CommittedEvent.plain(9, 1, "s2", "s2/1", 1, new byte[] {1}),
                CommittedEvent.plain(10, 1, "s2", "s2/1", 2, new byte[] {2}));
        catchUp.ifStuck(log);
        assertEquals(List.of(), asked, "the first sighting only notes where the log stands");
        catchUp.ifStuck(log);
        assertEquals(List.of(new Asked(Map.of("s2", "http://b/syncnet", "s3", "http://c/syncnet"), 8)), asked,
                "the peers, not itself, after the commit point");
        assertEquals(1, forwarded.size());
        assertEquals(List.of(9L, 10L), forwarded.get(0).stream().map(Delivery::seq).toList());
        assertEquals(stored.get(1).cut(), forwarded.get(0).get(1).cut());
        catchUp.ifStuck(log);
        assertEquals(1, asked.size(), "a new period starts after a catch-up");
    }

    @Test
    void aLogThatMovesIsCaughtUpOrHasNoLeaderIsLeftToTheLog() {
        catchUp.ifStuck(log);
        position = new LogPosition(1, 11, 8);
        catchUp.ifStuck(log);
        assertEquals(List.of(), asked, "it moved");
        caughtUp = true;
        catchUp.ifStuck(log);
        caughtUp = false;
        catchUp.ifStuck(log);
        assertEquals(List.of(), asked, "caught up in between: the period starts again");
        leaderWithQuorum = false;
        catchUp.ifStuck(log);
        catchUp.ifStuck(log);
        assertEquals(List.of(), asked, "no leader to send what follows");
    }

    @Test
    void aFailingTransferIsLoggedNotThrown() {
        PeerCatchUp failing = new PeerCatchUp("s1", (peers, afterSeq, store) -> {
            throw new IllegalStateException("peer down");
        }, MEMBERS);
        failing.ifStuck(log);
        failing.ifStuck(log);
    }
}
