package org.syncnet.cluster.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncnet.cluster.log.entry.LogEntry;
import org.syncnet.cluster.wire.Append;
import org.syncnet.cluster.wire.Fetch;
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

    /** Straight to the leader, no relay. */
    private static Submissions.Route to(String leader) {
        return new Submissions.Route(leader, null, true);
    }

    private void submit(long id, long now) {
        submissions.add("c", id, new byte[] {(byte) id}, follower);
        submissions.forward("s1", to("s2"), true, 2, follower, now, followerOut);
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
        submissions.forward("s1", to("s2"), true, 2, follower, 4, followerOut);
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
        submissions.forward("s1", to("s2"), true, 2, follower, RETRY, followerOut);
        assertEquals(List.of(1L, 2L), forwardedIds(), "the lost one again, and the one that waited");
    }

    @Test
    void aNewLeaderGetsEverythingAtOnce() {
        submit(1, 0);
        forwardedIds();
        submit(2, 1);
        submissions.forward("s1", to("s0"), true, 3, follower, 2, followerOut);
        assertEquals(List.of(1L, 2L), forwardedIds());
    }

    /** The client event ids in the leader's log, in log order. */
    private List<Long> leaderLog() {
        return clientEventIds(leader);
    }

    private static List<Long> clientEventIds(ReplicatedLog log) {
        List<Long> ids = new ArrayList<>();
        for (Append a : log.onFetch(new Fetch(1))) {
            a.entries().stream().filter(e -> !e.isBarrier()).forEach(e -> ids.add(e.clientEventId()));
        }
        return ids;
    }

    @Test
    void eachForwardedPartNamesThePartOfItsClientThatIsStillWaitingBeforeIt() {
        submit(1, 0);
        submissions.add("other", 7, new byte[] {7}, follower);
        submissions.add("c", 2, new byte[LogEntry.MAX_PAYLOAD + 1], follower); // two parts
        toLeader.clear(); // all lost
        submissions.forward("s1", to("s2"), true, 2, follower, RETRY, followerOut);
        List<Forward.Item> items = new ArrayList<>();
        toLeader.forEach(m -> items.addAll(((Forward) m).items()));
        assertEquals(4, items.size());
        assertEquals(null, items.get(0).after(), "c#1: nothing of c waits before it");
        assertEquals(null, items.get(1).after(), "other#7: another client");
        assertEquals(new Forward.After(1, 0), items.get(2).after(), "c#2 part 0 after c#1");
        assertEquals(new Forward.After(2, 0), items.get(3).after(), "c#2 part 1 after its part 0");
        leaderCommits(items.get(0));
        toLeader.clear();
        submissions.forward("s1", to("s2"), true, 2, follower, 2 * RETRY, followerOut);
        items.clear();
        toLeader.forEach(m -> items.addAll(((Forward) m).items()));
        assertEquals(null, items.get(items.size() - 2).after(), "c#1 is committed: c#2 waits for nothing");
    }

    /** The follower's log commits this item (as if the leader ordered it and its append arrived). */
    private void leaderCommits(Forward.Item item) {
        leader.startLeading(2, Map.of(), 0, leaderOut);
        leader.order("s1", new Forward(List.of(new Forward.Item(item.clientId(), item.clientEventId(), item.part(),
                item.parts(), item.payload()))));
        for (leader.flush(1, leaderOut); !toFollower.isEmpty(); leader.flush(1, leaderOut)) {
            Append a = toFollower.remove(0);
            leader.onLogAck("s1", follower.onFollowerAppend(2, 1, a), 1, leaderOut);
        }
    }

    @Test
    void aPartWhosePredecessorNeverArrivesIsNotOrderedBeforeIt() {
        leader.startLeading(2, Map.of(), 0, leaderOut);
        submit(1, 0);
        toLeader.clear(); // lost
        seen = 0;
        submit(2, 1);
        submissions.forward("s1", to("s2"), true, 2, follower, RETRY / 2, followerOut);
        // Had 2 been sent (it is not: 1 is in flight), the leader would hold it; here nothing reaches it at all.
        assertEquals(List.of(), forwardedIds());
        Forward onlyTwo = new Forward(List.of(new Forward.Item("c", 2, 0, 1, new byte[] {2},
                new Forward.After(1, 0))));
        leader.order("s1", onlyTwo);
        assertEquals(List.of(), leaderLog(), "2 waits for 1");
        assertEquals(1, leader.heldBack());
        leader.order("s1", new Forward("c", 1, new byte[] {1}));
        assertEquals(List.of(1L, 2L), leaderLog(), "1 arrives: 2 follows at once");
    }

    @Test
    void aServerThatBecomesLeaderOrdersItsOwnWaitingEventsInTheirOrder() {
        // s2 followed s0 and forwarded events 1..3 to it moments ago; 4 and 5 came after (not yet sent). s0 died.
        Submissions own = new Submissions(RETRY);
        ReplicatedLog self = new ReplicatedLog("s2", List.of("s0", "s1"), 2, new InMemoryLogStore(), RETRY,
                own::committed);
        for (long id = 1; id <= 3; id++) {
            own.add("c", id, new byte[] {(byte) id}, self);
        }
        own.forward("s2", to("s0"), true, 1, self, 0, (to, m) -> { });
        for (long id = 4; id <= 5; id++) {
            own.add("c", id, new byte[] {(byte) id}, self);
        }
        self.startLeading(2, Map.of(), 10, (to, m) -> { });
        own.forward("s2", to("s2"), true, 2, self, 10, (to, m) -> { });
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), clientEventIds(self),
                "not 4 and 5 before the three sent to the old leader");
    }
}
