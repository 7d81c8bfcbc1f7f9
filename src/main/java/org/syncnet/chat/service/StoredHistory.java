package org.syncnet.chat.service;

import org.syncnet.chat.app.StoredEvents;
import org.syncnet.history.service.HistoryService;

/** The events the history stored before this start, as the chat rebuilds its state from them (through the bean). */
final class StoredHistory implements StoredEvents {
    private final HistoryService history;

    StoredHistory(HistoryService history) {
        this.history = history;
    }

    @Override
    public long lastSeq() {
        return history.storedSeq();
    }

    @Override
    public long replay(long afterSeq, Replay apply) {
        return history.replay(afterSeq, e -> apply.event(e.seq(), e.originServer(), e.payload()));
    }
}
