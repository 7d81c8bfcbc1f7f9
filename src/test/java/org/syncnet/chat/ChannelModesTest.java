package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncnet.chat.StateDriver.A;
import static org.syncnet.chat.StateDriver.B;
import static org.syncnet.chat.StateDriver.C;
import static org.syncnet.chat.StateDriver.D;
import static org.syncnet.chat.StateDriver.TIME;
import static org.syncnet.chat.StateDriver.minus;
import static org.syncnet.chat.StateDriver.plus;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatOutcome.ModesChanged;
import org.syncnet.chat.ChatOutcome.Rejected;

class ChannelModesTest {
    private final StateDriver s = new StateDriver();
    private Member alice;
    private Member bob;

    @BeforeEach
    void aliceCreatesTheRoomAndBobJoins() {
        s.register(A, "alice");
        s.register(B, "bob");
        s.register(C, "carol");
        s.join(A, "#a");
        s.join(B, "#A");
        alice = s.member(A);
        bob = s.member(B);
    }

    @Test
    void aNewRoomIsPlusNtWithItsCreatorAsOperatorAndItsJoinsTimeAsCreation() {
        ChatOutcome.Joined created = (ChatOutcome.Joined) s.only(new ChatEvent.RoomJoined(C, "#New", "", 1234));
        assertEquals(Set.of(C), created.snapshot().operators());
        assertTrue(created.snapshot().isOperator(C));
        ChannelView v = s.channel("#new");
        assertEquals(new ChannelView("#New", "", 1234, "+nt", "", 0, List.of(new RoomMember(s.member(C), true, false)),
                List.of(), List.of(), List.of()), v);
        ChatOutcome.Joined second = s.join(A, "#new");
        assertFalse(second.snapshot().isOperator(A), "only the first joiner");
        assertEquals(List.of(C), List.copyOf(second.snapshot().operators()));
        assertEquals(List.of(new RoomMember(s.member(C), true, false), new RoomMember(alice, false, false)),
                s.channel("#NEW").members());
        assertTrue(s.state.channel("#none").isEmpty());
    }

    @Test
    void theFirstToJoinAnEmptyRoomIsItsOperatorButTheRoomKeepsItsModesAndTopic() {
        s.set(A, "#a", plus('k', "sesame"), plus('m'));
        s.apply(new ChatEvent.TopicSet(A, "#a", "news"));
        s.apply(new ChatEvent.RoomLeft(A, "#a", ""));
        s.apply(new ChatEvent.RoomLeft(B, "#a", ""));
        assertEquals(List.of(), s.channel("#a").members());
        assertEquals(new Rejected(C, ErrorCode.BAD_KEY, "#a"), s.only(new ChatEvent.RoomJoined(C, "#a")),
                "the key still applies");
        ChatOutcome.Joined j = s.join(C, "#a", "sesame");
        assertTrue(j.snapshot().isOperator(C));
        assertEquals("news", j.snapshot().topic());
        assertEquals("+mntk", s.channel("#a").modes());
        assertEquals(TIME, s.channel("#a").created(), "still the first creation's time");
        s.join(A, "#a", "sesame");
        assertFalse(s.state.room("#a", 0).orElseThrow().isOperator(A), "alice's old status went with her");
    }

    @Test
    void onlyTheRoomsOperatorsOrServerOperatorsChangeModes() {
        assertEquals(List.of(new Rejected(B, ErrorCode.NOT_OPERATOR, "#a")), s.mode(B, "#a", plus('m')));
        assertEquals(List.of(new Rejected(C, ErrorCode.NOT_IN_ROOM, "#a")), s.mode(C, "#A", plus('m')));
        assertEquals(List.of(new Rejected(A, ErrorCode.NO_SUCH_ROOM, "#none")), s.mode(A, "#none", plus('m')));
        assertEquals(List.of(new Rejected(D, ErrorCode.NOT_REGISTERED, "no nick, or already gone")),
                s.mode(D, "#a", plus('m')));
        assertEquals("+nt", s.channel("#a").modes());
        s.oper(C);
        assertEquals(List.of(new ModesChanged("#a", s.member(C), List.of(plus('m')), List.of(A, B, C))),
                s.mode(C, "#a", plus('m')), "a server operator from outside, told as well");
        s.oper(B);
        assertEquals(List.of(new ModesChanged("#a", bob, List.of(minus('m')), List.of(A, B))), s.mode(B, "#a", minus('m')));
    }

