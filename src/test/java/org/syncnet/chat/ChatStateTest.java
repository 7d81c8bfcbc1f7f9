package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent.ClientGone;
import org.syncnet.chat.ChatEvent.MessagePosted;
import org.syncnet.chat.ChatEvent.NickClaimed;
import org.syncnet.chat.ChatEvent.RoomJoined;
import org.syncnet.chat.ChatEvent.RoomLeft;
import org.syncnet.chat.ChatEvent.ServerGone;
import org.syncnet.chat.ChatEvent.TopicSet;
import org.syncnet.chat.ChatOutcome.Joined;
import org.syncnet.chat.ChatOutcome.Left;
import org.syncnet.chat.ChatOutcome.NickAccepted;
import org.syncnet.chat.ChatOutcome.NickChanged;
import org.syncnet.chat.ChatOutcome.NickResumed;
import org.syncnet.chat.ChatOutcome.Posted;
import org.syncnet.chat.ChatOutcome.Quit;
import org.syncnet.chat.ChatOutcome.Rejected;
import org.syncnet.chat.ChatOutcome.TopicChanged;

class ChatStateTest {
    private static final ClientId A = new ClientId("server1", 1);
    private static final ClientId B = new ClientId("server2", 1);
    private static final ClientId C = new ClientId("server2", 2);
    private static final ClientId D = new ClientId("server3", 1);

    private final ChatState state = new ChatState(3, 30);
    private long seq;

    private List<ChatOutcome> apply(ChatEvent e) {
        return state.apply(++seq, e);
    }

    private ChatOutcome only(ChatEvent e) {
        List<ChatOutcome> out = apply(e);
        assertEquals(1, out.size(), () -> "outcomes " + out);
        return out.get(0);
    }

    private void register(ClientId c, String nick) {
        assertEquals(new NickAccepted(c, nick), only(new NickClaimed(c, nick, "", Events.ID)));
    }

    private static MessagePosted say(ClientId c, String room, String text) {
        return new MessagePosted(c, room, text, "id-" + text, 1000);
    }

    @Test
    void theFirstClaimInTheLogWinsUnderRfc1459Casemapping() {
        register(A, "Nick[1]");
        for (String taken : new String[] {"Nick[1]", "nick{1}", "NICK[1]", "nICK{1]"}) {
            assertEquals(new Rejected(B, ErrorCode.NICK_IN_USE, taken), only(new NickClaimed(B, taken, "", Events.ID)));
        }
        assertEquals("Nick[1]", state.member(A).orElseThrow().nick(), "the display spelling is kept");
        assertTrue(state.isNickTaken("NICK{1}"));
        assertTrue(state.member(B).isEmpty(), "a rejected claimant is not registered");
        register(B, "Nick[2]");
    }

    @Test
    void anUnregisteredConnectionCanDoNothingElse() {
        assertEquals(ErrorCode.NOT_REGISTERED, ((Rejected) only(new RoomJoined(A, "#a"))).code());
        assertEquals(ErrorCode.NOT_REGISTERED, ((Rejected) only(say(A, "#a", "hi"))).code());
        assertEquals(ErrorCode.NOT_REGISTERED, ((Rejected) only(new RoomLeft(A, "#a", ""))).code());
        assertEquals(ErrorCode.NOT_REGISTERED, ((Rejected) only(new TopicSet(A, "#a", "t"))).code());
        assertEquals(List.of(), apply(new ClientGone(A, "")), "a goodbye of an unknown client is ignored");
    }

