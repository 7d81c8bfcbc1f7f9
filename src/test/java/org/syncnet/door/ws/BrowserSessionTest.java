package org.syncnet.door.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Identity;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.ModeChange;

/** A browser session against a one-server "log" that commits every event at once ({@link SessionDriver}). */
class BrowserSessionTest {
    private static final ClientId A = new ClientId("server1", 1);
    private static final ClientId B = new ClientId("server1", 2);

    private final SessionDriver driver = new SessionDriver();
    private final ChatState state = driver.state;

    private BrowserSession session(ClientId id, int burst) {
        return driver.session(id, burst);
    }

    /** Sends a frame, checks, commits what it logs; returns what the session receives. */
    private List<ServerFrame> send(BrowserSession s, String json) {
        return driver.send(s, json);
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
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.NICK_IN_USE, "the nick ALICE is taken", null)),
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
        assertEquals(List.of(), r.toLog(), "the accounts are asked first");
        assertEquals(ErrorCode.NOT_REGISTERED, ((ServerFrame.Error) a.onText("{\"type\":\"hello\",\"nick\":\"x\"}", 0, 0)
                .reply().get(0)).code());
        r = a.onVerified(r.check(), driver.clerk.verify(r.check(), 0), 0);
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
    void moderationFramesBecomeEventsStampedWithTheServersTime() {
        BrowserSession a = session(A, 100);
        send(a, "{\"type\":\"hello\",\"nick\":\"alice\",\"version\":3}");
        assertEquals(List.of(new ChatEvent.RoomJoined(A, "#a", "s3cret", 40)),
                a.onText("{\"type\":\"join\",\"room\":\"#a\",\"key\":\"s3cret\"}", 0, 40).toLog());
        assertEquals(List.of(new ChatEvent.RoomJoined(A, "#b", "", 0)),
                a.onText("{\"type\":\"join\",\"room\":\"#b\"}", 0, -5).toLog(), "a clock before 1970 counts as 0");
        assertEquals(List.of(new ChatEvent.TopicSet(A, "#a", "news")),
                a.onText("{\"type\":\"topic\",\"room\":\"#a\",\"topic\":\"news\"}", 0, 0).toLog());
        assertEquals(List.of(new ChatEvent.ModesChanged(A, "#a", List.of(new ModeChange(true, 'v', "bob"),
                        new ModeChange(false, 'm')), 77)),
                a.onText("{\"type\":\"mode\",\"room\":\"#a\",\"changes\":[{\"set\":true,\"mode\":\"v\",\"arg\":\"bob\"},"
                        + "{\"set\":false,\"mode\":\"m\"}]}", 0, 77).toLog());
        assertEquals(List.of(new ChatEvent.Kicked(A, "#a", "bob", "spam")),
                a.onText("{\"type\":\"kick\",\"room\":\"#a\",\"nick\":\"bob\",\"reason\":\"spam\"}", 0, 0).toLog());
        assertEquals(List.of(new ChatEvent.Kicked(A, "#a", "bob", "")),
                a.onText("{\"type\":\"kick\",\"room\":\"#a\",\"nick\":\"bob\"}", 0, 0).toLog());
        assertEquals(List.of(new ChatEvent.Invited(A, "#a", "carol")),
                a.onText("{\"type\":\"invite\",\"room\":\"#a\",\"nick\":\"carol\"}", 0, 0).toLog());
        BrowserSession.Result bad = a.onText("{\"type\":\"mode\",\"room\":\"#a\",\"changes\":[]}", 0, 0);
        assertEquals(List.of(), bad.toLog());
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.BAD_FIELD, "changes: 1 to 4 objects {set, mode, arg}", null,
                "#a", null)), bad.reply());
    }

    @Test
    void moderationFramesNeedAWelcomeFirst() {
        BrowserSession a = session(A, 100);
        BrowserSession.Result r = a.onText("{\"type\":\"kick\",\"room\":\"#a\",\"nick\":\"bob\"}", 0, 0);
        assertEquals(List.of(), r.toLog());
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.NOT_REGISTERED, "send hello first", null)), r.reply());
    }

    /**
     * Alice (version 3) kicks Bob (version 1) out of a moderated room: she sees the room's statuses, its modes and the
     * kick; he sees what a version 1 client always saw, the kick as his own part, so his page drops the room.
     */
    @Test
    void aVersion3ClientSeesModerationAnOlderOneWhatItUnderstands() {
        BrowserSession a = session(A, 100);
        BrowserSession b = session(B, 100);
        send(a, "{\"type\":\"hello\",\"nick\":\"alice\",\"version\":3}");
        send(b, "{\"type\":\"hello\",\"nick\":\"bob\",\"version\":2}");
        List<ServerFrame> aliceJoin = send(a, "{\"type\":\"join\",\"room\":\"#a\"}");
        assertEquals(new ServerFrame.Members("#a", List.of("alice"), "", new ServerFrame.Channel(List.of("alice"),
                List.of(), new ServerFrame.Modes("+nt", "", 0, List.of()), 1000)), aliceJoin.get(1));
        assertEquals(new ServerFrame.Members("#a", List.of("alice", "bob"), ""),
                send(b, "{\"type\":\"join\",\"room\":\"#a\"}").get(1), "version 2: the fields it knows");

        driver.take(a);
        driver.take(b);
        send(a, "{\"type\":\"mode\",\"room\":\"#a\",\"changes\":[{\"set\":true,\"mode\":\"m\"}]}");
        send(b, "{\"type\":\"message\",\"id\":\"b1\",\"room\":\"#a\",\"text\":\"hi\"}");
        send(a, "{\"type\":\"kick\",\"room\":\"#a\",\"nick\":\"bob\",\"reason\":\"spam\"}");
        assertEquals(List.of(
                new ServerFrame.Mode("#a", "alice", List.of(new ModeChange(true, 'm')),
                        new ServerFrame.Modes("+mnt", "", 0, null)),
                new ServerFrame.Kick("#a", "alice", "bob", "spam")), driver.take(a));
        assertEquals(List.of(
                new ServerFrame.Error(ErrorCode.MODERATED, "#a is moderated: only voiced users may speak", "b1"),
                new ServerFrame.Presence("#a", "bob", ServerFrame.Presence.Change.PART, null, "kicked by alice: spam")),
                driver.take(b));
    }

    @Test
    void theRateLimitDropsFramesAndNamesTheMessage() {
        BrowserSession a = session(A, 2);
        send(a, "{\"type\":\"hello\",\"nick\":\"alice\"}");
        send(a, "{\"type\":\"join\",\"room\":\"#a\"}");
        BrowserSession.Result r = a.onText("{\"type\":\"message\",\"id\":\"m1\",\"room\":\"#a\",\"text\":\"x\"}", 0, 0);
        assertEquals(List.of(), r.toLog());
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.RATE_LIMITED, "slow down; resend later", "m1")), r.reply());
        driver.nanos = 1_000_000_000L;
        assertEquals(1, a.onText("{\"type\":\"message\",\"id\":\"m1\",\"room\":\"#a\",\"text\":\"x\"}", driver.nanos, 0)
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
        List<ServerFrame> got = send(a2, "{\"type\":\"hello\",\"nick\":\"alice\",\"session\":\"k\",\"resumeFrom\":2}");
        assertEquals(new ServerFrame.Welcome("server1", "server3", "alice"), got.get(0));
        assertEquals(new ServerFrame.Members("#a", List.of("alice"), ""), got.get(1));
        assertTrue(a.isClosed());
        assertFalse(a2.isClosed());
        assertEquals(BrowserSession.Result.class, a.onText("{}", 0, 0).getClass());
        assertEquals(List.of(), a.onText("{\"type\":\"join\",\"room\":\"#b\"}", 0, 0).toLog());
    }

    @Test
    void aSessionKilledByAServerOperatorIsToldWhyAndClosed() {
        BrowserSession a = session(A, 100);
        send(a, "{\"type\":\"hello\",\"nick\":\"alice\"}");
        assertEquals(null, a.closedBy());
        ClientId oper = new ClientId("server2", 7);
        driver.commit(new ChatEvent.NickClaimed(oper, "root", "", new Identity("~r", "h", "R")));
        driver.commit(new ChatEvent.OperUp(oper, "admin"));
        driver.take(a);
        driver.commit(new ChatEvent.Killed(oper, "alice", "spam"));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.KILLED, "Killed (root (spam))", null)), driver.take(a));
        assertTrue(a.isClosed());
        assertEquals(ErrorCode.KILLED, a.closedBy());
    }
}
