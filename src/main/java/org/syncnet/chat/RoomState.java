package org.syncnet.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
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

    void add(HistoryEntry entry) {
        history.addLast(entry);
        if (history.size() > historyLimit) {
            lastTrimmedSeq = history.removeFirst().seq();
        }
    }

    /**
     * The room with the messages after {@code afterSeq} (0: all held). Sequences are log positions, shared by all
     * rooms, so a room's own messages have gaps; what matters is whether a message newer than the resume point
     * has been trimmed — then a resume is answered from the {@link ResumeBuffer}, which reaches further back.
     */
    RoomSnapshot snapshot(long afterSeq, ResumeBuffer resume, long maxResumeChars) {
        List<Member> who = new ArrayList<>(members.values());
        if (afterSeq > 0 && lastTrimmedSeq > afterSeq) {
            ResumeBuffer.Slice slice = resume.after(name, afterSeq, maxResumeChars);
            return new RoomSnapshot(name, topic, who, slice.messages(), slice.complete());
        }
        List<HistoryEntry> wanted = new ArrayList<>();
        for (HistoryEntry e : history) {
            if (e.seq() > afterSeq) {
                wanted.add(e);
            }
        }
        return new RoomSnapshot(name, topic, who, wanted, lastTrimmedSeq <= afterSeq);
    }

    List<ClientId> audience() {
        return List.copyOf(members.keySet());
    }
}