    @Test
    void theFirstJoinCreatesTheRoomInItsSpellingAndLaterJoinsFindItInAnyCase() {
        register(A, "alice");
        register(B, "bob");
        Joined first = (Joined) only(new RoomJoined(A, "#Lobby"));
        assertEquals("#Lobby", first.room());
        assertEquals(List.of(A), first.to());
        Joined second = (Joined) only(new RoomJoined(B, "#LOBBY"));
        assertEquals("#Lobby", second.room());
        assertEquals(List.of(A, B), second.to(), "the room hears the join, the joiner included");
        assertEquals(List.of(new Member(A, "alice", "u", "h"), new Member(B, "bob", "u", "h")), second.snapshot().members());
        assertEquals(List.of("#Lobby"), state.rooms());
        assertEquals(List.of(), apply(new RoomJoined(B, "#lobby")), "joining a room one is in does nothing");
    }

    @Test
    void aJoinerGetsTheRecentHistoryAndTheTopic() {
        register(A, "alice");
        register(B, "bob");
        apply(new RoomJoined(A, "#a"));
        apply(new TopicSet(A, "#a", "the topic"));
        apply(say(A, "#a", "one"));
        apply(say(A, "#a", "two"));
        Joined j = (Joined) only(new RoomJoined(B, "#A"));
        assertEquals("the topic", j.snapshot().topic());
        assertEquals(List.of("one", "two"), j.snapshot().history().stream().map(HistoryEntry::text).toList());
        assertTrue(j.snapshot().complete());
    }

    @Test
    void messagesGoToTheWholeRoomWithTheirSequenceAndTheSendersId() {
        register(A, "alice");
        register(B, "bob");
        register(C, "carol");
        apply(new RoomJoined(A, "#a"));
        apply(new RoomJoined(B, "#a"));
        apply(new RoomJoined(C, "#b"));
        Posted p = (Posted) only(new MessagePosted(A, "#A", "hello", "c-1", 1234));
        assertEquals(List.of(A, B), p.to());
        assertEquals(new HistoryEntry(seq, "#a", new Member(A, "alice", "u", "h"), "hello", 1234, "c-1"), p.message());
    }

    @Test
    void aResendFromAnotherConnectionIsConfirmedToTheSenderButNotPostedAgain() {
        assertEquals(new NickAccepted(A, "alice"), only(new NickClaimed(A, "alice", "k", Events.ID)));
        register(B, "bob");
        apply(new RoomJoined(A, "#a"));
        apply(new RoomJoined(B, "#a"));
        Posted first = (Posted) only(new MessagePosted(A, "#a", "hello", "p1-7", 1));
        only(new NickClaimed(D, "alice", "k", Events.ID));  // alice reconnected elsewhere and resends p1-7
        assertEquals(new ChatOutcome.Duplicate(D, first.message(), null), only(new MessagePosted(D, "#a", "hello", "p1-7", 2)));
        assertEquals(1, state.room("#a", 0).orElseThrow().history().size());
        assertTrue(only(new MessagePosted(B, "#a", "hello", "p1-7", 3)) instanceof Posted, "the id is per sender");
        assertTrue(only(new MessagePosted(D, "#a", "hello", "p1-8", 3)) instanceof Posted);
    }

    @Test
    void anIdIsRecognizedLongAfterTheHistoryDroppedItsMessageButNotForever() {
        register(A, "alice");
        apply(new RoomJoined(A, "#a"));
        long original = seq + 1;
        apply(new MessagePosted(A, "#a", "x", "old", 1));
        for (int i = 0; i < 10; i++) {
            apply(say(A, "#a", "m" + i));  // the history holds 3
        }
        assertEquals(new ChatOutcome.Duplicate(A, new HistoryEntry(original, "#a", new Member(A, "alice", "u", "h"), "x", 1,
                "old"), null), only(new MessagePosted(A, "#a", "x", "old", 1)), "still in the sent window");
        for (int i = 0; i < ChatLimits.SENT_WINDOW; i++) {
            apply(new MessagePosted(A, "#a", "y", "n" + i, 1));
        }
        assertTrue(only(new MessagePosted(A, "#a", "x", "old", 1)) instanceof Posted, "out of the sent window");
    }

