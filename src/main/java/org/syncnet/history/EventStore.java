package org.syncnet.history;

import java.util.List;

/**
 * Where the history keeps committed events, keyed by seq (one event per seq), with room messages findable by
 * (room key, seq). Each method is one transaction; a failure throws a {@link RuntimeException} and changes nothing.
 */
public interface EventStore {
    /** The highest stored seq, 0 when there is none. */
    long highestSeq();

    /** The event stored at {@code seq}, or null. */
    CommittedEvent eventAt(long seq);

    /** Stores {@code events} (ascending seqs, none stored yet) in one transaction. */
    void append(List<CommittedEvent> events);

    /** Removes every event from {@code seq} on; returns how many. */
    int deleteFrom(long seq);

    /** Up to {@code max} stored events from {@code fromSeq} on, ascending: the log read back in batches. */
    List<CommittedEvent> readFrom(long fromSeq, int max);

    /** Up to {@code max} messages of the room with this folded key whose seq is below {@code beforeSeq}, newest first. */
    List<CommittedEvent> roomMessages(String roomKey, long beforeSeq, int max);
}
