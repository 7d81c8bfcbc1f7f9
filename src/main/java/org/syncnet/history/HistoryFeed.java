package org.syncnet.history;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.app.CommittedEvents;
import org.syncnet.cluster.log.Delivery;

/**
 * The history's subscription to the chat's committed entries ({@link CommittedEvents}): takes each committed event as
 * the chat applies it, in log order, and queues it for the writer without ever waiting and without ever throwing (a
 * failure here must not stop the chat).
 * <p>
 * When the queue is full (the database is slow or down for longer than the queue lasts) events are not persisted:
 * they are counted, and the first and last seq of each such stretch are logged. Once full, the feed takes events
 * again only when the queue is down to half, so a database that barely keeps up gives a few long gaps in the log,
 * not one warning per event. The events of a gap stay in the replicated log (catch-up from the peers can fill it).
 */
public final class HistoryFeed implements CommittedEvents {
    private static final Logger LOG = Logger.getLogger("org.syncnet.history");

    private final String self;
    private final WriteQueue queue;
    /** Applier thread only. */
    private boolean refusing;
    private long gapFrom;
    private long gapTo;
    private long gapEvents;
    private volatile long dropped;

    /** A feed into {@code queue}; {@code queue} null: history off, every event is ignored. */
    public HistoryFeed(String self, WriteQueue queue) {
        this.self = self;
        this.queue = queue;
    }

    public static HistoryFeed off(String self) {
        return new HistoryFeed(self, null);
    }

    /** The entry {@code d}, just applied with these outcomes. Never waits, never throws. */
    @Override
    public void committed(Delivery d, List<ChatOutcome> outcomes) {
        if (queue == null) {
            return;
        }
        try {
            offer(CommittedEvent.of(d, outcomes));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, self + ": history: cannot queue log entry " + d.seq() + "; it is not persisted", e);
        }
    }

    void offer(CommittedEvent e) {
        if (refusing) {
            if (queue.bytes() > queue.capacityBytes() / 2) {
                missed(e);
                return;
            }
            refusing = false;
            LOG.warning(self + ": history queue has room again; " + gapEvents + " events from seq " + gapFrom
                    + " to " + gapTo + " were not persisted (the database was too slow or failing)");
        }
        if (!queue.offer(e)) {
            refusing = true;
            gapFrom = e.seq();
            gapEvents = 0;
            missed(e);
            LOG.severe(self + ": history queue full (" + queue.capacityBytes() / 1024 + " KiB, " + queue.size()
                    + " events waiting): events from seq " + e.seq() + " on are not persisted until it is half empty;"
                    + " the chat goes on");
        }
    }

    private void missed(CommittedEvent e) {
        gapTo = e.seq();
        gapEvents++;
        dropped++;
    }

    /** Events not persisted because the queue was full, since start. */
    public long dropped() {
        return dropped;
    }
}