    @Test
    void onlyMembersPost() {
        register(A, "alice");
        register(B, "bob");
        apply(new RoomJoined(A, "#a"));
        assertEquals(new Rejected(B, ErrorCode.NOT_IN_ROOM, "#a", "id-x"), only(say(B, "#a", "x")));
        assertEquals(new Rejected(B, ErrorCode.NOT_IN_ROOM, "#none", "id-x"), only(say(B, "#none", "x")));
        assertEquals(new Rejected(B, ErrorCode.NOT_IN_ROOM, "#a"), only(new TopicSet(B, "#a", "x")));
        assertEquals(new Rejected(B, ErrorCode.NOT_IN_ROOM, "#a"), only(new RoomLeft(B, "#a", "")));
    }

    @Test
    void historyIsBoundedAndAResumeKnowsWhetherItMissedSome() {
        register(A, "alice");
        apply(new RoomJoined(A, "#a"));
        for (int i = 1; i <= 5; i++) {
            apply(say(A, "#a", "m" + i));  // seqs 3..7
        }
        RoomSnapshot all = state.room("#a", 0).orElseThrow();
        assertEquals(List.of("m3", "m4", "m5"), all.history().stream().map(HistoryEntry::text).toList());
        assertFalse(all.complete(), "m1 and m2 are gone from the history a joiner gets");
        RoomSnapshot fromM1 = state.room("#a", 3).orElseThrow();
        assertTrue(fromM1.complete(), "a resume reaches further back than the history");
        assertEquals(List.of("m2", "m3", "m4", "m5"), fromM1.history().stream().map(HistoryEntry::text).toList());
        RoomSnapshot resumed = state.room("#a", 4).orElseThrow();
        assertTrue(resumed.complete(), "saw up to m2: nothing missed");
        assertEquals(List.of("m3", "m4", "m5"), resumed.history().stream().map(HistoryEntry::text).toList());
        RoomSnapshot upToDate = state.room("#a", 7).orElseThrow();
        assertEquals(List.of(), upToDate.history());
        assertTrue(upToDate.complete());
    }

    @Test
    void aResumeBeyondTheResumeBufferSaysItMissedSome() {
        ChatState small = new ChatState(3, 30, 2 * (128 + 2));  // room for two messages of two characters
        small.apply(1, new NickClaimed(A, "alice", "", Events.ID));
        small.apply(2, new RoomJoined(A, "#a"));
        for (int i = 1; i <= 5; i++) {
            small.apply(2 + i, say(A, "#a", "m" + i));  // seqs 3..7
        }
        RoomSnapshot fromM1 = small.room("#a", 3).orElseThrow();
        assertFalse(fromM1.complete(), "m2 left the history, m2 and m3 the resume buffer");
        assertEquals(List.of("m4", "m5"), fromM1.history().stream().map(HistoryEntry::text).toList());
        assertTrue(small.room("#a", 4).orElseThrow().complete(), "the history still has everything after m2");
    }

    @Test
    void aResumeSendsTheNewestThatFitItsLimitAndSaysItMissedSome() {
        ChatState small = new ChatState(3, 30);
        small.apply(1, new NickClaimed(A, "alice", "", Events.ID));
        small.apply(2, new RoomJoined(A, "#a"));
        for (int i = 1; i <= 5; i++) {
            small.apply(2 + i, say(A, "#a", "m" + i));  // seqs 3..7, each 128 + 2 characters to the resume buffer
        }
        RoomSnapshot capped = small.room("#a", 2, 3 * (128 + 2)).orElseThrow();
        assertEquals(List.of("m3", "m4", "m5"), capped.history().stream().map(HistoryEntry::text).toList());
        assertFalse(capped.complete());
        assertTrue(small.room("#a", 2, 5 * (128 + 2)).orElseThrow().complete());
    }

