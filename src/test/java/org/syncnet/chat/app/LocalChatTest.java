package org.syncnet.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatEventCodec;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.Identity;
import org.syncnet.chat.MalformedEventException;
import org.syncnet.cluster.log.Delivery;

/**
 * The chat's application layer without a container: connections registered and numbered, their events submitted
 * under their ids, the committed log applied, fanned out to the local connections and published to the subscriber.
 */
class LocalChatTest {
    private static final Identity ID = new Identity("u", "h", "");

    /** A connection of a door that records what the chat tells it. */
    private static class FakeConnection implements ChatConnection {
        final ClientId id;
        final List<ChatOutcome> outcomes = new ArrayList<>();
        final List<String> leaders = new ArrayList<>();
        final List<Long> applied = new ArrayList<>();
        final List<Integer> outcomesBeforeApplied = new ArrayList<>();
        int flushes;
        int pings;
        boolean stopping;
        String endedBy;

        FakeConnection(ClientId id) {
            this.id = id;
        }

        @Override
        public ClientId id() {
            return id;
        }

        @Override
        public void onOutcome(ChatOutcome outcome, ChatState state, String leader, SharedEncodings shared) {
            outcomes.add(outcome);
        }

        @Override
        public void applied(long eventNumber) {
            applied.add(eventNumber);
            outcomesBeforeApplied.add(outcomes.size());
        }

        @Override
        public void expireReplies(long submittedBeforeNanos) {
        }

        @Override
        public void leaderChanged(String leader) {
            leaders.add(leader);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void keepAlive() {
            pings++;
        }

        @Override
        public void serverStopping() {
            stopping = true;
        }

        @Override
        public void endedByCluster(String reason) {
            endedBy = reason;
        }
    }

    private record Submitted(String clientId, long number, ChatEvent event) {
    }

    private final List<Submitted> log = new ArrayList<>();
    private final List<Long> published = new ArrayList<>();
    private final List<List<ChatOutcome>> publishedOutcomes = new ArrayList<>();
    private boolean accepting = true;
    private boolean caughtUp = true;
    private long seq;

    private final ConnectionRegistry registry = new ConnectionRegistry("server1", 1, 2, (client, number, payload) -> {
        log.add(new Submitted(client, number, decode(payload)));
        return accepting;
    });
    private final ChatState state = new ChatState();
    private final Object lock = new Object();
    private final LogApplier applier = new LogApplier("server1", state, lock, registry, (d, outcomes) -> {
        published.add(d.seq());
        publishedOutcomes.add(outcomes);
    }, new NickGuard(30_000, id -> true));

    private static ChatEvent decode(byte[] payload) {
        try {
            return ChatEventCodec.decode(payload);
        } catch (MalformedEventException e) {
            throw new AssertionError(e);
        }
    }

    private static Delivery delivery(long seq, String origin, ChatEvent e) {
        return new Delivery(1, seq, origin, "c", seq, ChatEventCodec.encode(e));
    }

    private void commit(String origin, ChatEvent e) {
        applier.deliver(List.of(delivery(++seq, origin, e)));
    }

    private FakeConnection open() {
        ClientId id = registry.allocate();
        FakeConnection c = new FakeConnection(id);
        registry.attach(c);
        return c;
    }

    @Test
    void connectionsAreNumberedFromTheIncarnationAndLimited() {
        assertEquals(1L << ConnectionRegistry.CONNECTION_BITS, registry.firstConnection());
        FakeConnection a = open();
        FakeConnection b = open();
        assertEquals(new ClientId("server1", registry.firstConnection()), a.id());
        assertEquals(new ClientId("server1", registry.firstConnection() + 1), b.id());
        assertNull(registry.allocate(), "two connections at most");
        registry.closed(b, "bye");
        assertEquals(1, registry.size());
        assertTrue(registry.allocate() != null, "room again");
    }

