package org.syncnet.door.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.ErrorCode;
import org.syncnet.door.ws.ServerFrame.Presence.Change;

/**
 * The frames of protocol version 5 through the browser door against a one-server log ({@link SessionDriver}): a
 * nick change as IRC's NICK, away messages and who hears of them, and actions; and that older versions get none of it.
 */
class BrowserCommandsTest {
    private static final ClientId A = new ClientId("server1", 1);
    private static final ClientId B = new ClientId("server1", 2);
    private static final ClientId C = new ClientId("server1", 3);
    private static final ClientId D = new ClientId("server1", 4);

    private final SessionDriver d = new SessionDriver();

    /** A welcomed session of {@code version}. */
    private BrowserSession user(ClientId id, String nick, int version) {
        BrowserSession s = d.session(id, 1000);
        d.send(s, "{\"type\":\"hello\",\"nick\":\"" + nick + "\",\"session\":\"k-" + nick + "\",\"version\":"
                + version + "}");
        assertTrue(s.isRegistered(), nick);
        return s;
    }

    private void join(BrowserSession s, String room) {
        d.send(s, "{\"type\":\"join\",\"room\":\"" + room + "\"}");
    }

    private void takeAll(BrowserSession... sessions) {
        for (BrowserSession s : sessions) {
            d.take(s);
        }
    }

    private static String nick(String nick) {
        return "{\"type\":\"nick\",\"nick\":\"" + nick + "\"}";
    }

    private static String away(String message) {
        return "{\"type\":\"away\",\"message\":\"" + message + "\"}";
    }

    private static ServerFrame.Presence renamed(String room, String from, String to) {
        return new ServerFrame.Presence(room, from, Change.NICK, to, null);
    }

    @Test
    void aNickFrameRenamesAsIrcsNick() {
        BrowserSession a = user(A, "alice", 5);
        BrowserSession b = user(B, "bob", 5);
        join(a, "#a");
        join(b, "#a");
        join(a, "#b");
        takeAll(a, b);

        assertEquals(List.of(new ServerFrame.Nick("alice", "alicia"), renamed("#a", "alice", "alicia"),
                renamed("#b", "alice", "alicia")), d.send(a, nick("alicia")));
        assertEquals(List.of(renamed("#a", "alice", "alicia")), d.take(b));
        assertEquals("alicia", d.state.nickOf(A));

        BrowserSession.Result same = a.onText(nick("alicia"), 0, 0);
        assertEquals(List.of(), same.toLog(), "one's own nick exactly: nothing logged");
        assertEquals(List.of(), same.reply());
        assertEquals(List.of(new ServerFrame.Nick("alicia", "Alicia"), renamed("#a", "alicia", "Alicia"),
                renamed("#b", "alicia", "Alicia")), d.send(a, nick("Alicia")), "a case-only change is a change");
        d.take(b);

        d.send(a, "{\"type\":\"message\",\"id\":\"m1\",\"room\":\"#a\",\"text\":\"still me\"}");
        assertEquals("Alicia", ((ServerFrame.Event) d.take(b).get(0)).nick());
    }

