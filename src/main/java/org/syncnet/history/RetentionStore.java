package org.syncnet.history;

import java.util.List;
import java.util.Map;

/**
 * What the history's retention needs of the database: rooms' stored messages, counted, read oldest first, and removed
 * room by room up to a seq. Only room messages (events with a room key) are ever read or removed here. Each method is
 * one transaction; a failure throws a {@link RuntimeException} and changes nothing.
 */
public interface RetentionStore {
    /** The highest stored seq (any event), 0 when there is none. */
    long highestSeq();

    /** How many messages each room holds, by the room's folded key; rooms without messages are absent. */
    Map<String, Long> messageCounts();

    /** The seq of the room's {@code n}th oldest stored message ({@code n} from 1), or 0 if it holds fewer. */
    long nthOldestMessageSeq(String roomKey, int n);

    /** The room's oldest stored messages, at most {@code max}, ascending. */
    List<CommittedEvent> oldestMessages(String roomKey, int max);

    /** Removes the room's messages with a seq up to {@code throughSeq} (no other event); returns how many. */
    int deleteMessagesThrough(String roomKey, long throughSeq);
}
