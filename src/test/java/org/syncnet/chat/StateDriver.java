package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** A {@link ChatState} fed events at growing sequence numbers, with the steps the rule tests repeat. */
final class StateDriver {
    static final ClientId A = new ClientId("server1", 1);
    static final ClientId B = new ClientId("server2", 1);
    static final ClientId C = new ClientId("server2", 2);
    static final ClientId D = new ClientId("server3", 1);
    /** Every MODE's time, so list entries say when they were set. */
    static final long TIME = 1_790_000_000_000L;

    final ChatState state = new ChatState(10, 30);
    private long seq;

    List<ChatOutcome> apply(ChatEvent e) {
        return state.apply(++seq, e);
    }

    /** As the log delivers it: logged by {@code originServer}. */
    List<ChatOutcome> apply(String originServer, ChatEvent e) {
        return state.apply(++seq, originServer, e);
    }

    ChatOutcome only(ChatEvent e) {
        List<ChatOutcome> out = apply(e);
        assertEquals(1, out.size(), () -> "outcomes " + out);
        return out.get(0);
    }

    /** Registers {@code nick!u@h}. */
    void register(ClientId c, String nick) {
        register(c, nick, Events.ID);
    }

    void register(ClientId c, String nick, Identity identity) {
        assertEquals(new ChatOutcome.NickAccepted(c, nick), only(new ChatEvent.NickClaimed(c, nick, "", identity)));
    }

    Member member(ClientId c) {
        return state.member(c).orElseThrow();
    }

    ChatOutcome.Joined join(ClientId c, String room) {
        return join(c, room, "");
    }

    ChatOutcome.Joined join(ClientId c, String room, String key) {
        ChatOutcome out = only(new ChatEvent.RoomJoined(c, room, key, TIME));
        assertTrue(out instanceof ChatOutcome.Joined, () -> "not joined: " + out);
        return (ChatOutcome.Joined) out;
    }

    void oper(ClientId c) {
        assertTrue(only(new ChatEvent.OperUp(c, "root")) instanceof ChatOutcome.UserModesChanged);
    }

    List<ChatOutcome> mode(ClientId c, String room, ModeChange... changes) {
        return apply(new ChatEvent.ModesChanged(c, room, List.of(changes), TIME));
    }

    /** A MODE by an operator that must take effect as given. */
    void set(ClientId c, String room, ModeChange... changes) {
        List<ChatOutcome> out = mode(c, room, changes);
        assertEquals(1, out.size(), () -> "outcomes " + out);
        assertEquals(List.of(changes), ((ChatOutcome.ModesChanged) out.get(0)).applied());
    }

    ChannelView channel(String room) {
        return state.channel(room).orElseThrow();
    }

    static ModeChange plus(char mode, String argument) {
        return new ModeChange(true, mode, argument);
    }

    static ModeChange plus(char mode) {
        return new ModeChange(true, mode);
    }

    static ModeChange minus(char mode, String argument) {
        return new ModeChange(false, mode, argument);
    }

    static ModeChange minus(char mode) {
        return new ModeChange(false, mode);
    }
}
