package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncnet.chat.StateDriver.A;
import static org.syncnet.chat.StateDriver.B;
import static org.syncnet.chat.StateDriver.C;
import static org.syncnet.chat.StateDriver.D;
import static org.syncnet.chat.StateDriver.plus;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent.Invited;
import org.syncnet.chat.ChatEvent.Kicked;
import org.syncnet.chat.ChatEvent.RoomJoined;
import org.syncnet.chat.ChatOutcome.Rejected;

class KickInviteTest {
    private final StateDriver s = new StateDriver();

    @BeforeEach
    void aliceOwnsTheRoomBobAndCarolAreIn() {
        s.register(A, "alice");
        s.register(B, "bob");
        s.register(C, "carol");
        s.register(D, "dave");
        s.join(A, "#a");
        s.join(B, "#a");
        s.join(C, "#a");
    }

    @Test
    void anOperatorKicksAMemberAndTheWholeRoomHearsIt() {
        assertEquals(new ChatOutcome.Kicked("#a", s.member(A), s.member(B), "out", List.of(A, B, C)),
                s.only(new Kicked(A, "#A", "BOB", "out")));
        assertEquals(List.of(), s.state.roomsOf(B));
        assertEquals(List.of(A, C), s.state.room("#a", 0).orElseThrow().members().stream().map(Member::client).toList());
        assertTrue(s.only(new ChatEvent.MessagePosted(B, "#a", "x", "b-1", 1)) instanceof Rejected);
    }

    @Test
    void kickingNeedsOperatorStatusAndATargetInTheRoom() {
        assertEquals(new Rejected(B, ErrorCode.NOT_OPERATOR, "#a"), s.only(new Kicked(B, "#a", "carol", "")));
        assertEquals(new Rejected(D, ErrorCode.NOT_IN_ROOM, "#a"), s.only(new Kicked(D, "#a", "carol", "")));
        assertEquals(new Rejected(A, ErrorCode.NO_SUCH_ROOM, "#none"), s.only(new Kicked(A, "#none", "carol", "")));
        assertEquals(new Rejected(A, ErrorCode.NO_SUCH_NICK, "nobody"), s.only(new Kicked(A, "#a", "nobody", "")));
        assertEquals(new Rejected(A, ErrorCode.NOT_IN_THAT_ROOM, "dave #a"), s.only(new Kicked(A, "#a", "DAVE", "")));
        assertEquals(3, s.channel("#a").members().size());
    }

    @Test
    void aServerOperatorKicksFromOutsideAndIsToldToo() {
        s.oper(D);
        assertEquals(new ChatOutcome.Kicked("#a", s.member(D), s.member(A), "", List.of(A, B, C, D)),
                s.only(new Kicked(D, "#a", "alice", "")));
    }

    @Test
    void aKickedOperatorLosesItsStatus() {
        s.set(A, "#a", plus('o', "bob"));
        s.only(new Kicked(A, "#a", "bob", ""));
        s.join(B, "#a");
        assertFalse(s.state.room("#a", 0).orElseThrow().isOperator(B));
        s.only(new Kicked(A, "#a", "alice", "myself"));
        assertEquals(java.util.Set.of(), s.state.room("#a", 0).orElseThrow().operators(), "nobody is left with @");
    }

    @Test
    void anInviteIsToldToTheInviterTheTargetAndTheRoomsOperators() {
        s.set(A, "#a", plus('o', "carol"));
        assertEquals(new ChatOutcome.Invited("#a", s.member(B), s.member(D), List.of(B, D, A, C)),
                s.only(new Invited(B, "#A", "Dave")));
        assertEquals(new ChatOutcome.Invited("#a", s.member(A), s.member(D), List.of(A, D, C)),
                s.only(new Invited(A, "#a", "dave")), "each once");
    }

    @Test
    void invitingNeedsMembershipOperatorStatusOnPlusIAndATargetOutside() {
        assertEquals(new Rejected(D, ErrorCode.NO_SUCH_ROOM, "#none"), s.only(new Invited(D, "#none", "alice")));
        assertEquals(new Rejected(D, ErrorCode.NOT_IN_ROOM, "#a"), s.only(new Invited(D, "#a", "alice")));
        s.set(A, "#a", plus('i'));
        assertEquals(new Rejected(B, ErrorCode.NOT_OPERATOR, "#a"), s.only(new Invited(B, "#a", "dave")));
        assertEquals(new Rejected(A, ErrorCode.NO_SUCH_NICK, "nobody"), s.only(new Invited(A, "#a", "nobody")));
        assertEquals(new Rejected(A, ErrorCode.ALREADY_IN_ROOM, "bob #a"), s.only(new Invited(A, "#a", "BOB")));
        s.oper(B);
        assertTrue(s.only(new Invited(B, "#a", "dave")) instanceof ChatOutcome.Invited, "a server operator may");
        s.oper(D);
        s.only(new ChatEvent.RoomLeft(D, "#a", ""));
        assertEquals(new Rejected(D, ErrorCode.NOT_IN_ROOM, "#a"), s.only(new Invited(D, "#a", "dave")),
                "but only from inside");
    }

    @Test
    void aRoomRemembersTheNewestInvitesOnly() {
        s.set(A, "#a", plus('i'));
        List<ClientId> invited = new java.util.ArrayList<>();
        for (int i = 0; i <= ChatLimits.MAX_INVITES_PER_ROOM; i++) {
            ClientId c = new ClientId("server3", 100 + i);
            s.register(c, "guest" + i);
            s.only(new Invited(A, "#a", "guest" + i));
            invited.add(c);
        }
        assertEquals(new Rejected(invited.get(0), ErrorCode.INVITE_ONLY, "#a"),
                s.only(new RoomJoined(invited.get(0), "#a")), "the oldest invite was dropped");
        assertTrue(s.only(new RoomJoined(invited.get(1), "#a")) instanceof ChatOutcome.Joined);
    }

    @Test
    void theInvitesAClientHoldsAreListedUntilUsed() {
        s.join(A, "#b");
        s.only(new Invited(A, "#b", "dave"));
        s.only(new Invited(A, "#a", "dave"));
        assertEquals(List.of("#a", "#b"), s.state.invitesOf(D), "in room order");
        s.only(new RoomJoined(D, "#a"));
        assertEquals(List.of("#b"), s.state.invitesOf(D), "a join uses the invite up");
        assertEquals(List.of(), s.state.invitesOf(B));
    }

    @Test
    void anInviteFollowsAResumedClient() {
        ClientId e = new ClientId("server1", 5);
        s.only(new ChatEvent.NickClaimed(e, "erin", "k-e", Events.ID));
        s.set(A, "#a", plus('i'));
        s.only(new Invited(A, "#a", "erin"));
        ClientId resumed = new ClientId("server2", 5);
        assertTrue(s.only(new ChatEvent.NickClaimed(resumed, "erin", "k-e", Events.ID)) instanceof ChatOutcome.NickResumed);
        assertTrue(s.only(new RoomJoined(resumed, "#a")) instanceof ChatOutcome.Joined);
    }
}
