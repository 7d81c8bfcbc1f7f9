package org.syncnet.history;

import java.util.List;
import org.syncnet.chat.MalformedEventException;

/**
 * Which of a room's stored messages the retention removes. Both rules take a room's messages from its oldest on, so
 * one removal is always "the room's messages up to this seq", which the database does through its (room, seq) index
 * and which can never touch another room or an event that is not a message.
 */
public final class RetentionRules {
    private RetentionRules() {
    }

    /** How many of a room's {@code count} messages are beyond its newest {@code maxMessages} (0: no limit). */
    public static long excess(long count, int maxMessages) {
        return maxMessages == 0 ? 0 : Math.max(0, count - maxMessages);
    }

    /**
     * What to remove of a room's oldest messages (ascending) by age: the longest run from the first on whose messages
     * are older than {@code cutoffMillis} and lie below {@code keepFromSeq}. The run ends at the first message that is
     * not older — a message's time is the accepting server's clock, so times are in seq order only up to the servers'
     * clock skew; a slightly older message after it goes in a later cleanup, once the cutoff has passed that newer one
     * too. The stored event at the highest seq is always kept ({@code keepFromSeq}): it is where the stored log ends.
     * A message whose time cannot be read (it cannot be shown either) goes with the older messages after it, and
     * stays if none follow.
     *
     * @param oldestFirst  the room's oldest stored messages, ascending
     * @param cutoffMillis messages with a time below this are too old
     * @param keepFromSeq  messages at or above this seq stay whatever their age
     */
    public static AgedRun agedRun(List<CommittedEvent> oldestFirst, long cutoffMillis, long keepFromSeq) {
        long through = 0;
        int messages = 0;
        for (int i = 0; i < oldestFirst.size(); i++) {
            CommittedEvent e = oldestFirst.get(i);
            if (e.seq() >= keepFromSeq) {
                return new AgedRun(through, messages, true);
            }
            Long time = timeOf(e);
            if (time == null) {
                continue;
            }
            if (time >= cutoffMillis) {
                return new AgedRun(through, messages, true);
            }
            through = e.seq();
            messages = i + 1;
        }
        return new AgedRun(through, messages, false);
    }

    /**
     * A run of a room's oldest messages that are too old.
     *
     * @param throughSeq the run's last seq: remove the room's messages up to it; 0 when there are none
     * @param messages   how many messages the run holds
     * @param endFound   whether a message that stays came after it (false: every message given was in the run or of
     *                   unknown time, so more old ones may follow the ones given)
     */
    public record AgedRun(long throughSeq, int messages, boolean endFound) {
        public boolean isEmpty() {
            return throughSeq == 0;
        }
    }

    /** A stored message's time (ms since 1970, the accepting server's clock), or null if its event cannot be read. */
    static Long timeOf(CommittedEvent e) {
        try {
            return RoomMessage.of(e).time();
        } catch (MalformedEventException | RuntimeException ex) {
            return null;
        }
    }
}