    @Test
    void eachChangeStandsAloneRefusalsComeFirstThenWhatTookEffect() {
        assertEquals(List.of(
                new Rejected(A, ErrorCode.UNKNOWN_MODE, "x"),
                new Rejected(A, ErrorCode.NO_SUCH_NICK, "nobody"),
                new ModesChanged("#a", alice, List.of(plus('v', "bob"), minus('t')), List.of(A, B))),
                s.mode(A, "#a", plus('x'), plus('o', "nobody"), plus('v', "BOB"), minus('t')));
        assertEquals(List.of(new Rejected(A, ErrorCode.NOT_IN_THAT_ROOM, "carol #a")), s.mode(A, "#a", plus('o', "carol")));
        assertEquals(List.of(new Rejected(A, ErrorCode.INVALID_MODE_ARGUMENT, "#a o *")), s.mode(A, "#a", plus('o')));
        assertEquals(List.of(new Rejected(A, ErrorCode.INVALID_MODE_ARGUMENT, "#a b *")), s.mode(A, "#a", plus('b')));
        assertEquals("+n", s.channel("#a").modes());
        assertEquals(List.of(new RoomMember(alice, true, false), new RoomMember(bob, false, true)), s.channel("#a").members());
    }

    @Test
    void aChangeThatChangesNothingIsNotReported() {
        assertEquals(List.of(), s.mode(A, "#a", plus('n'), plus('o', "alice"), minus('v', "bob"), minus('k', "x")));
        assertEquals(List.of(), s.mode(A, "#a", minus('l'), minus('b', "nobody"), minus('i'), minus('e', "x")));
        assertEquals(List.of(new ModesChanged("#a", alice, List.of(plus('b', "bob!*@*")), List.of(A, B))),
                s.mode(A, "#a", plus('b', "bob"), plus('b', "BOB"), plus('b', "bob!*@*")), "listed once");
        assertEquals(List.of(new ModesChanged("#a", alice, List.of(plus('o', "bob"), minus('o', "bob")), List.of(A, B))),
                s.mode(A, "#a", plus('o', "bob"), minus('o', "bob")), "both took effect, in order");
    }

    @Test
    void statusesNameTheNicksSpellingAndCanBeTakenBack() {
        s.set(A, "#a", plus('o', "bob"));
        assertTrue(s.state.room("#a", 0).orElseThrow().isOperator(B));
        assertEquals(List.of(new ModesChanged("#a", bob, List.of(minus('o', "alice"), plus('v', "alice")),
                List.of(A, B))), s.mode(B, "#a", minus('o', "ALICE"), plus('v', "Alice")));
        RoomSnapshot r = s.state.room("#a", 0).orElseThrow();
        assertFalse(r.isOperator(A));
        assertTrue(r.isVoiced(A));
        assertEquals(List.of(new Rejected(A, ErrorCode.NOT_OPERATOR, "#a")), s.mode(A, "#a", plus('m')));
        assertEquals("@", s.channel("#a").members().get(1).prefix());
        assertEquals("+", s.channel("#a").members().get(0).prefix());
    }

    @Test
    void aRoomKeyIsSetReplacedAndClearedWithoutMatching() {
        assertEquals(List.of(new ModesChanged("#a", alice, List.of(plus('k', "sesame")), List.of(A, B))),
                s.mode(A, "#a", plus('k', "sesame")));
        assertEquals("sesame", s.channel("#a").key());
        assertEquals("+ntk", s.channel("#a").modes());
        assertEquals(List.of(), s.mode(A, "#a", plus('k', "sesame")));
        for (String bad : new String[] {"a,b", "a:b", "x".repeat(24)}) {
            assertEquals(List.of(new Rejected(A, ErrorCode.INVALID_MODE_ARGUMENT, "#a k " + bad)),
                    s.mode(A, "#a", plus('k', bad)));
        }
        assertEquals(List.of(new Rejected(A, ErrorCode.INVALID_MODE_ARGUMENT, "#a k *")), s.mode(A, "#a", plus('k')));
        s.set(A, "#a", plus('k', "Other"));
        assertEquals(List.of(new ModesChanged("#a", alice, List.of(minus('k', "*")), List.of(A, B))),
                s.mode(A, "#a", minus('k', "wrong")));
        assertEquals("", s.channel("#a").key());
        assertEquals("+nt", s.channel("#a").modes());
    }

