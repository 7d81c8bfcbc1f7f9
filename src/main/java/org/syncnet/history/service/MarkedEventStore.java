package org.syncnet.history.service;

import java.util.List;
import org.syncnet.history.CommittedEvent;
import org.syncnet.history.EventStore;

/** The writer's store: after every change the {@link HistoryMark} follows the highest seq stored. */
final class MarkedEventStore implements EventStore {
    private final EventStore store;
    private final HistoryMark mark;

    MarkedEventStore(EventStore store, HistoryMark mark) {
        this.store = store;
        this.mark = mark;
    }

    @Override
    public long highestSeq() {
        return store.highestSeq();
    }

    @Override
    public CommittedEvent eventAt(long seq) {
        return store.eventAt(seq);
    }

    @Override
    public void append(List<CommittedEvent> events) {
        store.append(events);
        mark.write(events.get(events.size() - 1).seq());
    }

    @Override
    public int deleteFrom(long seq) {
        int deleted = store.deleteFrom(seq);
        mark.write(store.highestSeq());
        return deleted;
    }

    @Override
    public List<CommittedEvent> readFrom(long fromSeq, int max) {
        return store.readFrom(fromSeq, max);
    }

    @Override
    public List<CommittedEvent> roomMessages(String roomKey, long beforeSeq, int max) {
        return store.roomMessages(roomKey, beforeSeq, max);
    }
}
