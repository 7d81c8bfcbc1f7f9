package org.syncnet.cluster.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncnet.cluster.wire.Append;
import org.syncnet.cluster.wire.Forward;
import org.syncnet.cluster.wire.Message;

/** A follower's forwards to the leader: ack-clocked, so events submitted while one is in flight share the next. */
class SubmissionsTest {
    private static final long RETRY = 500;

    private final List<Message> toLeader = new ArrayList<>();
    private int seen;
    private final ReplicatedLog.Outlet followerOut = (to, m) -> toLeader.add(m);
    private final List<Append> toFollower = new ArrayList<>();
    private final ReplicatedLog.Outlet leaderOut = (to, m) -> {
        if (to.equals("s1") && m instanceof Append a) {
            toFollower.add(a);
        }
    };

    private final Submissions submissions = new Submissions(RETRY);
    private final ReplicatedLog follower =
            new ReplicatedLog("s1", List.of("s0", "s2"), 2, new InMemoryLogStore(), RETRY, submissions::committed);
    private final ReplicatedLog leader =
            new ReplicatedLog("s2", List.of("s0", "s1"), 2, new InMemoryLogStore(), RETRY, e -> { });

    private void submit(long id, long now) {
        submissions.add("c", id, new byte[] {(byte) id}, follower);
        submissions.forward("s1", "s2", true, 2, follower, now, followerOut);
    }

    /** The client event ids forwarded since the last call; the datagrams stay on their way to the leader. */
    private List<Long> forwardedIds() {
        List<Long> ids = new ArrayList<>();
        for (Message m : toLeader.subList(seen, toLeader.size())) {
            for (Forward.Item i : ((Forward) m).items()) {
                ids.add(i.clientEventId());
            }
        }
        seen = toLeader.size();
        return ids;
    }

    /** The leader orders what was forwarded and its appends reach the follower. */
    private void leaderOrders(long now) {
        for (Message m : toLeader) {
            leader.order("s1", (Forward) m);
        }
        toLeader.clear();
        seen = 0;
        for (leader.flush(now, leaderOut); !toFollower.isEmpty(); leader.flush(now, leaderOut)) {
            Append a = toFollower.remove(0);
            leader.onLogAck("s1", follower.onFollowerAppend(2, 1, a), now, leaderOut);
        }
    }

    @Test
    void eventsSubmittedWhileAForwardIsInFlightGoTogetherOnceTheLogShowsIt() {
        leader.startLeading(2, Map.of(), 0, leaderOut);
        submit(1, 0);
        assertEquals(List.of(1L), forwardedIds(), "a lone event goes at once");
        submit(2, 1);
        submit(3, 2);
        assertEquals(List.of(), forwardedIds(), "wait: event 1 is in flight");

        leaderOrders(3);
        submissions.forward("s1", "s2", true, 2, follower, 4, followerOut);
        assertEquals(1, toLeader.size(), "in one datagram:");
        assertEquals(List.of(2L, 3L), forwardedIds());
    }

    @Test
    void aLostForwardHoldsTheNextOnlyUntilTheRetryInterval() {
        submit(1, 0);
        toLeader.clear(); // lost
        seen = 0;
        submit(2, 10);
        assertEquals(List.of(), forwardedIds());
        submissions.forward("s1", "s2", true, 2, follower, RETRY, followerOut);
        assertEquals(List.of(1L, 2L), forwardedIds(), "the lost one again, and the one that waited");
    }

    @Test
    void aNewLeaderGetsEverythingAtOnce() {
        submit(1, 0);
        forwardedIds();
        submit(2, 1);
        submissions.forward("s1", "s0", true, 3, follower, 2, followerOut);
        assertEquals(List.of(1L, 2L), forwardedIds());
    }
}
