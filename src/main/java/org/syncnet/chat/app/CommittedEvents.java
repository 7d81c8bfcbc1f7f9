package org.syncnet.chat.app;

import java.util.List;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.cluster.log.Delivery;

/**
 * Where the chat publishes every committed log entry once it has applied it, in log order, with the outcomes applying
 * it gave (so a subscriber need not decode the payload again): the durable history subscribes here.
 */
@FunctionalInterface
public interface CommittedEvents {
    /** Publishes to nobody. */
    CommittedEvents NONE = (d, outcomes) -> { };

    /**
     * The entry {@code d}, just applied with these outcomes (none if it was skipped as malformed). Called on the
     * chat's applier thread with the chat state locked: must never wait and never throw.
     */
    void committed(Delivery d, List<ChatOutcome> outcomes);
}
