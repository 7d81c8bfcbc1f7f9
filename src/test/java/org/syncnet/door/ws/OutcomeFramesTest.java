package org.syncnet.door.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatEvent.ClientGone;
import org.syncnet.chat.ChatEvent.MessagePosted;
import org.syncnet.chat.ChatEvent.NickClaimed;
import org.syncnet.chat.ChatEvent.RoomJoined;
import org.syncnet.chat.ChatEvent.RoomLeft;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Identity;
import org.syncnet.chat.ErrorCode;
import org.syncnet.door.ws.ServerFrame.Presence.Change;

class OutcomeFramesTest {
    private static final ClientId A = new ClientId("server1", 1);
    private static final ClientId B = new ClientId("server2", 1);
    private static final ClientId A2 = new ClientId("server3", 1);
    private static final Identity ID = new Identity("u", "h", "");

    private final ChatState state = new ChatState();
    private final OutcomeFrames frames = new OutcomeFrames("server1", 1 << 20);
    private long seq;

    private ChatOutcome apply(ChatEvent e) {
        List<ChatOutcome> out = state.apply(++seq, e);
        assertEquals(1, out.size(), out::toString);
        return out.get(0);
    }

    private List<ServerFrame> to(ClientId c, ChatOutcome o) {
        return frames.framesFor(state, o, c, 0, "server3");
    }

    @Test
    void aSessionAsTheBrowserSeesIt() {
        assertEquals(List.of(new ServerFrame.Welcome("server1", "server3", "alice")),
                to(A, apply(new NickClaimed(A, "alice", "k", ID))));
        apply(new NickClaimed(B, "bob", "", ID));
        apply(new RoomJoined(B, "#lobby"));
        apply(new MessagePosted(B, "#lobby", "first", "b1", 10));  // seq 4
        ChatOutcome join = apply(new RoomJoined(A, "#Lobby"));
        assertEquals(List.of(
                new ServerFrame.Presence("#lobby", "alice", Change.JOIN, null, null),
                new ServerFrame.Members("#lobby", List.of("bob", "alice"), "", bobsLobby(), Map.of(), Map.of()),
                new ServerFrame.History("#lobby", List.of(new ServerFrame.Event(4, "#lobby", "bob", "first", 10, null)),
                        true)), to(A, join));
        assertEquals(List.of(new ServerFrame.Presence("#lobby", "alice", Change.JOIN, null, null)), to(B, join));

        ChatOutcome msg = apply(new MessagePosted(A, "#lobby", "hi", "a1", 11));
        assertEquals(List.of(new ServerFrame.Event(6, "#lobby", "alice", "hi", 11, "a1")), to(A, msg), "own: with id");
        assertEquals(List.of(new ServerFrame.Event(6, "#lobby", "alice", "hi", 11, null)), to(B, msg));

        assertEquals(List.of(new ServerFrame.Error(ErrorCode.NOT_IN_ROOM, "you are not in #x", "a2", "#x", null)),
                to(A, apply(new MessagePosted(A, "#x", "hi", "a2", 12))));

        // alice's server dies; she resumes on server3 having seen up to seq 4.
        ChatOutcome resumed = apply(new NickClaimed(A2, "alice", "k", ID));
        assertEquals(List.of(
                new ServerFrame.Welcome("server1", "server3", "alice"),
                new ServerFrame.Members("#lobby", List.of("bob", "alice"), "", bobsLobby(), Map.of(), Map.of()),
                new ServerFrame.History("#lobby", List.of(new ServerFrame.Event(6, "#lobby", "alice", "hi", 11, "a1")),
                        true)), frames.framesFor(state, resumed, A2, 4, "server3"));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.REPLACED, "resumed on another connection", null)),
                to(A, resumed));

        ChatOutcome resend = apply(new MessagePosted(A2, "#lobby", "hi", "a1", 13));
        assertEquals(List.of(new ServerFrame.Event(6, "#lobby", "alice", "hi", 11, "a1")), to(A2, resend));

        ChatOutcome rename = apply(new NickClaimed(B, "bobby", "", ID));
        assertEquals(List.of(new ServerFrame.Presence("#lobby", "bob", Change.NICK, "bobby", null)), to(A2, rename));

        ChatOutcome part = apply(new RoomLeft(B, "#lobby", "later"));
        assertEquals(List.of(new ServerFrame.Presence("#lobby", "bobby", Change.PART, null, "later")), to(A2, part));
        apply(new RoomJoined(B, "#lobby"));
        ChatOutcome quit = apply(new ClientGone(B, "Connection closed"));
        assertEquals(List.of(new ServerFrame.Presence("#lobby", "bobby", Change.QUIT, null, "Connection closed")),
                to(A2, quit));
        ChatOutcome pm = apply(new ChatEvent.PrivateMessage(A2, "bobby", "psst", "a9", 20));
        assertEquals(List.of(new ServerFrame.Error(ErrorCode.NO_SUCH_NICK, "nobody has the nick bobby", "a9", null,
                "bobby")), to(A2, pm), "bobby quit");
        apply(new NickClaimed(B, "bob", "", ID));
        ChatOutcome pm2 = apply(new ChatEvent.PrivateMessage(A2, "BOB", "psst", "a9", 20));
        assertEquals(List.of(new ServerFrame.Private(seq, "alice", "bob", "psst", 20, "a9")), to(A2, pm2));
        assertEquals(List.of(new ServerFrame.Private(seq, "alice", "bob", "psst", 20, null)), to(B, pm2));
        apply(new RoomJoined(A2, "#news"));  // +t (a new room's default): its creator sets the topic
        assertEquals(List.of(new ServerFrame.Topic("#news", "news", "alice")),
                to(A2, apply(new ChatEvent.TopicSet(A2, "#news", "news"))));
    }

    /** #lobby as bob created it (his join logged without a time): bob is its operator, its modes a new room's. */
    private static ServerFrame.Channel bobsLobby() {
        return new ServerFrame.Channel(List.of("bob"), List.of(), new ServerFrame.Modes("+nt", "", 0, List.of()), 0);
    }

    @Test
    void aJoinAfterAResumePointGetsOnlyWhatFollowsIt() {
        apply(new NickClaimed(A, "alice", "", ID));
        apply(new RoomJoined(A, "#a"));
        apply(new MessagePosted(A, "#a", "one", "1", 1));  // seq 3
        apply(new MessagePosted(A, "#a", "two", "2", 2));  // seq 4
        apply(new NickClaimed(B, "bob", "", ID));
        ChatOutcome join = apply(new RoomJoined(B, "#a"));
        List<ServerFrame> f = frames.framesFor(state, join, B, 3, null);
        assertEquals(new ServerFrame.History("#a", List.of(new ServerFrame.Event(4, "#a", "alice", "two", 2, null)), true),
                f.get(2));
    }
}