    @Test
    void aRoomKeepsItsTopicAndHistoryWhenItsLastMemberLeaves() {
        register(A, "alice");
        register(B, "bob");
        apply(new RoomJoined(A, "#a"));
        apply(new RoomJoined(B, "#a"));
        apply(new TopicSet(A, "#a", "t"));
        apply(say(A, "#a", "x"));
        Left left = (Left) only(new RoomLeft(A, "#A", "bye"));
        assertEquals(new Left("#a", new Member(A, "alice", "u", "h"), "bye", List.of(A, B)), left);
        assertEquals(List.of(B), ((Left) only(new RoomLeft(B, "#a", ""))).to());
        assertEquals(List.of("#a"), state.rooms(), "empty, but still there");
        assertEquals(List.of(), state.room("#a", 0).orElseThrow().members());
        Joined again = (Joined) only(new RoomJoined(A, "#A"));
        assertEquals("#a", again.room(), "the same room, in its creator's spelling");
        assertEquals("t", again.snapshot().topic());
        assertEquals(List.of("x"), again.snapshot().history().stream().map(HistoryEntry::text).toList());
    }

    @Test
    void atTheRoomLimitANewRoomReplacesTheOldestEmptyOneOrIsRefused() {
        ChatState small = new ChatState(10, 2);
        small.apply(1, new NickClaimed(A, "alice", "", Events.ID));
        small.apply(2, new NickClaimed(B, "bob", "", Events.ID));
        small.apply(3, new RoomJoined(A, "#old"));
        small.apply(4, new RoomJoined(B, "#kept"));
        assertEquals(List.of(new Rejected(A, ErrorCode.ROOM_LIMIT, "#new")), small.apply(5, new RoomJoined(A, "#new")),
                "both rooms have members");
        small.apply(6, new RoomLeft(A, "#old", ""));
        small.apply(7, new RoomJoined(A, "#new"));
        assertEquals(List.of("#kept", "#new"), small.rooms(), "the empty #old made room");
    }

    @Test
    void aClientMayBeInBoundedlyManyRooms() {
        register(A, "alice");
        for (int i = 0; i < ChatLimits.MAX_ROOMS_PER_CLIENT; i++) {
            assertTrue(only(new RoomJoined(A, "#r" + i)) instanceof Joined);
        }
        assertEquals(new Rejected(A, ErrorCode.TOO_MANY_ROOMS, "#one-more"), only(new RoomJoined(A, "#one-more")));
    }

    @Test
    void theNumberOfRoomsIsBoundedClusterWide() {
        ChatState small = new ChatState(3, 2);
        small.apply(1, new NickClaimed(A, "alice", "", Events.ID));
        assertTrue(small.apply(2, new RoomJoined(A, "#a")).get(0) instanceof Joined);
        assertTrue(small.apply(3, new RoomJoined(A, "#b")).get(0) instanceof Joined);
        assertEquals(List.of(new Rejected(A, ErrorCode.ROOM_LIMIT, "#c")), small.apply(4, new RoomJoined(A, "#c")));
        small.apply(5, new NickClaimed(B, "bob", "", Events.ID));
        assertTrue(small.apply(6, new RoomJoined(B, "#A")).get(0) instanceof Joined, "existing rooms can be joined");
        small.apply(7, new RoomLeft(A, "#b", ""));
        assertTrue(small.apply(8, new RoomJoined(A, "#c")).get(0) instanceof Joined, "#b's deletion made room");
    }

    @Test
    void aGoneClientLeavesAllItsRoomsAndFreesItsNick() {
        register(A, "alice");
        register(B, "bob");
        register(C, "carol");
        apply(new RoomJoined(A, "#a"));
        apply(new RoomJoined(A, "#b"));
        apply(new RoomJoined(B, "#a"));
        apply(new RoomJoined(C, "#b"));
        apply(new RoomJoined(B, "#b"));
        Quit q = (Quit) only(new ClientGone(A, "Quit: bye"));
        assertEquals(new Quit(new Member(A, "alice", "u", "h"), "Quit: bye", List.of("#a", "#b"), List.of(B, C)), q);
        assertFalse(state.isNickTaken("alice"));
        assertEquals(List.of(), apply(new ClientGone(A, "again")), "the second goodbye is ignored");
        assertEquals(ErrorCode.NOT_REGISTERED, ((Rejected) only(say(A, "#a", "late"))).code());
        register(D, "Alice");
    }

