package org.syncnet.door.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Identity;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.TokenBucket;

/** A browser session against a one-server "log" that commits every event at once. */
class BrowserSessionTest {
    private static final ClientId A = new ClientId("server1", 1);
    private static final ClientId B = new ClientId("server1", 2);

    private final ChatState state = new ChatState();
    private final OutcomeFrames outcomeFrames = new OutcomeFrames("server1", 1 << 20);
    private final ClientFrameDecoder decoder = new ClientFrameDecoder();
    private long seq;
    private long now;

    private BrowserSession session(ClientId id, int burst) {
        return new BrowserSession(id, new TokenBucket(burst, 1, 0), decoder);
    }

    /** Sends a frame; commits what it logs; returns what every listed session receives, replies first. */
    private List<ServerFrame> send(BrowserSession s, String json, BrowserSession... others) {
        BrowserSession.Result r = s.onText(json, now, 1000);
        List<ServerFrame> got = new ArrayList<>(r.reply());
        for (ChatEvent e : r.toLog()) {
            for (ChatOutcome o : state.apply(++seq, e)) {
                if (o.to().contains(s.id())) {
                    got.addAll(s.onOutcome(o, state, outcomeFrames, "server3"));
                }
                for (BrowserSession other : others) {
                    if (o.to().contains(other.id())) {
                        other.onOutcome(o, state, outcomeFrames, "server3");
                    }
                }
            }
        }
        return got;
    }

