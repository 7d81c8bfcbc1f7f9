package org.syncnet.chat.app;

import java.util.concurrent.atomic.AtomicLongArray;
import org.syncnet.chat.ErrorCode;

/**
 * What the chat on this server counted since it started, for the server's metrics: the log entries it applied, the
 * outcomes it handed to this server's connections (one per recipient), and the chat state's refusals of this
 * server's clients by reason. The applier thread adds once per batch of deliveries, never per outcome; any thread
 * reads.
 */
public final class ChatCounters {
    private volatile long applied;
    private volatile long handedOut;
    private final AtomicLongArray refusals = new AtomicLongArray(ErrorCode.values().length);

    /** The applier thread only (one writer: a volatile sum is enough). */
    void add(int appliedNow, int handedOutNow) {
        applied += appliedNow;
        handedOut += handedOutNow;
    }

    void refused(ErrorCode code) {
        refusals.incrementAndGet(code.ordinal());
    }

    /** Log entries applied to the chat state (every server applies every entry). */
    public long applied() {
        return applied;
    }

    /** Outcomes handed to this server's connections: a message to a room of ten here counts ten. */
    public long handedOut() {
        return handedOut;
    }

    /** The chat state's refusals ({@code ChatOutcome.Rejected}) of this server's clients for {@code code}. */
    public long refusals(ErrorCode code) {
        return refusals.get(code.ordinal());
    }
}
