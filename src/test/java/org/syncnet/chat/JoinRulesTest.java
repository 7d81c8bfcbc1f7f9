package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncnet.chat.StateDriver.A;
import static org.syncnet.chat.StateDriver.B;
import static org.syncnet.chat.StateDriver.C;
import static org.syncnet.chat.StateDriver.D;
import static org.syncnet.chat.StateDriver.minus;
import static org.syncnet.chat.StateDriver.plus;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent.RoomJoined;
import org.syncnet.chat.ChatOutcome.Rejected;

class JoinRulesTest {
    private final StateDriver s = new StateDriver();

    @BeforeEach
    void aliceOwnsTheRoom() {
        s.register(A, "alice");
        s.register(B, "bob", new Identity("~bob", "bob.example", "Bob"));
        s.register(C, "carol");
        s.join(A, "#a");
    }

    private ChatOutcome join(ClientId c, String key) {
        return s.only(new RoomJoined(c, "#A", key, 5));
    }

    private void invite(ClientId by, String nick) {
        assertTrue(s.only(new ChatEvent.Invited(by, "#a", nick)) instanceof ChatOutcome.Invited);
    }

    @Test
    void aBannedClientCannotJoinUnlessAnExceptionMatches() {
        s.set(A, "#a", plus('b', "*!*@bob.example"));
        assertEquals(new Rejected(B, ErrorCode.BANNED, "#A"), join(B, ""));
        s.set(A, "#a", plus('e', "BOB!*@*"));
        assertTrue(join(B, "") instanceof ChatOutcome.Joined);
        assertTrue(join(C, "") instanceof ChatOutcome.Joined, "the ban is not carol's");
    }

    @Test
    void anInviteDoesNotLiftABan() {
        s.set(A, "#a", plus('b', "bob!*@*"), plus('i'));
        invite(A, "bob");
        assertEquals(new Rejected(B, ErrorCode.BANNED, "#A"), join(B, ""));
    }

    @Test
    void anInviteOnlyRoomTakesTheInvitedAndThoseMatchingAnInviteException() {
        s.set(A, "#a", plus('i'));
        assertEquals(new Rejected(B, ErrorCode.INVITE_ONLY, "#A"), join(B, ""));
        s.set(A, "#a", plus('I', "*!~bob@*"));
        assertTrue(join(B, "") instanceof ChatOutcome.Joined);
        assertEquals(new Rejected(C, ErrorCode.INVITE_ONLY, "#A"), join(C, ""));
        invite(A, "carol");
        assertTrue(join(C, "") instanceof ChatOutcome.Joined);
        s.apply(new ChatEvent.RoomLeft(C, "#a", ""));
        assertEquals(new Rejected(C, ErrorCode.INVITE_ONLY, "#A"), join(C, ""), "the join used the invite up");
    }

    @Test
    void aKeyedRoomWantsItsExactKeyUnlessInvited() {
        s.set(A, "#a", plus('k', "Sesame"));
        assertEquals(new Rejected(B, ErrorCode.BAD_KEY, "#A"), join(B, ""));
        assertEquals(new Rejected(B, ErrorCode.BAD_KEY, "#A"), join(B, "sesame"));
        assertTrue(join(B, "Sesame") instanceof ChatOutcome.Joined);
        invite(A, "carol");
        assertTrue(join(C, "") instanceof ChatOutcome.Joined);
    }

    @Test
    void aFullRoomTakesOnlyTheInvited() {
        s.set(A, "#a", plus('l', "2"));
        assertTrue(join(B, "") instanceof ChatOutcome.Joined);
        assertEquals(new Rejected(C, ErrorCode.CHANNEL_FULL, "#A"), join(C, ""));
        invite(B, "carol");
        assertTrue(join(C, "") instanceof ChatOutcome.Joined);
        assertEquals(3, s.channel("#a").members().size());
    }

    @Test
    void theChecksComeInOrderBanInviteKeyLimit() {
        s.set(A, "#a", plus('b', "bob!*@*"), plus('i'), plus('k', "k"), plus('l', "1"));
        assertEquals(new Rejected(B, ErrorCode.BANNED, "#A"), join(B, ""));
        s.set(A, "#a", minus('b', "bob!*@*"));
        assertEquals(new Rejected(B, ErrorCode.INVITE_ONLY, "#A"), join(B, ""));
        s.set(A, "#a", minus('i'));
        assertEquals(new Rejected(B, ErrorCode.BAD_KEY, "#A"), join(B, ""));
        assertEquals(new Rejected(B, ErrorCode.CHANNEL_FULL, "#A"), join(B, "k"));
        s.set(A, "#a", minus('l'));
        assertTrue(join(B, "k") instanceof ChatOutcome.Joined);
    }

    @Test
    void aServerOperatorPassesEveryCheck() {
        s.set(A, "#a", plus('b', "*!*@*"), plus('i'), plus('k', "k"), plus('l', "1"));
        s.oper(C);
        assertTrue(join(C, "") instanceof ChatOutcome.Joined);
    }

    @Test
    void anInviteIsForTheConnectionAndForgottenWhenItIsGone() {
        s.set(A, "#a", plus('i'));
        invite(A, "bob");
        s.apply(new ChatEvent.ClientGone(B, "bye"));
        s.register(D, "bob");
        assertEquals(new Rejected(D, ErrorCode.INVITE_ONLY, "#A"), join(D, ""));
    }

    @Test
    void aKeyMattersOnlyForAKeyedRoomNotYetJoined() {
        s.set(A, "#a", plus('k', "k"));
        assertEquals(List.of(), s.apply(new RoomJoined(A, "#a", "wrong", 1)), "already in: nothing happens");
        assertTrue(s.only(new RoomJoined(B, "#other", "anything", 9)) instanceof ChatOutcome.Joined,
                "a key for a room without one is ignored");
        assertEquals(9, s.channel("#other").created());
    }
}