    @Test
    void registrationComesFirstAndATakenNickCanBeRetried() {
        BrowserSession a = session(A, 100);
        BrowserSession b = session(B, 100);
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.NOT_REGISTERED, "send hello first", null)),
                send(a, "{\"type\":\"join\",\"room\":\"#a\"}"));
        assertEquals(List.of(new ServerFrame.Welcome("server1", "server3", "alice")),
                send(a, "{\"type\":\"hello\",\"nick\":\"alice\"}"));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.ALREADY_REGISTERED, "already registered", null)),
                send(a, "{\"type\":\"hello\",\"nick\":\"al\"}"));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.NICK_IN_USE, "ALICE", null)),
                send(b, "{\"type\":\"hello\",\"nick\":\"ALICE\"}"));
        assertEquals(List.of(new ServerFrame.Welcome("server1", "server3", "bob")),
                send(b, "{\"type\":\"hello\",\"nick\":\"bob\"}"));
    }

    @Test
    void aVersion2HelloAsksForObjectsJoinedByLines() {
        BrowserSession a = session(A, 100);
        BrowserSession b = session(B, 100);
        assertFalse(a.readsLines());
        send(a, "{\"type\":\"hello\",\"nick\":\"alice\",\"version\":2}");
        send(b, "{\"type\":\"hello\",\"nick\":\"bob\"}");
        assertTrue(a.readsLines());
        assertFalse(b.readsLines());
    }

    @Test
    void aPendingHelloBlocksOtherFrames() {
        BrowserSession a = session(A, 100);
        BrowserSession.Result r = a.onText("{\"type\":\"hello\",\"nick\":\"alice\"}", 0, 0);
        assertEquals(List.of(new ChatEvent.NickClaimed(A, "alice", "", new Identity("web", A.server(), ""))), r.toLog());
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.NOT_REGISTERED, "waiting for the nick", "m1")),
                a.onText("{\"type\":\"message\",\"id\":\"m1\",\"room\":\"#a\",\"text\":\"x\"}", 0, 0).reply());
        assertEquals(ErrorCode.NOT_REGISTERED, ((ServerFrame.Error) a.onText("{\"type\":\"hello\",\"nick\":\"x\"}", 0, 0)
                .reply().get(0)).code());
    }

    @Test
    void framesBecomeEventsStampedWithTheServersTime() {
        BrowserSession a = session(A, 100);
        send(a, "{\"type\":\"hello\",\"nick\":\"alice\"}");
        BrowserSession.Result r = a.onText("{\"type\":\"message\",\"id\":\"m1\",\"room\":\"#a\",\"text\":\"x\"}", 0, 777);
        assertEquals(List.of(new ChatEvent.MessagePosted(A, "#a", "x", "m1", 777)), r.toLog());
        assertEquals(List.of(new ChatEvent.RoomLeft(A, "#a", "bye")),
                a.onText("{\"type\":\"part\",\"room\":\"#a\",\"reason\":\"bye\"}", 0, 0).toLog());
        assertEquals(List.of(new ChatEvent.PrivateMessage(A, "bob", "hi", "p1", 5)),
                a.onText("{\"type\":\"private\",\"id\":\"p1\",\"to\":\"bob\",\"text\":\"hi\"}", 0, 5).toLog());
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.BAD_JSON, "invalid JSON", null)),
                a.onText("{", 0, 0).reply());
    }

    @Test
    void theRateLimitDropsFramesAndNamesTheMessage() {
        BrowserSession a = session(A, 2);
        send(a, "{\"type\":\"hello\",\"nick\":\"alice\"}");
        send(a, "{\"type\":\"join\",\"room\":\"#a\"}");
        BrowserSession.Result r = a.onText("{\"type\":\"message\",\"id\":\"m1\",\"room\":\"#a\",\"text\":\"x\"}", 0, 0);
        assertEquals(List.of(), r.toLog());
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.RATE_LIMITED, "slow down; resend later", "m1")), r.reply());
        now = 1_000_000_000L;
        assertEquals(1, a.onText("{\"type\":\"message\",\"id\":\"m1\",\"room\":\"#a\",\"text\":\"x\"}", now, 0)
                .toLog().size());
    }

    @Test
    void garbageCostsTokensAndAFloodCloses() {
        BrowserSession a = session(A, 1);
        assertEquals(ErrorCode.BAD_JSON, ((ServerFrame.Error) a.onText("x", 0, 0).reply().get(0)).code());
        for (int i = 0; i < BrowserSession.FLOOD_STRIKES; i++) {
            assertEquals(ErrorCode.RATE_LIMITED, ((ServerFrame.Error) a.onText("x", 0, 0).reply().get(0)).code());
            assertFalse(a.isClosed());
        }
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.RATE_LIMITED, "flooding: disconnected", null)),
                a.onText("{\"type\":\"hello\",\"nick\":\"a\"}", 0, 0).reply());
        assertTrue(a.isClosed());
    }

    @Test
    void aRejoinWithAResumePointGetsOnlyTheHistoryAfterIt() {
        BrowserSession a = session(A, 100);
        BrowserSession b = session(B, 100);
        send(a, "{\"type\":\"hello\",\"nick\":\"alice\"}");
        send(a, "{\"type\":\"join\",\"room\":\"#a\"}");
        send(a, "{\"type\":\"message\",\"id\":\"m1\",\"room\":\"#a\",\"text\":\"one\"}");  // seq 3
        send(a, "{\"type\":\"message\",\"id\":\"m2\",\"room\":\"#a\",\"text\":\"two\"}");  // seq 4
        send(b, "{\"type\":\"hello\",\"nick\":\"bob\"}");
        List<ServerFrame> got = send(b, "{\"type\":\"join\",\"room\":\"#A\",\"resumeFrom\":3}");
        assertEquals(new ServerFrame.History("#a", List.of(new ServerFrame.Event(4, "#a", "alice", "two", 1000, null)),
                true), got.get(2));
        send(b, "{\"type\":\"part\",\"room\":\"#a\"}");
        List<ServerFrame> again = send(b, "{\"type\":\"join\",\"room\":\"#a\"}");
        assertEquals(2, ((ServerFrame.History) again.get(2)).messages().size(), "no resume point: all history");
    }

    @Test
    void aSessionResumedElsewhereIsClosed() {
        BrowserSession a = session(A, 100);
        BrowserSession a2 = session(new ClientId("server2", 1), 100);
        send(a, "{\"type\":\"hello\",\"nick\":\"alice\",\"session\":\"k\"}");
        send(a, "{\"type\":\"join\",\"room\":\"#a\"}");
        List<ServerFrame> got = send(a2, "{\"type\":\"hello\",\"nick\":\"alice\",\"session\":\"k\",\"resumeFrom\":2}", a);
        assertEquals(new ServerFrame.Welcome("server1", "server3", "alice"), got.get(0));
        assertEquals(new ServerFrame.Members("#a", List.of("alice"), ""), got.get(1));
        assertTrue(a.isClosed());
        assertFalse(a2.isClosed());
        assertEquals(BrowserSession.Result.class, a.onText("{}", 0, 0).getClass());
        assertEquals(List.of(), a.onText("{\"type\":\"join\",\"room\":\"#b\"}", 0, 0).toLog());
    }
}
