package org.syncnet.history;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * An {@link EventStore} in memory for the tests, strict like a table with seq as its key: storing a seq twice fails
 * the whole batch, as a primary key would. {@link #failNext} makes the next calls fail like a broken database.
 */
class MemoryStore implements EventStore {
    final TreeMap<Long, CommittedEvent> events = new TreeMap<>();
    /** Every append, as given. */
    final List<List<CommittedEvent>> appends = new ArrayList<>();
    int failures;
    int calls;

    /** The next {@code n} calls (any method) throw. */
    void failNext(int n) {
        failures = n;
    }

    private void call() {
        calls++;
        if (failures > 0) {
            failures--;
            throw new IllegalStateException("wrapper", new RuntimeException("disk full"));
        }
    }

    @Override
    public long highestSeq() {
        call();
        return events.isEmpty() ? 0 : events.lastKey();
    }

    @Override
    public CommittedEvent eventAt(long seq) {
        call();
        return events.get(seq);
    }

    @Override
    public void append(List<CommittedEvent> batch) {
        call();
        for (CommittedEvent e : batch) {
            if (events.containsKey(e.seq())) {
                throw new IllegalStateException("duplicate key " + e.seq());
            }
        }
        long last = 0;
        for (CommittedEvent e : batch) {
            if (e.seq() <= last) {
                throw new IllegalStateException("not ascending: " + batch);
            }
            last = e.seq();
        }
        batch.forEach(e -> events.put(e.seq(), e));
        appends.add(List.copyOf(batch));
    }

    @Override
    public int deleteFrom(long seq) {
        call();
        var tail = events.tailMap(seq, true);
        int n = tail.size();
        tail.clear();
        return n;
    }

    @Override
    public List<CommittedEvent> readFrom(long fromSeq, int max) {
        call();
        return events.tailMap(fromSeq, true).values().stream().limit(max).toList();
    }

    @Override
    public List<CommittedEvent> roomMessages(String roomKey, long beforeSeq, int max) {
        call();
        return events.headMap(beforeSeq, false).descendingMap().values().stream()
                .filter(e -> roomKey.equals(e.roomKey())).limit(max).toList();
    }
}