    @Test
    void eachConnectionsEventsGoToTheLogUnderItsIdNumberedFromOne() {
        FakeConnection a = open();
        FakeConnection b = open();
        ChatEvent claim = new ChatEvent.NickClaimed(a.id(), "alice", "", ID);
        assertEquals(1, registry.submit(a, claim));
        assertEquals(2, registry.submit(a, new ChatEvent.RoomJoined(a.id(), "#lobby")));
        assertEquals(1, registry.submit(b, new ChatEvent.NickClaimed(b.id(), "bob", "", ID)));
        assertEquals(List.of(new Submitted(a.id().toString(), 1, claim),
                new Submitted(a.id().toString(), 2, new ChatEvent.RoomJoined(a.id(), "#lobby")),
                new Submitted(b.id().toString(), 1, new ChatEvent.NickClaimed(b.id(), "bob", "", ID))), log);
        accepting = false;
        assertEquals(0, registry.submit(a, new ChatEvent.RoomLeft(a.id(), "#lobby", "")), "the cluster refused it");
    }

    @Test
    void aConnectionHearsThatItsOwnEventWasAppliedAfterTheOutcomesItMeantForIt() {
        FakeConnection a = open();
        FakeConnection b = open();
        String key = a.id().toString();
        applier.deliver(List.of(
                new Delivery(1, 1, "server1", key, 7, ChatEventCodec.encode(new ChatEvent.NickClaimed(a.id(), "alice",
                        "", ID))),
                new Delivery(1, 2, "server1", key, 8, ChatEventCodec.encode(new ChatEvent.RoomJoined(a.id(), "#a"))),
                new Delivery(1, 3, "server1", key, 9, ChatEventCodec.encode(new ChatEvent.RoomJoined(a.id(), "#a"))),
                new Delivery(1, 4, "server1", key, 10, new byte[] {1, 2, 3})));
        assertEquals(List.of(7L, 8L, 9L, 10L), a.applied, "also an event without outcome, and a malformed one");
        assertEquals(List.of(1, 2, 2, 2), a.outcomesBeforeApplied, "each after its own outcomes");
        assertEquals(List.of(), b.applied, "another connection's events");
        applier.deliver(List.of(new Delivery(1, 5, "server2", key, 11,
                ChatEventCodec.encode(new ChatEvent.RoomLeft(a.id(), "#a", "")))));
        assertEquals(4, a.applied.size(), "an entry another server logged is not this connection's");
    }

    @Test
    void connectionsWhoseClientsTheClusterEndedWhileThisServerWasCutOffAreClosed() {
        FakeConnection a = open();
        FakeConnection b = open();
        commit("server1", new ChatEvent.NickClaimed(a.id(), "alice", "", ID));
        commit("server1", new ChatEvent.NickClaimed(b.id(), "bob", "", ID));
        commit("server2", new ChatEvent.ServerGone("server3", Long.MAX_VALUE, "server3 failed"));
        assertNull(a.endedBy, "another server's end");
        commit("server2", new ChatEvent.ServerGone("server1", b.id().connection(), "server1 failed"));
        assertEquals("server1 failed", a.endedBy, "ended by the cluster: closed, to reconnect");
        assertNull(b.endedBy, "above the bound: a client of a later incarnation stays");
    }

    @Test
    void aClosedConnectionThatSpokeLeavesThroughTheLogAndOneThatDidNotLeavesQuietly() {
        FakeConnection silent = open();
        registry.closed(silent, "bye");
        assertEquals(List.of(), log);
        FakeConnection a = open();
        registry.submit(a, new ChatEvent.NickClaimed(a.id(), "alice", "", ID));
        registry.closed(a, "Quit: bye");
        assertEquals(new Submitted(a.id().toString(), 2, new ChatEvent.ClientGone(a.id(), "Quit: bye")), log.get(1));
        assertEquals(0, registry.submit(a, new ChatEvent.RoomJoined(a.id(), "#lobby")), "closed");
        registry.closed(a, "again");
        assertEquals(2, log.size(), "once per connection");
    }

    @Test
    void aReasonBeyondTheLimitsBecomesConnectionClosed() {
        FakeConnection a = open();
        registry.submit(a, new ChatEvent.NickClaimed(a.id(), "alice", "", ID));
        registry.closed(a, "x".repeat(10_000));
        assertEquals(new ChatEvent.ClientGone(a.id(), "Connection closed"), log.get(1).event());
    }

