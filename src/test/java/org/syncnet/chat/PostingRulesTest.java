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
import org.syncnet.chat.ChatEvent.MessagePosted;
import org.syncnet.chat.ChatEvent.TopicSet;
import org.syncnet.chat.ChatOutcome.Posted;
import org.syncnet.chat.ChatOutcome.Rejected;

/** Who may post to a room (+n, +m, bans) and set its topic (+t). */
class PostingRulesTest {
    private final StateDriver s = new StateDriver();

    @BeforeEach
    void aliceOwnsTheRoomBobIsIn() {
        s.register(A, "alice");
        s.register(B, "bob");
        s.register(C, "carol");
        s.join(A, "#a");
        s.join(B, "#a");
    }

    private ChatOutcome say(ClientId c, String id) {
        return s.only(new MessagePosted(c, "#a", "hi", id, 1));
    }

    @Test
    void onMinusNAnyoneButTheBannedMayPostAndIsToldOfIt() {
        assertEquals(new Rejected(C, ErrorCode.NOT_IN_ROOM, "#a", "c-1"), say(C, "c-1"));
        s.set(A, "#a", minus('n'));
        Posted p = (Posted) say(C, "c-2");
        assertEquals(List.of(A, B, C), p.to(), "the members, and the sender as confirmation");
        s.set(A, "#a", plus('b', "carol!*@*"));
        assertEquals(new Rejected(C, ErrorCode.BANNED, "#a", "c-3"), say(C, "c-3"));
    }

    @Test
    void aModeratedRoomHearsOnlyOperatorsVoicedMembersAndServerOperators() {
        s.join(C, "#a");
        s.set(A, "#a", plus('m'), plus('v', "bob"));
        assertEquals(new Rejected(C, ErrorCode.MODERATED, "#a", "c-1"), say(C, "c-1"));
        assertTrue(say(B, "b-1") instanceof Posted);
        assertTrue(say(A, "a-1") instanceof Posted);
        s.oper(C);
        assertTrue(say(C, "c-2") instanceof Posted);
        s.register(D, "dave");
        s.set(A, "#a", minus('n'));
        assertEquals(new Rejected(D, ErrorCode.MODERATED, "#a", "d-1"), say(D, "d-1"), "also from outside");
    }

    @Test
    void aBannedMemberWithoutStatusCannotPost() {
        s.set(A, "#a", plus('b', "*!u@h"));
        assertEquals(new Rejected(B, ErrorCode.BANNED, "#a", "b-1"), say(B, "b-1"));
        assertTrue(say(A, "a-1") instanceof Posted, "an operator speaks despite the ban");
        s.set(A, "#a", plus('e', "bob!*@*"));
        assertTrue(say(B, "b-2") instanceof Posted);
        s.set(A, "#a", minus('e', "bob!*@*"), plus('v', "bob"));
        assertTrue(say(B, "b-3") instanceof Posted);
    }

    @Test
    void aResendIsConfirmedEvenWhenTheSenderMayNoLongerPost() {
        Posted first = (Posted) say(B, "b-1");
        s.set(A, "#a", plus('m'));
        assertEquals(new ChatOutcome.Duplicate(B, first.message(), null), say(B, "b-1"));
        assertEquals(new Rejected(B, ErrorCode.MODERATED, "#a", "b-2"), say(B, "b-2"));
    }

    @Test
    void onPlusTOnlyOperatorsAndServerOperatorsSetTheTopic() {
        assertEquals(new Rejected(B, ErrorCode.NOT_OPERATOR, "#a"), s.only(new TopicSet(B, "#a", "mine")));
        assertTrue(s.only(new TopicSet(A, "#a", "news")) instanceof ChatOutcome.TopicChanged);
        s.oper(C);
        assertEquals(new Rejected(C, ErrorCode.NOT_IN_ROOM, "#a"), s.only(new TopicSet(C, "#a", "x")),
                "a member, even a server operator");
        s.join(C, "#a");
        assertTrue(s.only(new TopicSet(C, "#a", "oper's")) instanceof ChatOutcome.TopicChanged);
        s.set(A, "#a", minus('t'));
        assertEquals(new ChatOutcome.TopicChanged("#a", s.member(B), "anyone's", List.of(A, B, C)),
                s.only(new TopicSet(B, "#a", "anyone's")));
        assertEquals("anyone's", s.channel("#a").topic());
    }
}
