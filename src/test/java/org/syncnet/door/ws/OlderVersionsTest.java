package org.syncnet.door.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.ModeChange;
import org.syncnet.door.ws.ServerFrame.Presence.Change;

class OlderVersionsTest {
    private static final ServerFrame.Modes MODES = new ServerFrame.Modes("+nt", "", 0, List.of());

    @Test
    void olderClientsGetOnlyTheFramesAndFieldsTheyKnow() {
        ServerFrame.Event message = new ServerFrame.Event(1, "#a", "bob", "hi", 2, null);
        ServerFrame.Presence join = new ServerFrame.Presence("#a", "bob", Change.JOIN, null, null);
        assertEquals(List.of(
                        new ServerFrame.Members("#a", List.of("alice"), "t"),
                        new ServerFrame.Error(ErrorCode.BANNED, "you are banned from #a", "m1"),
                        new ServerFrame.Presence("#a", "bob", Change.PART, null, "kicked by alice: spam"),
                        new ServerFrame.Presence("#a", "carol", Change.PART, null, "kicked by alice"),
                        message, join),
                OlderVersions.downgrade(List.of(
                        new ServerFrame.Members("#a", List.of("alice"), "t",
                                new ServerFrame.Channel(List.of("alice"), List.of(), MODES, 5)),
                        new ServerFrame.Error(ErrorCode.BANNED, "you are banned from #a", "m1", "#a", null),
                        new ServerFrame.Mode("#a", "alice", List.of(new ModeChange(true, 'm')), MODES),
                        new ServerFrame.Kick("#a", "alice", "bob", "spam"),
                        new ServerFrame.Invite("#a", "alice", "carol"),
                        new ServerFrame.Kick("#a", "alice", "carol", ""),
                        message, join), 2));
    }

    @Test
    void framesWithoutNewFieldsPassUnchanged() {
        ServerFrame.Error plain = new ServerFrame.Error(ErrorCode.BAD_JSON, "invalid JSON", null);
        ServerFrame.Members members = new ServerFrame.Members("#a", List.of("alice"), "");
        assertEquals(List.of(plain, members), OlderVersions.downgrade(List.of(plain, members), 1));
    }

    @Test
    void beforeVersion5NoAway() {
        ServerFrame.Channel channel = new ServerFrame.Channel(List.of("alice"), List.of(), MODES, 5);
        ServerFrame.Members members = new ServerFrame.Members("#a", List.of("alice"), "t", channel,
                Map.of("alice", "alice"), Map.of("alice", "lunch"));
        ServerFrame.Nick renamed = new ServerFrame.Nick("alice", "Guest00001");
        assertEquals(List.of(new ServerFrame.Members("#a", List.of("alice"), "t", channel, Map.of("alice", "alice")),
                        renamed),
                OlderVersions.downgrade(List.of(new ServerFrame.Away("alice", "lunch"), members, renamed), 4),
                "version 4 keeps its nick frame and accounts");
        assertEquals(List.of(new ServerFrame.Members("#a", List.of("alice"), "t")),
                OlderVersions.downgrade(List.of(new ServerFrame.Away("bob", ""), members), 2));
    }

    @Test
    void beforeVersion4NoAccounts() {
        ServerFrame.Members members = new ServerFrame.Members("#a", List.of("alice"), "t",
                new ServerFrame.Channel(List.of("alice"), List.of(), MODES, 5), Map.of("alice", "alice"));
        assertEquals(List.of(
                        new ServerFrame.Members("#a", List.of("alice"), "t",
                                new ServerFrame.Channel(List.of("alice"), List.of(), MODES, 5)),
                        new ServerFrame.Presence("#a", "bob", Change.JOIN, null, null)),
                OlderVersions.downgrade(List.of(
                        new ServerFrame.Account("alice", ServerFrame.Account.AccountChange.LOGIN),
                        members,
                        new ServerFrame.MemberAccount("bob", "bob"),
                        new ServerFrame.Nick("alice", "Guest00001"),
                        new ServerFrame.Presence("#a", "bob", Change.JOIN, null, null, "bob")), 3));
        assertEquals(List.of(new ServerFrame.Members("#a", List.of("alice"), "t")),
                OlderVersions.downgrade(List.of(members), 2), "and before 3 no moderation either");
    }
}
