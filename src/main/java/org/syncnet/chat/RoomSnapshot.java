package org.syncnet.chat;

import java.util.List;

/**
 * A room as a joining client first sees it: members in join order, topic (empty if none) and recent history.
 * {@code complete} is false when history older than what is held was asked for (a resume point that has
 * already fallen out of the bounded history), so the client can say some messages are not shown.
 */
public record RoomSnapshot(String room, String topic, List<Member> members, List<HistoryEntry> history,
                           boolean complete) {
    public RoomSnapshot {
        members = List.copyOf(members);
        history = List.copyOf(history);
    }
}