    @Test
    void committedEventsReachTheLocalConnectionsTheyAreMeantForUntilFlushed() {
        FakeConnection a = open();
        FakeConnection b = open();
        ClientId remote = new ClientId("server2", 5);
        commit("server1", new ChatEvent.NickClaimed(a.id(), "alice", "", ID));
        commit("server2", new ChatEvent.NickClaimed(remote, "carol", "", ID));
        commit("server1", new ChatEvent.RoomJoined(a.id(), "#lobby"));
        commit("server2", new ChatEvent.RoomJoined(remote, "#lobby"));
        assertInstanceOf(ChatOutcome.NickAccepted.class, a.outcomes.get(0));
        assertEquals(List.of(), b.outcomes, "b has no nick and no room");
        int before = a.outcomes.size();
        commit("server2", new ChatEvent.MessagePosted(remote, "#lobby", "hi", "m1", 5));
        assertEquals(before + 1, a.outcomes.size());
        assertInstanceOf(ChatOutcome.Posted.class, a.outcomes.get(before));
        assertEquals(0, a.flushes, "queued until the applier's flush");
        applier.flush();
        applier.flush();
        assertEquals(1, a.flushes, "once per connection that got something");
        assertEquals(0, b.flushes);
    }

    @Test
    void everyEntryIsPublishedInOrderWithItsOutcomesAndAMalformedOneWithNone() {
        FakeConnection a = open();
        commit("server1", new ChatEvent.NickClaimed(a.id(), "alice", "", ID));
        applier.deliver(List.of(new Delivery(1, ++seq, "server1", "c", seq, new byte[] {0x7f, 1, 2})));
        commit("server1", new ChatEvent.RoomJoined(a.id(), "#lobby"));
        assertEquals(List.of(1L, 2L, 3L), published);
        assertEquals(List.of(), publishedOutcomes.get(1), "skipped alike on every server");
        assertInstanceOf(ChatOutcome.Joined.class, publishedOutcomes.get(2).get(0));
    }

    @Test
    void restoredEventsAreAppliedOnceAndNotDeliveredAgain() {
        ClientId old = new ClientId("server1", 3);
        List<ChatEvent> stored = List.of(new ChatEvent.NickClaimed(old, "alice", "", ID),
                new ChatEvent.RoomJoined(old, "#lobby"));
        applier.restore(new StoredEvents() {
            @Override
            public long lastSeq() {
                return stored.size();
            }

            @Override
            public long replay(long afterSeq, Replay apply) {
                for (int i = 0; i < stored.size(); i++) {
                    apply.event(i + 1, "server1", ChatEventCodec.encode(stored.get(i)));
                }
                return stored.size();
            }
        }, ChatSnapshots.OFF);
        assertTrue(state.isNickTaken("alice"));
        assertEquals(List.of("#lobby"), state.roomsOf(old));
        applier.deliver(List.of(delivery(2, "server1", new ChatEvent.RoomJoined(old, "#lobby"))));
        assertEquals(List.of(), published, "the log resumed before the last stored event");
        applier.deliver(List.of(delivery(3, "server1", new ChatEvent.RoomLeft(old, "#lobby", ""))));
        assertEquals(List.of(3L), published);
        assertEquals(List.of(), state.roomsOf(old));
    }

    @Test
    void aLeaderChangeReachesEveryConnection() {
        FakeConnection a = open();
        FakeConnection b = open();
        applier.leaderChanged("server3");
        applier.flush();
        assertEquals(List.of("server3"), a.leaders);
        assertEquals(List.of("server3"), b.leaders);
        assertEquals(1, b.flushes);
    }