    @Test
    void aFailedServersClientsAllGoAndLeaveTheirRoomsEmpty() {
        register(A, "alice");
        register(B, "bob");
        register(C, "carol");
        apply(new RoomJoined(A, "#a"));
        apply(new RoomJoined(B, "#a"));
        apply(new RoomJoined(C, "#c"));
        List<ChatOutcome> out = apply(new ServerGone("server2", Long.MAX_VALUE, "server2 failed"));
        assertEquals(List.of(
                new Quit(new Member(B, "bob", "u", "h"), "server2 failed", List.of("#a"), List.of(A)),
                new Quit(new Member(C, "carol", "u", "h"), "server2 failed", List.of("#c"), List.of())), out);
        assertEquals(List.of(new Member(A, "alice", "u", "h")), state.members());
        assertEquals(List.of(), state.room("#c", 0).orElseThrow().members(), "#c stays, empty");
        assertEquals(List.of(), apply(new ServerGone("server2", Long.MAX_VALUE, "again")));
    }

    @Test
    void aLateVerdictOnAFailedIncarnationSparesTheClientsOfTheNext() {
        register(B, "bob");          // connection 1: the old incarnation
        ClientId next = new ClientId("server2", 100);
        register(next, "bobby");     // the restarted server's client, registered before the verdict commits
        assertEquals(List.of(B, next), state.clientsOf("server2"));
        assertTrue(state.hasClientsOf("server2", 2));
        assertFalse(state.hasClientsOf("server2", 1));
        assertFalse(state.hasClientsOf("server3", Long.MAX_VALUE));
        List<ChatOutcome> out = apply(new ServerGone("server2", 100, "server2 failed"));
        assertFalse(state.hasClientsOf("server2", 100));
        assertEquals(1, out.size());
        assertEquals(List.of(new Member(next, "bobby", "u", "h")), state.members());
    }

    @Test
    void aRegisteredClientRenamesAndItsRoomsHearIt() {
        register(A, "alice");
        register(B, "bob");
        register(C, "carol");
        apply(new RoomJoined(A, "#a"));
        apply(new RoomJoined(B, "#a"));
        assertEquals(new NickChanged(new Member(A, "alice", "u", "h"), "alicia", List.of(A, B)), only(new NickClaimed(A, "alicia", "", Events.ID)));
        assertFalse(state.isNickTaken("alice"));
        assertEquals(new Member(A, "alicia", "u", "h"), state.room("#a", 0).orElseThrow().members().get(0));
        assertEquals(new NickChanged(new Member(A, "alicia", "u", "h"), "Alicia", List.of(A, B)), only(new NickClaimed(A, "Alicia", "", Events.ID)),
                "a change of spelling only");
        assertEquals(List.of(), apply(new NickClaimed(A, "Alicia", "", Events.ID)));
        assertEquals(new Rejected(A, ErrorCode.NICK_IN_USE, "BOB"), only(new NickClaimed(A, "BOB", "", Events.ID)));
        register(D, "alice");
    }

