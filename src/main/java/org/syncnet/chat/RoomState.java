package org.syncnet.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One room inside {@link ChatState}: display name (the first joiner's spelling), topic, members, bounded history. */
final class RoomState {
    final String name;
    String topic = "";
    final Map<ClientId, Member> members = new LinkedHashMap<>();
    private final ArrayDeque<HistoryEntry> history = new ArrayDeque<>();
    private final int historyLimit;
    /** Sequence of the newest message dropped from the history (0: none), to tell a resume it has a gap. */
    private long lastTrimmedSeq;

    RoomState(String name, int historyLimit) {
        this.name = name;
        this.historyLimit = historyLimit;
    }

    /** The held messages by sender (folded nick) and client event id, to recognize a resend. */
    private final Map<String, HistoryEntry> bySenderAndId = new HashMap<>();

    void add(HistoryEntry entry) {
        history.addLast(entry);
        bySenderAndId.put(senderAndId(entry.sender().nick(), entry.clientEventId()), entry);
        if (history.size() > historyLimit) {
            HistoryEntry dropped = history.removeFirst();
            lastTrimmedSeq = dropped.seq();
            bySenderAndId.remove(senderAndId(dropped.sender().nick(), dropped.clientEventId()), dropped);
        }
    }

    /** The held message {@code nick} sent with {@code clientEventId}, if any. */
    HistoryEntry find(String nick, String clientEventId) {
        return bySenderAndId.get(senderAndId(nick, clientEventId));
    }

    private static String senderAndId(String nick, String clientEventId) {
        return Casemapping.fold(nick) + ' ' + clientEventId;  // neither contains a space
    }

    /**
     * The room with the messages after {@code afterSeq} (0: all held). Sequences are log positions, shared by all
     * rooms, so a room's own messages have gaps; what matters is whether a message newer than the resume point
     * has been trimmed.
     */
    RoomSnapshot snapshot(long afterSeq) {
        List<HistoryEntry> wanted = new ArrayList<>();
        for (HistoryEntry e : history) {
            if (e.seq() > afterSeq) {
                wanted.add(e);
            }
        }
        return new RoomSnapshot(name, topic, new ArrayList<>(members.values()), wanted, lastTrimmedSeq <= afterSeq);
    }

    List<ClientId> audience() {
        return List.copyOf(members.keySet());
    }
}
