package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.syncnet.chat.StateDriver.A;
import static org.syncnet.chat.StateDriver.B;
import static org.syncnet.chat.StateDriver.D;

import java.util.List;
import org.junit.jupiter.api.Test;

class WhowasTest {
    private final StateDriver s = new StateDriver();

    @Test
    void nicksThatWentAwayAreRememberedNewestFirst() {
        s.register(A, "alice", new Identity("~al", "10.0.0.7", "Alice L."));
        s.only(new ChatEvent.NickClaimed(A, "alicia", "", Events.ID));
        WhowasEntry renamed = new WhowasEntry("alice", "~al", "10.0.0.7", "Alice L.", "server1");
        assertEquals(List.of(renamed), s.state.whowas("ALICE", 0), "the old nick of a nick change");
        s.register(B, "Alice");
        s.apply(new ChatEvent.ClientGone(B, "bye"));
        WhowasEntry quit = new WhowasEntry("Alice", "u", "h", "", "server2");
        assertEquals(List.of(quit, renamed), s.state.whowas("alice", 0));
        assertEquals(List.of(quit), s.state.whowas("alice", 1));
        assertEquals(List.of(), s.state.whowas("nobody", 0));
        s.register(D, "dave");
        s.apply(new ChatEvent.ServerGone("server3", Long.MAX_VALUE, "failed"));
        assertEquals(List.of(new WhowasEntry("dave", "u", "h", "", "server3")), s.state.whowas("dave", 5));
        s.apply(new ChatEvent.ClientGone(A, ""));
        assertEquals("alicia", s.state.whowas("alicia", 0).get(0).nick());
    }

    @Test
    void whowasIsBounded() {
        for (int i = 0; i <= ChatLimits.WHOWAS_ENTRIES; i++) {
            ClientId c = new ClientId("server1", i + 1);
            s.register(c, "n" + i);
            s.apply(new ChatEvent.ClientGone(c, ""));
        }
        assertEquals(List.of(), s.state.whowas("n0", 0), "the oldest was forgotten");
        assertEquals(1, s.state.whowas("n1", 0).size());
        assertEquals(1, s.state.whowas("n" + ChatLimits.WHOWAS_ENTRIES, 0).size());
    }
}