    @Test
    void aReconnectedClientWithItsSessionTakesItsNickAndRoomsBack() {
        assertEquals(new NickAccepted(A, "alice"), only(new NickClaimed(A, "alice", "secret-1", Events.ID)));
        register(B, "bob");
        apply(new RoomJoined(A, "#a"));
        apply(new RoomJoined(B, "#a"));
        apply(new RoomJoined(A, "#b"));
        // A's server died; A reconnects to server3 as D before the log says server1 is gone.
        assertEquals(new Rejected(D, ErrorCode.NICK_IN_USE, "alice"), only(new NickClaimed(D, "alice", "", Events.ID)));
        assertEquals(new Rejected(D, ErrorCode.NICK_IN_USE, "alice"), only(new NickClaimed(D, "alice", "guess", Events.ID)));
        assertEquals(new NickResumed(D, A, "alice", List.of("#a", "#b")), only(new NickClaimed(D, "ALICE", "secret-1", Events.ID)));
        assertEquals(List.of("#a", "#b"), state.roomsOf(D));
        assertEquals(List.of(new Member(B, "bob", "u", "h"), new Member(D, "alice", "u", "h")), state.room("#a", 0).orElseThrow().members());
        // The old server's failure arrives later and must not take the resumed client with it.
        assertEquals(List.of(), apply(new ServerGone("server1", Long.MAX_VALUE, "failed")));
        assertEquals(List.of(), apply(new ClientGone(A, "")));
        assertTrue(only(say(D, "#a", "back")) instanceof Posted);
        // A registered client cannot merge into another by session.
        assertEquals(new Rejected(B, ErrorCode.NICK_IN_USE, "alice"), only(new NickClaimed(B, "alice", "secret-1", Events.ID)));
    }

    @Test
    void privateMessagesFindTheirNickWhereverItIs() {
        register(A, "alice");
        register(D, "dave");
        ChatEvent.PrivateMessage pm = new ChatEvent.PrivateMessage(A, "DAVE", "psst", "p-1", 5);
        long sent = seq + 1;
        ChatOutcome first = only(pm);
        assertEquals(new ChatOutcome.PrivateSent(sent, new Member(A, "alice", "u", "h"), new Member(D, "dave", "u", "h"), "psst", 5,
                "p-1", false),
                first);
        assertEquals(List.of(D, A), first.to());
        ChatOutcome resent = only(pm);
        assertEquals(new ChatOutcome.Duplicate(A, new HistoryEntry(sent, null, new Member(A, "alice", "u", "h"), "psst", 5, "p-1"),
                "dave"), resent, "a resend is confirmed, not sent again");
        assertEquals(List.of(A), resent.to());
        assertEquals(List.of(A), ((ChatOutcome.PrivateSent) only(new ChatEvent.PrivateMessage(A, "alice", "me", "p", 1)))
                .to(), "to oneself: told once");
        assertEquals(new Rejected(A, ErrorCode.NO_SUCH_NICK, "nobody", "p-2"),
                only(new ChatEvent.PrivateMessage(A, "nobody", "x", "p-2", 5)));
        assertEquals(new Rejected(B, ErrorCode.NOT_REGISTERED, "no nick, or already gone", "p-3"),
                only(new ChatEvent.PrivateMessage(B, "dave", "x", "p-3", 5)));
    }

    @Test
    void topicsAreSetByMembersAndToldToTheRoom() {
        register(A, "alice");
        apply(new RoomJoined(A, "#a"));
        assertEquals(new TopicChanged("#a", new Member(A, "alice", "u", "h"), "news", List.of(A)),
                only(new TopicSet(A, "#A", "news")));
        assertEquals("news", state.room("#a", 0).orElseThrow().topic());
    }

    @Test
    void aClientKeepsTheIdentityItRegisteredWithAndItsAwayMessage() {
        Identity irc = new Identity("~al", "10.0.0.7", "Alice L.");
        only(new NickClaimed(A, "alice", "", irc));
        apply(new RoomJoined(A, "#a"));
        assertEquals(List.of(), apply(new NickClaimed(A, "alice", "", Events.ID)), "same nick: nothing changes");
        only(new NickClaimed(A, "alicia", "", Events.ID));
        Member alicia = new Member(A, "alicia", "~al", "10.0.0.7");
        assertEquals("alicia!~al@10.0.0.7", alicia.mask());
        assertEquals(new ChatState.Profile(alicia, "Alice L.", ""), state.profile(A).orElseThrow());
        assertEquals(new ChatOutcome.AwayChanged(alicia, "lunch", List.of(A)), only(new ChatEvent.AwaySet(A, "lunch")));
        assertEquals("lunch", state.profile(A).orElseThrow().away());
        assertEquals(new ChatOutcome.AwayChanged(alicia, "", List.of(A)), only(new ChatEvent.AwaySet(A, "")));
        assertEquals("", state.profile(A).orElseThrow().away());
        assertEquals(new Rejected(B, ErrorCode.NOT_REGISTERED, "no nick, or already gone"),
                only(new ChatEvent.AwaySet(B, "x")));
        assertTrue(state.profile(B).isEmpty());
    }

