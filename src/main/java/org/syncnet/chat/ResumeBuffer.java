package org.syncnet.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The recent messages of every room, beyond each room's own history of {@link ChatLimits#HISTORY_PER_ROOM}, for
 * clients that resume after a reconnect: at a busy moment a failover takes longer than 200 messages. Bounded by
 * size ({@link ChatLimits#RESUME_BUFFER_CHARS}); a resume is answered with as much as the connection's outbound
 * queue takes (see {@link org.syncnet.door.ws.OutcomeFrames}).
 */
final class ResumeBuffer {
    /** What a message costs besides its text: its fields in a frame. */
    private static final int OVERHEAD_CHARS = 128;

    final long capacityChars;
    final ArrayDeque<HistoryEntry> messages = new ArrayDeque<>();
    long chars;
    /** Sequence of the newest message evicted (0: none): a resume from before it may have missed messages. */
    long lastEvictedSeq;

    ResumeBuffer(long capacityChars) {
        this.capacityChars = capacityChars;
    }

    void add(HistoryEntry e) {
        messages.addLast(e);
        chars += cost(e);
        while (chars > capacityChars && messages.size() > 1) {
            HistoryEntry evicted = messages.removeFirst();
            chars -= cost(evicted);
            lastEvictedSeq = evicted.seq();
        }
    }

    /** Messages of one room; {@code complete} is false if some after the resume point are not among them. */
    record Slice(List<HistoryEntry> messages, boolean complete) {
    }

    /** The messages of {@code room} after {@code afterSeq}, oldest first: as many of the newest as fit {@code maxChars}. */
    Slice after(String room, long afterSeq, long maxChars) {
        boolean complete = lastEvictedSeq <= afterSeq;
        List<HistoryEntry> found = new ArrayList<>();
        long size = 0;
        for (Iterator<HistoryEntry> it = messages.descendingIterator(); it.hasNext(); ) {
            HistoryEntry e = it.next();
            if (e.seq() <= afterSeq) {
                break;
            }
            if (Casemapping.equal(e.room(), room)) {
                size += cost(e);
                if (size > maxChars) {
                    complete = false;
                    break;
                }
                found.add(e);
            }
        }
        Collections.reverse(found);
        return new Slice(found, complete);
    }

    private static long cost(HistoryEntry e) {
        return e.text().length() + OVERHEAD_CHARS;
    }
}