    @Test
    void theApplicationAnswersTheDoorsAndStopsItsConnections() {
        LocalChat chat = new LocalChat("server1", 1, 10, (client, number, payload) -> true, CommittedEvents.NONE,
                () -> caughtUp, 30_000, false, 0);
        assertEquals("server1", chat.server());
        assertFalse(chat.catchingUp());
        caughtUp = false;
        assertTrue(chat.catchingUp());
        FakeConnection a = new FakeConnection(chat.allocate());
        chat.attach(a);
        assertEquals(1, chat.connectionCount());
        assertEquals(Boolean.FALSE, chat.read(s -> s.isNickTaken("alice")));
        chat.keepAlive();
        assertEquals(1, a.pings);
        chat.stop();
        assertTrue(a.stopping);
    }

    /** Delivers, as committed, the connection's own event {@code number}. */
    private void commitOwn(FakeConnection c, long number, ChatEvent e) {
        applier.deliver(List.of(new Delivery(1, ++seq, "server1", c.id().toString(), number, ChatEventCodec.encode(e))));
    }

    @Test
    void theApplierCountsEventsOutcomesHandedOutAndItsOwnClientsRefusals() {
        FakeConnection a = open();
        FakeConnection b = open();
        commitOwn(a, 1, new ChatEvent.NickClaimed(a.id(), "alice", "", ID));
        commitOwn(a, 2, new ChatEvent.RoomJoined(a.id(), "#lobby"));
        commitOwn(b, 1, new ChatEvent.NickClaimed(b.id(), "alice", "", ID));
        commit("server2", new ChatEvent.NickClaimed(new ClientId("server2", 7), "alice", "", ID));
        ChatCounters counters = applier.counters();
        assertEquals(4, counters.applied());
        assertEquals(a.outcomes.size() + b.outcomes.size(), counters.handedOut());
        assertEquals(1, counters.refusals(ErrorCode.NICK_IN_USE), "b's refusal; server2's client is counted there");
        assertEquals(0, counters.refusals(ErrorCode.BANNED));
    }

    @Test
    void oneEventOfAConnectionAtATimeIsTimedFromItsSubmissionToItsDelivery() {
        List<Long> timed = new ArrayList<>();
        long[] clock = {100};
        registry.timeDeliveries(new DeliveryTiming() {
            @Override
            public long stamp() {
                return clock[0];
            }

            @Override
            public void delivered(long stamp) {
                timed.add(clock[0] - stamp);
            }
        });
        FakeConnection a = open();
        ChatEvent claim = new ChatEvent.NickClaimed(a.id(), "alice", "", ID);
        ChatEvent join = new ChatEvent.RoomJoined(a.id(), "#lobby");
        assertEquals(1, registry.submit(a, claim));
        clock[0] = 150;
        assertEquals(2, registry.submit(a, join), "not timed: the first is in flight");
        clock[0] = 170;
        commitOwn(a, 1, claim);
        commitOwn(a, 2, join);
        assertEquals(List.of(70L), timed);

        assertEquals(3, registry.submit(a, new ChatEvent.RoomLeft(a.id(), "#lobby", "")));
        clock[0] = 200;
        assertEquals(4, registry.submit(a, join), "not timed: 3 is in flight");
        commitOwn(a, 4, join);
        assertEquals(5, registry.submit(a, new ChatEvent.RoomLeft(a.id(), "#lobby", "")));
        clock[0] = 230;
        commitOwn(a, 5, new ChatEvent.RoomLeft(a.id(), "#lobby", ""));
        assertEquals(List.of(70L, 30L), timed, "3 never came (given up on): 4 ended its timing, 5 was timed");

        accepting = false;
        assertEquals(0, registry.submit(a, join));
        accepting = true;
        assertEquals(7, registry.submit(a, join), "the refused submission left nothing in flight");
        clock[0] = 260;
        commitOwn(a, 7, join);
        assertEquals(List.of(70L, 30L, 30L), timed);
    }

    @Test
    void connectionsAreCountedByDoor() {
        open();
        FakeConnection irc = new FakeConnection(registry.allocate()) {
            @Override
            public String door() {
                return "irc";
            }
        };
        registry.attach(irc);
        assertEquals(1, registry.count("irc"));
        assertEquals(1, registry.count("other"));
        assertEquals(0, registry.count("websocket"));
    }
}
