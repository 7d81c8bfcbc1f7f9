package org.syncnet.door.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatEvent.Invited;
import org.syncnet.chat.ChatEvent.Kicked;
import org.syncnet.chat.ChatEvent.MessagePosted;
import org.syncnet.chat.ChatEvent.ModesChanged;
import org.syncnet.chat.ChatEvent.NickClaimed;
import org.syncnet.chat.ChatEvent.RoomJoined;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.Identity;
import org.syncnet.chat.ListEntry;
import org.syncnet.chat.ModeChange;
import org.syncnet.door.ws.ServerFrame.Presence.Change;

/**
 * Channel moderation as the browser sees it ({@link OutcomeFrames} over a real {@link ChatState}): what the actor,
 * the member acted on and the others get for each outcome.
 */
class ModerationFramesTest {
    private static final ClientId ALICE = new ClientId("server1", 1);
    private static final ClientId BOB = new ClientId("server2", 1);
    private static final ClientId CAROL = new ClientId("server3", 1);
    private static final Identity ID = new Identity("u", "h", "");

    private final ChatState state = new ChatState();
    private final OutcomeFrames frames = new OutcomeFrames("server1", 1 << 20);
    private long seq;

    @BeforeEach
    void aliceCreatesTheRoomBobJoins() {
        apply(new NickClaimed(ALICE, "alice", "", ID));
        apply(new NickClaimed(BOB, "bob", "", ID));
        apply(new NickClaimed(CAROL, "carol", "", ID));
        apply(new RoomJoined(ALICE, "#r", "", 1000));
        apply(new RoomJoined(BOB, "#r", "", 2000));
    }

    private List<ChatOutcome> apply(ChatEvent e) {
        return state.apply(++seq, e);
    }

    /** The frames every outcome of the event sends {@code to}, in order. */
    private List<ServerFrame> to(ClientId to, List<ChatOutcome> outcomes) {
        List<ServerFrame> got = new ArrayList<>();
        for (ChatOutcome o : outcomes) {
            if (o.to().contains(to)) {
                got.addAll(frames.framesFor(state, o, to, 0, null));
            }
        }
        return got;
    }

    private static ModeChange plus(char mode, String arg) {
        return new ModeChange(true, mode, arg);
    }

    private List<ChatOutcome> modes(ClientId by, ModeChange... changes) {
        return apply(new ModesChanged(by, "#r", List.of(changes), 5000));
    }

    @Test
    void aJoinerLearnsWhoIsOperatorAndTheRoomsModes() {
        List<ChatOutcome> join = apply(new RoomJoined(CAROL, "#r", "", 3000));
        assertEquals(new ServerFrame.Members("#r", List.of("alice", "bob", "carol"), "", new ServerFrame.Channel(
                List.of("alice"), List.of(), new ServerFrame.Modes("+nt", "", 0, List.of()), 1000), Map.of(), Map.of()),
                to(CAROL, join).get(1), "the creator is operator; the room's creation time is its first join's");
        assertEquals(List.of(new ServerFrame.Presence("#r", "carol", Change.JOIN, null, null)), to(BOB, join));

        modes(ALICE, plus('v', "carol"), plus('k', "s3cret"), plus('l', "5"), plus('b', "dave"));
        apply(new ChatEvent.RoomLeft(CAROL, "#r", ""));
        List<ChatOutcome> again = apply(new RoomJoined(CAROL, "#r", "s3cret", 6000));
        assertEquals(new ServerFrame.Members("#r", List.of("alice", "bob", "carol"), "", new ServerFrame.Channel(
                        List.of("alice"), List.of(), new ServerFrame.Modes("+ntkl", "s3cret", 5,
                        List.of(new ListEntry("dave!*@*", "alice!u@h", 5000))), 1000), Map.of(), Map.of()),
                to(CAROL, again).get(1), "a member sees the key, the limit and the bans; a rejoin has no voice");
    }

    @Test
    void aModeChangeReachesEveryMemberWithTheRoomsModesAfterIt() {
        List<ChatOutcome> moderated = modes(ALICE, plus('m', ""), plus('v', "BOB"));
        ServerFrame.Mode expected = new ServerFrame.Mode("#r", "alice", List.of(plus('m', ""), plus('v', "bob")),
                new ServerFrame.Modes("+mnt", "", 0, null));
        assertEquals(List.of(expected), to(ALICE, moderated), "the setter");
        assertEquals(List.of(expected), to(BOB, moderated), "the member voiced, in his nick's spelling");
        assertEquals(List.of(), to(CAROL, moderated), "not a member");

        List<ChatOutcome> ban = modes(ALICE, plus('b', "dave"), new ModeChange(false, 'm'));
        assertEquals(List.of(new ServerFrame.Mode("#r", "alice", List.of(plus('b', "dave!*@*"),
                new ModeChange(false, 'm')), new ServerFrame.Modes("+nt", "", 0,
                List.of(new ListEntry("dave!*@*", "alice!u@h", 5000))))), to(BOB, ban),
                "a ban changed: the ban list comes along");
        assertEquals(List.of(), to(BOB, modes(ALICE, plus('b', "dave"))), "nothing changed: nothing to tell");
    }

