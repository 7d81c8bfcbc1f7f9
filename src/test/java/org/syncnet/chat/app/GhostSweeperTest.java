package org.syncnet.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Identity;

class GhostSweeperTest {
    private static final ClientId MINE = new ClientId("server1", 7);
    private static final ClientId OTHER = new ClientId("server2", 7);

    private final ChatState state = new ChatState();
    private final Set<ClientId> connected = new HashSet<>();
    private final List<ChatEvent.ClientGone> submitted = new ArrayList<>();
    private final GhostSweeper sweeper = new GhostSweeper("server1", state, new Object(), connected::contains,
            submitted::add);
    private long seq;

    private void apply(ChatEvent e) {
        state.apply(++seq, e);
    }

    @Test
    void aClientWithoutAConnectionOnTwoSweepsIsSentOffOnce() {
        apply(new ChatEvent.NickClaimed(MINE, "ghost", "", new Identity("u", "h", "")));
        apply(new ChatEvent.NickClaimed(OTHER, "elsewhere", "", new Identity("u", "h", "")));
        sweeper.sweep();
        assertEquals(List.of(), submitted, "one sighting may be a goodbye still on its way");
        sweeper.sweep();
        assertEquals(List.of(new ChatEvent.ClientGone(MINE, "Connection closed")), submitted,
                "only this server's own client");
        sweeper.sweep();
        assertEquals(1, submitted.size(), "the log retries it; no second goodbye");
        apply(submitted.get(0));
        sweeper.sweep();
        assertEquals(1, submitted.size());
    }

    @Test
    void aConnectedClientIsLeftAlone() {
        connected.add(MINE);
        apply(new ChatEvent.NickClaimed(MINE, "here", "", new Identity("u", "h", "")));
        sweeper.sweep();
        sweeper.sweep();
        assertEquals(List.of(), submitted);
    }
}
