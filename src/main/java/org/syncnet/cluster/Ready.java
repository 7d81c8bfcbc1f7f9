package org.syncnet.cluster;

import java.util.List;
import org.syncnet.cluster.log.Delivery;
import org.syncnet.cluster.log.LogWrites;
import org.syncnet.cluster.wire.DropReason;

/**
 * Everything the steps since the last {@link ClusterNode#ready} left for the driver to do, in the order it must do
 * it: keep {@link #epoch} (if set) and {@link #log} durably, then seal and send {@link #messages}, then report
 * {@link #events} (and count {@link #dropped}) and apply {@link #deliveries}. Keeping comes first: a promise, an
 * acknowledgement or an append that goes out must survive a restart of this server.
 *
 * @param epoch      the epoch this server bound itself to, to keep across restarts; {@link #NO_EPOCH} if unchanged
 * @param log        where the log resumes and the entries it appended, to keep across restarts
 * @param messages   what to send, in this order (the order of their sequence numbers)
 * @param events     state changes to report
 * @param deliveries committed client events, in log order, each once
 * @param dropped    received messages the core found invalid, one reason each, for the driver's drop counts
 */
public record Ready(long epoch, LogWrites log, List<Outgoing> messages, List<ClusterEvent> events,
                    List<Delivery> deliveries, List<DropReason> dropped) {
    /** No new epoch to keep. */
    public static final long NO_EPOCH = -1;

    public Ready {
        messages = List.copyOf(messages);
        dropped = List.copyOf(dropped);
        events = List.copyOf(events);
        deliveries = List.copyOf(deliveries);
    }

    public boolean hasEpoch() {
        return epoch != NO_EPOCH;
    }
}