    @Test
    void refusedChangesAreToldToTheSetterOnlyEachWithItsReason() {
        List<ChatOutcome> out = modes(ALICE, plus('o', "nobody"), plus('q', ""), plus('l', "ten"),
                plus('o', "carol"));
        assertEquals(List.of(
                new ServerFrame.Error(ErrorCode.NO_SUCH_NICK, "nobody has the nick nobody", null, null, "nobody"),
                new ServerFrame.Error(ErrorCode.UNKNOWN_MODE, "unknown mode q", null, null, null),
                new ServerFrame.Error(ErrorCode.INVALID_MODE_ARGUMENT,
                        "mode l needs a limit: a number from 1 to 99999, not ten", null, "#r", null),
                new ServerFrame.Error(ErrorCode.NOT_IN_THAT_ROOM, "carol is not in #r", null, "#r", "carol")),
                to(ALICE, out));
        assertEquals(List.of(), to(BOB, out));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.NOT_OPERATOR, "you are not an operator of #r", null, "#r",
                null)), to(BOB, modes(BOB, plus('i', ""))));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.NO_SUCH_ROOM, "there is no room #nowhere", null,
                "#nowhere", null)), to(ALICE, apply(new ModesChanged(ALICE, "#nowhere", List.of(plus('m', "")), 1))));
    }

    @Test
    void aKickIsToldToTheRoomAndTheKickedWhoIsOutOfIt() {
        apply(new RoomJoined(CAROL, "#r", "", 3000));
        List<ChatOutcome> kick = apply(new Kicked(ALICE, "#r", "Bob", "spam"));
        ServerFrame.Kick expected = new ServerFrame.Kick("#r", "alice", "bob", "spam");
        for (ClientId c : List.of(ALICE, BOB, CAROL)) {
            assertEquals(List.of(expected), to(c, kick), c.toString());
        }
        assertEquals(List.of(), state.roomsOf(BOB));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.NOT_IN_THAT_ROOM, "bob is not in #r", null, "#r", "bob")),
                to(ALICE, apply(new Kicked(ALICE, "#r", "bob", ""))));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.NOT_OPERATOR, "you are not an operator of #r", null, "#r",
                null)), to(CAROL, apply(new Kicked(CAROL, "#r", "alice", ""))));
    }

    @Test
    void anInviteIsToldToTheInviterTheInvitedAndTheOperators() {
        modes(ALICE, plus('i', ""));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.INVITE_ONLY, "#r is invite-only", null, "#r", null)),
                to(CAROL, apply(new RoomJoined(CAROL, "#r", "", 1))));
        modes(ALICE, plus('o', "bob"));
        List<ChatOutcome> invite = apply(new Invited(ALICE, "#r", "carol"));
        ServerFrame.Invite expected = new ServerFrame.Invite("#r", "alice", "carol");
        for (ClientId c : List.of(ALICE, BOB, CAROL)) {
            assertEquals(List.of(expected), to(c, invite), c + ": inviter, another operator, the invited");
        }
        assertEquals("carol", ((ServerFrame.Members) to(CAROL, apply(new RoomJoined(CAROL, "#r", "", 1))).get(1))
                .nicks().get(2), "the invited joins past +i");
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.ALREADY_IN_ROOM, "carol is already in #r", null, "#r",
                "carol")), to(ALICE, apply(new Invited(ALICE, "#r", "carol"))));
    }

    @Test
    void aRefusedJoinOrMessageSaysWhy() {
        modes(ALICE, plus('k', "s3cret"));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.BAD_KEY, "wrong key for #r", null, "#r", null)),
                to(CAROL, apply(new RoomJoined(CAROL, "#r", "guess", 1))));
        modes(ALICE, new ModeChange(false, 'k', "*"), plus('l', "2"));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.CHANNEL_FULL, "#r is full", null, "#r", null)),
                to(CAROL, apply(new RoomJoined(CAROL, "#r", "", 1))));
        modes(ALICE, new ModeChange(false, 'l'), plus('b', "carol!*@*"));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.BANNED, "you are banned from #r", null, "#r", null)),
                to(CAROL, apply(new RoomJoined(CAROL, "#r", "", 1))));
        modes(ALICE, plus('m', ""));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.MODERATED, "#r is moderated: only voiced users may speak",
                "b-1", "#r", null)), to(BOB, apply(new MessagePosted(BOB, "#r", "hi", "b-1", 1))),
                "a refused message names its id");
    }

    @Test
    void onlyOperatorsSetTheTopicOfATopicLockedRoom() {
        List<ChatOutcome> topic = apply(new ChatEvent.TopicSet(ALICE, "#r", "rules"));
        assertEquals(List.of(new ServerFrame.Topic("#r", "rules", "alice")), to(BOB, topic));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.NOT_OPERATOR, "you are not an operator of #r", null, "#r",
                null)), to(BOB, apply(new ChatEvent.TopicSet(BOB, "#r", "mine"))));
        modes(ALICE, new ModeChange(false, 't'));
        assertEquals(List.of(new ServerFrame.Topic("#r", "mine", "bob")),
                to(ALICE, apply(new ChatEvent.TopicSet(BOB, "#r", "mine"))), "-t: any member");
    }

    @Test
    void aKilledMembersRoomMatesSeeItQuit() {
        apply(new ChatEvent.OperUp(CAROL, "admin"));
        List<ChatOutcome> kill = apply(new ChatEvent.Killed(CAROL, "bob", "enough"));
        assertEquals(List.of(new ServerFrame.Presence("#r", "bob", Change.QUIT, null, "Killed (carol (enough))")),
                to(ALICE, kill));
        assertEquals(List.of(), to(CAROL, kill), "the killer shares no room with him");
    }
}
