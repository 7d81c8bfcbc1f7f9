package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncnet.chat.StateDriver.A;
import static org.syncnet.chat.StateDriver.B;
import static org.syncnet.chat.StateDriver.C;
import static org.syncnet.chat.StateDriver.D;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent.Killed;
import org.syncnet.chat.ChatEvent.OperUp;
import org.syncnet.chat.ChatEvent.UserModesSet;
import org.syncnet.chat.ChatEvent.Wallops;
import org.syncnet.chat.ChatOutcome.Rejected;
import org.syncnet.chat.ChatOutcome.UserModesChanged;

/** OPER, user modes, KILL and WALLOPS. */
class ServerOperatorTest {
    private final StateDriver s = new StateDriver();
    private Member alice;

    @BeforeEach
    void everyoneIsOnline() {
        s.register(A, "alice");
        s.register(B, "bob");
        s.register(C, "carol");
        s.register(D, "dave");
        alice = s.member(A);
    }

    @Test
    void operMakesAServerOperatorAndIsAlwaysAnswered() {
        assertFalse(s.state.isOperator(A));
        assertEquals(new UserModesChanged(A, alice, "o", ""), s.only(new OperUp(A, "root")));
        assertTrue(s.state.isOperator(A));
        assertEquals("o", s.state.userModes(A));
        assertEquals(new ChatState.Profile(alice, "", "", true, "o"), s.state.profile(A).orElseThrow());
        assertEquals(new UserModesChanged(A, alice, "", ""), s.only(new OperUp(A, "root")), "already one");
        assertEquals(List.of(A), s.only(new OperUp(A, "root")).to());
        ClientId stranger = new ClientId("server1", 99);
        assertEquals(new Rejected(stranger, ErrorCode.NOT_REGISTERED, "no nick, or already gone"),
                s.only(new OperUp(stranger, "root")));
        assertFalse(s.state.isOperator(stranger));
        assertEquals("", s.state.userModes(stranger));
    }

    @Test
    void userModesAreSetWholeAndOnlyAChangeIsTold() {
        assertEquals(new UserModesChanged(A, alice, "iw", ""), s.only(new UserModesSet(A, "wi")));
        assertEquals("iw", s.state.userModes(A));
        assertEquals(List.of(), s.apply(new UserModesSet(A, "iw")));
        assertEquals(new UserModesChanged(A, alice, "", "iw"), s.only(new UserModesSet(A, "o")),
                "o is not given by a mode set");
        assertFalse(s.state.isOperator(A));
        s.oper(A);
        assertEquals(new UserModesChanged(A, alice, "i", ""), s.only(new UserModesSet(A, "oi")));
        assertEquals("io", s.state.userModes(A));
        assertEquals(new UserModesChanged(A, alice, "w", "o"), s.only(new UserModesSet(A, "iw")), "dropping o de-opers");
        assertFalse(s.state.isOperator(A));
        assertEquals(new ChatState.Profile(alice, "", "", false, "iw"), s.state.profile(A).orElseThrow());
    }

    @Test
    void invisibleClientsAreCounted() {
        assertEquals(0, s.state.invisibleCount());
        s.apply(new UserModesSet(A, "i"));
        s.apply(new UserModesSet(C, "iw"));
        s.apply(new UserModesSet(D, "w"));
        assertEquals(2, s.state.invisibleCount());
        s.apply(new ChatEvent.ClientGone(C, ""));
        assertEquals(1, s.state.invisibleCount());
    }

    @Test
    void onlyServerOperatorsKill() {
        assertEquals(new Rejected(A, ErrorCode.NOT_PRIVILEGED, "KILL"), s.only(new Killed(A, "bob", "")));
        assertTrue(s.state.isNickTaken("bob"));
        s.oper(A);
        assertEquals(new Rejected(A, ErrorCode.NO_SUCH_NICK, "nobody"), s.only(new Killed(A, "nobody", "")));
    }

    @Test
    void aKilledClientIsGoneAndItsRoomMatesAndTheKillerHearIt() {
        s.join(B, "#a");
        s.join(C, "#a");
        s.join(B, "#b");
        s.join(D, "#b");
        s.oper(A);
        Member bob = s.member(B);
        // alice (server1) kills bob (server2): the event is alice's, so server1 logs it.
        assertEquals(List.of(), s.apply("server2", new Killed(A, "bob", "forged")), "not server2's to log");
        List<ChatOutcome> out = s.apply("server1", new Killed(A, "BOB", "spam"));
        assertEquals(List.of(new ChatOutcome.Killed(alice, bob, "spam", List.of("#a", "#b"), List.of(B, C, D, A))), out);
        assertFalse(s.state.isNickTaken("bob"));
        assertTrue(s.state.member(B).isEmpty());
        assertEquals(List.of(C), s.state.room("#a", 0).orElseThrow().members().stream().map(Member::client).toList());
        assertEquals("bob", s.state.whowas("bob", 0).get(0).nick());
        assertEquals(new Rejected(B, ErrorCode.NOT_REGISTERED, "no nick, or already gone"),
                s.only(new ChatEvent.AwaySet(B, "x")));
    }

    @Test
    void aServerOperatorMayKillItselfAndHearsItOnce() {
        s.oper(A);
        s.join(A, "#a");
        s.join(B, "#a");
        assertEquals(List.of(A, B), s.only(new Killed(A, "alice", "bye")).to());
        assertTrue(s.state.member(A).isEmpty());
    }

    @Test
    void wallopsReachEveryoneWithUserModeWInRegistrationOrder() {
        assertEquals(new Rejected(B, ErrorCode.NOT_PRIVILEGED, "WALLOPS"), s.only(new Wallops(B, "hi")));
        s.oper(C);
        s.apply(new UserModesSet(D, "w"));
        s.apply(new UserModesSet(B, "iw"));
        assertEquals(new ChatOutcome.WallopsSent(s.member(C), "hi", List.of(B, D)), s.only(new Wallops(C, "hi")),
                "not the sender without w");
        s.apply(new UserModesSet(C, "ow"));
        assertEquals(List.of(B, C, D), s.only(new Wallops(C, "again")).to());
    }
}
