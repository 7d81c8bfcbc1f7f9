package org.syncnet.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.syncnet.chat.Casemapping;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatEventCodec;

/**
 * A {@link RetentionStore} in memory for the tests, over events keyed by seq like the table. It records every delete
 * ({@code room≤seq=removed}), can make the {@code n}th delete fail like a broken database, and tells a listener how
 * long each delete "took" so that a test clock can move.
 */
class MemoryRetentionStore implements RetentionStore {
    final TreeMap<Long, CommittedEvent> events = new TreeMap<>();
    final List<String> deletes = new ArrayList<>();
    /** Nanoseconds each delete takes on the test clock. */
    long deleteNanos = 1_000_000;
    LongConsumer clock = nanos -> { };
    /** The delete with this number (from 1) throws; 0: none. */
    int failingDelete;
    int reads;

    /** A message alice posted in {@code room} at {@code seq}, at {@code time} on the accepting server's clock. */
    static CommittedEvent message(long seq, String room, long time) {
        byte[] payload = ChatEventCodec.encode(new ChatEvent.MessagePosted(Samples.ALICE, room, "text " + seq,
                "m-" + seq, time));
        return new CommittedEvent(seq, 1, "server1", Samples.ALICE.toString(), seq, payload, Casemapping.fold(room),
                room, "alice");
    }

    void add(CommittedEvent e) {
        events.put(e.seq(), e);
    }

    /** The seqs of the room's stored messages, ascending. */
    List<Long> messageSeqs(String roomKey) {
        return events.values().stream().filter(e -> roomKey.equals(e.roomKey())).map(CommittedEvent::seq).toList();
    }

    /** The seqs of the stored events that are no room messages. */
    List<Long> plainSeqs() {
        return events.values().stream().filter(e -> !e.isRoomMessage()).map(CommittedEvent::seq).toList();
    }

    @Override
    public long highestSeq() {
        reads++;
        return events.isEmpty() ? 0 : events.lastKey();
    }

    @Override
    public Map<String, Long> messageCounts() {
        reads++;
        Map<String, Long> counts = new TreeMap<>();
        events.values().stream().filter(CommittedEvent::isRoomMessage)
                .forEach(e -> counts.merge(e.roomKey(), 1L, Long::sum));
        return counts;
    }

    @Override
    public long nthOldestMessageSeq(String roomKey, int n) {
        reads++;
        List<Long> seqs = messageSeqs(roomKey);
        return seqs.size() < n ? 0 : seqs.get(n - 1);
    }

    @Override
    public List<CommittedEvent> oldestMessages(String roomKey, int max) {
        reads++;
        return events.values().stream().filter(e -> roomKey.equals(e.roomKey())).limit(max).toList();
    }

    @Override
    public int deleteMessagesThrough(String roomKey, long throughSeq) {
        clock.accept(deleteNanos);
        if (deletes.size() + 1 == failingDelete) {
            deletes.add("failed");
            throw new IllegalStateException("wrapper", new RuntimeException("disk full"));
        }
        List<Long> gone = events.headMap(throughSeq, true).values().stream()
                .filter(e -> roomKey.equals(e.roomKey())).map(CommittedEvent::seq).toList();
        gone.forEach(events::remove);
        deletes.add(roomKey + "≤" + throughSeq + "=" + gone.size());
        return gone.size();
    }
}