    @Test
    void aNickFrameIsRefusedAsIrcsNickIs() {
        BrowserSession a = user(A, "alice", 5);
        user(B, "bob", 5);
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.NICK_IN_USE, "the nick BOB is taken", null, null, "BOB")),
                d.send(a, nick("BOB")));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.BAD_NICK, "the nick NickServ is reserved", null, null,
                "NickServ")), d.send(a, nick("NickServ")));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.BAD_NICK,
                "nick: 1-16 of letters, digits, []\\`_^{|}-, not starting with a digit or '-'", null, null, "-x")),
                d.send(a, nick("-x")));
        assertEquals("alice", d.state.nickOf(A), "nothing changed");
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.NOT_REGISTERED, "send hello first", null)),
                d.send(d.session(C, 10), nick("carol")), "not before the welcome");
    }

    /**
     * A nick registered to an account the client is not logged in to is taken, as IRC's NICK takes it; when the
     * grace period ends (its server logs the enforcement) the client becomes a guest and is told why.
     */
    @Test
    void aRegisteredNickIsTakenUntilItsGraceEnds() {
        BrowserSession owner = user(A, "alice", 5);
        d.send(owner, "{\"type\":\"register\",\"password\":\"pencil-sharpener\"}");
        d.send(owner, nick("owner"));
        BrowserSession b = user(B, "bob", 5);
        assertEquals(List.of(new ServerFrame.Nick("bob", "alice")), d.send(b, nick("alice")));
        assertTrue(d.state.holdsUnownedNick(B));
        d.take(b);
        d.commit(new ChatEvent.NickEnforced(B, "alice"));
        List<ServerFrame> enforced = d.take(b);
        assertEquals("alice", ((ServerFrame.Nick) enforced.get(0)).nick());
        assertTrue(((ServerFrame.Nick) enforced.get(0)).newNick().startsWith("Guest"), enforced::toString);
        assertEquals(new ServerFrame.Error(ErrorCode.NICK_REGISTERED,
                "the nick alice is registered; log in with its password", null, null, "alice"), enforced.get(1));
    }

    /** The resume session stays with the client through a rename: a hello with the new nick takes over. */
    @Test
    void aRenamedClientResumesUnderItsNewNick() {
        BrowserSession a = user(A, "alice", 5);
        join(a, "#a");
        d.send(a, nick("alicia"));
        BrowserSession again = d.session(new ClientId("server2", 1), 100);
        List<ServerFrame> got = d.send(again,
                "{\"type\":\"hello\",\"nick\":\"alicia\",\"session\":\"k-alice\",\"version\":5,\"resumeFrom\":3}");
        assertEquals(new ServerFrame.Welcome(SessionDriver.SERVER, SessionDriver.LEADER, "alicia"), got.get(0));
        assertEquals(List.of("alicia"), ((ServerFrame.Members) got.get(1)).nicks());
        assertTrue(a.isClosed());
        assertEquals(ErrorCode.REPLACED, a.closedBy());
        assertTrue(again.isRegistered());
    }

    /**
     * The client itself always hears of its away message; its version 5 room mates once each, however many rooms they
     * share, and only when it changed; an older room mate and a stranger never.
     */
    @Test
    void anAwayChangeReachesItsRoomMatesOnceEach() {
        BrowserSession a = user(A, "alice", 5);
        BrowserSession b = user(B, "bob", 5);
        BrowserSession c = user(C, "carol", 4);
        BrowserSession stranger = user(D, "dave", 5);
        for (BrowserSession s : List.of(a, b, c)) {
            join(s, "#a");
            join(s, "#b");
        }
        join(stranger, "#elsewhere");
        takeAll(a, b, c, stranger);

        assertEquals(List.of(new ServerFrame.Away("alice", "gone to lunch")), d.send(a, away("gone to lunch")));
        assertEquals(List.of(new ServerFrame.Away("alice", "gone to lunch")), d.take(b));
        assertEquals(List.of(), d.take(c), "version 4: no away frames");
        assertEquals(List.of(), d.take(stranger));
        assertEquals(List.of(new ServerFrame.Away("alice", "gone to lunch")), d.send(a, away("gone to lunch")),
                "the same again: confirmed");
        assertEquals(List.of(), d.take(b), "but nothing changed for the others");
        assertEquals(List.of(new ServerFrame.Away("alice", "")), d.send(a, away("")));
        assertEquals(List.of(new ServerFrame.Away("alice", "")), d.take(b), "back");

        String tooLong = "x".repeat(301);
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.BAD_TEXT,
                "message: one line, at most 300 bytes of UTF-8, no control characters but IRC formatting", null)),
                d.send(a, away(tooLong)));
        assertEquals("", d.state.awayOf(A), "nothing changed");
    }

    /** A joiner learns who is away from the members frame; the room learns that an away joiner is. */
    @Test
    void membersSayWhoIsAwayAndAnAwayJoinerSaysSo() {
        BrowserSession a = user(A, "alice", 5);
        BrowserSession b = user(B, "bob", 5);
        BrowserSession c = user(C, "carol", 4);
        join(a, "#a");
        d.send(a, away("lunch"));
        List<ServerFrame> bobJoins = d.send(b, "{\"type\":\"join\",\"room\":\"#a\"}");
        assertEquals(Map.of("alice", "lunch"), ((ServerFrame.Members) bobJoins.get(1)).away());
        assertEquals(null, ((ServerFrame.Members) d.send(c, "{\"type\":\"join\",\"room\":\"#a\"}").get(1)).away(),
                "version 4: no away in members");
        d.send(b, away("busy"));
        takeAll(a, b, c);
        join(b, "#b");
        d.take(b);
        join(a, "#b");
        assertEquals(Map.of("bob", "busy", "alice", "lunch"), ((ServerFrame.Members) d.take(a).get(1)).away(),
                "the joiner knows from the members frame");
        assertEquals(List.of(new ServerFrame.Presence("#b", "alice", Change.JOIN, null, null),
                new ServerFrame.Away("alice", "lunch")), d.take(b), "the room hears the away joiner is away");
        d.send(a, away(""));
        takeAll(a, b);
        List<ServerFrame> members = d.send(a, "{\"type\":\"join\",\"room\":\"#c\"}");
        assertEquals(Map.of(), ((ServerFrame.Members) members.get(1)).away(), "nobody away: empty");
    }

    /** A private message to an away user is confirmed, then its sender told the away message (IRC's 301). */
    @Test
    void aPrivateMessageToAnAwayUserBringsItsAwayMessage() {
        BrowserSession a = user(A, "alice", 5);
        BrowserSession b = user(B, "bob", 5);
        BrowserSession c = user(C, "carol", 4);
        d.send(a, away("lunch"));
        takeAll(a);
        List<ServerFrame> sent = d.send(b, "{\"type\":\"private\",\"id\":\"p1\",\"to\":\"alice\",\"text\":\"hi\"}");
        assertEquals(2, sent.size(), sent::toString);
        assertEquals("p1", ((ServerFrame.Private) sent.get(0)).id(), "the confirmation first");
        assertEquals(new ServerFrame.Away("alice", "lunch"), sent.get(1));
        assertEquals(1, d.take(a).size(), "the recipient gets the message only");
        assertEquals(List.of(new ServerFrame.Away("alice", "lunch")),
                d.send(b, "{\"type\":\"private\",\"id\":\"p1\",\"to\":\"alice\",\"text\":\"hi\"}").subList(1, 2),
                "a resend is confirmed the same way");
        assertEquals(1, d.send(c, "{\"type\":\"private\",\"id\":\"c1\",\"to\":\"alice\",\"text\":\"hi\"}").size(),
                "version 4: the confirmation only");
        d.send(a, away(""));
        assertEquals(1, d.send(b, "{\"type\":\"private\",\"id\":\"p2\",\"to\":\"alice\",\"text\":\"hi\"}").size(),
                "back: no away frame");
    }

    /**
     * An action is posted as an IRC client's {@code /me}, a CTCP ACTION, so everyone sees it alike; a resend with the
     * same id is recognized as for any message.
     */
    @Test
    void actionsArePostedAsCtcpActions() {
        BrowserSession a = user(A, "alice", 5);
        BrowserSession b = user(B, "bob", 1);
        join(a, "#a");
        join(b, "#a");
        takeAll(a, b);
        String wave = "{\"type\":\"message\",\"id\":\"m1\",\"room\":\"#a\",\"text\":\"waves\",\"action\":true}";
        BrowserSession.Result r = a.onText(wave, 0, 77);
        assertEquals(List.of(new ChatEvent.MessagePosted(A, "#a", "\u0001ACTION waves\u0001", "m1", 77)), r.toLog());
        ServerFrame.Event posted = (ServerFrame.Event) d.carryOut(a, r).get(0);
        assertEquals(new ServerFrame.Event(posted.seq(), "#a", "alice", "\u0001ACTION waves\u0001", 77, "m1"), posted);
        assertEquals(List.of(new ServerFrame.Event(posted.seq(), "#a", "alice", "\u0001ACTION waves\u0001", 77, null)),
                d.take(b), "any version: the event as it always was");
        assertEquals(List.of(posted), d.send(a, wave), "a resend: the original, once");
        assertEquals(List.of(), d.take(b));

        List<ServerFrame> sent = d.send(a,
                "{\"type\":\"private\",\"id\":\"p1\",\"to\":\"bob\",\"text\":\"nods\",\"action\":true}");
        assertEquals("\u0001ACTION nods\u0001", ((ServerFrame.Private) sent.get(0)).text());
        assertEquals("\u0001ACTION nods\u0001", ((ServerFrame.Private) d.take(b).get(0)).text());
    }

    /** Versions 1 to 4 do not know the frames of version 5. */
    @Test
    void olderVersionsGetUnknownTypeAndBadField() {
        BrowserSession c = user(C, "carol", 4);
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.UNKNOWN_TYPE, "unknown frame type", null)),
                d.send(c, nick("caroline")));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.UNKNOWN_TYPE, "unknown frame type", null)),
                d.send(c, away("lunch")));
        join(c, "#a");
        d.take(c);
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.BAD_FIELD, "unexpected field \"action\"", null)),
                d.send(c, "{\"type\":\"message\",\"id\":\"m1\",\"room\":\"#a\",\"text\":\"waves\",\"action\":true}"));
        assertEquals("carol", d.state.nickOf(C));
        assertEquals("", d.state.awayOf(C));
        assertFalse(c.isClosed());
    }
}
