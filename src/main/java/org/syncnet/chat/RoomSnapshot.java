package org.syncnet.chat;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A room as a joining client first sees it: members in join order, topic (empty if none) and recent history.
 * {@code complete} is false when history older than what is held was asked for (a resume point that has
 * already fallen out of the bounded history), so the client can say some messages are not shown.
 * {@code operators} and {@code voiced}: the members with {@code @} and {@code +}, in join order.
 */
public record RoomSnapshot(String room, String topic, List<Member> members, List<HistoryEntry> history,
                           boolean complete, Set<ClientId> operators, Set<ClientId> voiced) {
    public RoomSnapshot {
        members = List.copyOf(members);
        history = List.copyOf(history);
        // Insertion-ordered (Set.copyOf's order varies from run to run, and every server must list alike).
        operators = Collections.unmodifiableSet(new LinkedHashSet<>(operators));
        voiced = Collections.unmodifiableSet(new LinkedHashSet<>(voiced));
    }

    /** Without statuses: nobody is {@code @} or {@code +}. */
    public RoomSnapshot(String room, String topic, List<Member> members, List<HistoryEntry> history,
                        boolean complete) {
        this(room, topic, members, history, complete, Set.of(), Set.of());
    }

    public boolean isOperator(ClientId client) {
        return operators.contains(client);
    }

    public boolean isVoiced(ClientId client) {
        return voiced.contains(client);
    }
}