    @Test
    void aUserLimitIsANumberFromOneTo99999() {
        assertEquals(List.of(new ModesChanged("#a", alice, List.of(plus('l', "10")), List.of(A, B))),
                s.mode(A, "#a", plus('l', "0010")));
        assertEquals(10, s.channel("#a").limit());
        assertEquals("+ntl", s.channel("#a").modes());
        assertEquals(List.of(), s.mode(A, "#a", plus('l', "10")));
        for (String bad : new String[] {"0", "100000", "-1", "+5", "ten", "9999999999"}) {
            assertEquals(List.of(new Rejected(A, ErrorCode.INVALID_MODE_ARGUMENT, "#a l " + bad)),
                    s.mode(A, "#a", plus('l', bad)), bad);
        }
        s.set(A, "#a", plus('l', "99999"), plus('k', "k"));
        assertEquals("+ntkl", s.channel("#a").modes());
        s.set(A, "#a", minus('l'));
        assertEquals(0, s.channel("#a").limit());
    }

    @Test
    void masksAreNormalizedAndListedWithTheirSetterAndTime() {
        s.set(A, "#a", plus('b', "Bob!*@*"), plus('b', "*!~u@h"), plus('e', "bob!x@*"), plus('I', "*!*@*.example"));
        assertEquals(List.of(new ModesChanged("#a", alice, List.of(plus('b', "carol!*@*"), plus('e', "*!u@h")),
                List.of(A, B))), s.mode(A, "#a", plus('b', "carol"), plus('e', "u@h")));
        ChannelView v = s.channel("#a");
        assertEquals(List.of(new ListEntry("Bob!*@*", "alice!u@h", TIME), new ListEntry("*!~u@h", "alice!u@h", TIME),
                new ListEntry("carol!*@*", "alice!u@h", TIME)), v.bans());
        assertEquals(List.of(new ListEntry("bob!x@*", "alice!u@h", TIME), new ListEntry("*!u@h", "alice!u@h", TIME)),
                v.exceptions());
        assertEquals(List.of(new ListEntry("*!*@*.example", "alice!u@h", TIME)), v.inviteExceptions());
        assertEquals(List.of(), s.mode(A, "#a", plus('b', "BOB")), "the same mask in another case");
        assertEquals(List.of(new ModesChanged("#a", alice, List.of(minus('b', "Bob!*@*")), List.of(A, B))),
                s.mode(A, "#a", minus('b', "bob")), "removed in any case, told in its stored spelling");
        assertEquals(List.of(new Rejected(A, ErrorCode.INVALID_MODE_ARGUMENT, "#a b " + "n".repeat(97))),
                s.mode(A, "#a", plus('b', "n".repeat(97))), "too long once normalized");
    }

    @Test
    void aFullListRefusesANewMaskButNotTheOtherLists() {
        for (int i = 0; i < ChatLimits.MAX_LIST_ENTRIES; i++) {
            s.set(A, "#a", plus('b', "n" + i + "!*@*"));
        }
        assertEquals(List.of(new Rejected(A, ErrorCode.LIST_FULL, "#a b"),
                new ModesChanged("#a", alice, List.of(plus('e', "n50!*@*")), List.of(A, B))),
                s.mode(A, "#a", plus('b', "n50"), plus('b', "n0"), plus('e', "n50")));
        assertEquals(ChatLimits.MAX_LIST_ENTRIES, s.channel("#a").bans().size());
        s.set(A, "#a", minus('b', "n0!*@*"));
        s.set(A, "#a", plus('b', "n50!*@*"));
        assertEquals("n50!*@*", s.channel("#a").bans().get(ChatLimits.MAX_LIST_ENTRIES - 1).mask());
    }

    @Test
    void aResumedClientKeepsItsStatus() {
        s.only(new ChatEvent.NickClaimed(D, "dave", "k-d", Events.ID));
        s.join(D, "#d");
        s.join(A, "#d");
        s.set(D, "#d", plus('v', "alice"));
        ClientId again = new ClientId("server1", 9);
        assertTrue(s.only(new ChatEvent.NickClaimed(again, "dave", "k-d", Events.ID)) instanceof ChatOutcome.NickResumed);
        RoomSnapshot r = s.state.room("#d", 0).orElseThrow();
        assertTrue(r.isOperator(again));
        assertFalse(r.isOperator(D));
        assertEquals(List.of(A, again), List.copyOf(r.members().stream().map(Member::client).toList()));
        s.set(again, "#d", plus('m'));
    }

    @Test
    void aSnapshotWithoutStatusesHasNone() {
        RoomSnapshot old = new RoomSnapshot("#a", "", List.of(alice), List.of(), true);
        assertFalse(old.isOperator(A));
        assertEquals(Set.of(), old.voiced());
    }
}