    /**
     * Room mates hear of an away message once each, however many rooms they share, and only when it changed (IRC
     * away-notify); the client itself is always told, its confirmation.
     */
    @Test
    void roomMatesHearOfAnAwayChangeOnceEach() {
        register(A, "alice");
        register(B, "bob");
        register(C, "carol");
        register(D, "dave");
        apply(new RoomJoined(A, "#a"));
        apply(new RoomJoined(A, "#b"));
        apply(new RoomJoined(B, "#a"));
        apply(new RoomJoined(B, "#b"));
        apply(new RoomJoined(C, "#b"));
        Member alice = new Member(A, "alice", "u", "h");
        assertEquals(new ChatOutcome.AwayChanged(alice, "lunch", List.of(A, B, C)),
                only(new ChatEvent.AwaySet(A, "lunch")), "dave shares no room: not told");
        assertEquals("lunch", state.awayOf(A));
        assertEquals(new ChatOutcome.AwayChanged(alice, "lunch", List.of(A)), only(new ChatEvent.AwaySet(A, "lunch")),
                "no change: only the confirmation");
        assertEquals(new ChatOutcome.AwayChanged(alice, "", List.of(A, B, C)), only(new ChatEvent.AwaySet(A, "")));
        assertEquals(new ChatOutcome.AwayChanged(alice, "", List.of(A)), only(new ChatEvent.AwaySet(A, "")),
                "back while back: only the confirmation");
        assertEquals("", state.awayOf(A));
        assertEquals("", state.awayOf(new ClientId("server9", 9)), "nobody: not away");
    }

    @Test
    void noticesStayNotices() {
        register(A, "alice");
        register(D, "dave");
        apply(new RoomJoined(A, "#a"));
        Posted p = (Posted) only(new MessagePosted(A, "#a", "hi", "n-1", 3, true));
        assertTrue(p.message().notice());
        assertTrue(state.room("#a", 0).orElseThrow().history().get(0).notice());
        assertTrue(((ChatOutcome.PrivateSent) only(new ChatEvent.PrivateMessage(A, "dave", "psst", "n-2", 4, true)))
                .notice());
    }

    @Test
    void aServerSpeaksOnlyForItsOwnClients() {
        assertEquals(List.of(), state.apply(1, "server2", new NickClaimed(A, "alice", "", Events.ID)), "A is server1's");
        assertFalse(state.isNickTaken("alice"));
        assertEquals(1, state.lastSeq(), "the entry's sequence is used up all the same");
        assertEquals(List.of(new NickAccepted(A, "alice")), state.apply(2, "server1", new NickClaimed(A, "alice", "", Events.ID)));
        assertEquals(List.of(), state.apply(3, "server3", new ClientGone(A, "forged")));
        assertTrue(state.isNickTaken("alice"));
        assertEquals(1, state.apply(4, "server3", new ServerGone("server1", Long.MAX_VALUE, "failed")).size(), "the leader's verdict");
        assertThrows(IllegalArgumentException.class, () -> state.apply(4, "server1", new ClientGone(A, "")));
    }

    @Test
    void sequencesMustGrow() {
        state.apply(5, new ClientGone(A, ""));
        assertThrows(IllegalArgumentException.class, () -> state.apply(5, new ClientGone(A, "")));
        assertThrows(IllegalArgumentException.class, () -> state.apply(4, new ClientGone(A, "")));
        assertEquals(5, state.lastSeq());
    }
}
