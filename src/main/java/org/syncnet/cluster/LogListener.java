package org.syncnet.cluster;

import java.util.List;
import org.syncnet.cluster.log.Delivery;

/**
 * The consumer of the committed log (the chat). {@code ClusterService} calls it on the cluster thread, never
 * concurrently, in the order things happened: deliveries in log order, interleaved with leadership changes.
 * Both methods must be quick and must not call back into {@code ClusterService}: they run inside a protocol step.
 */
public interface LogListener {
    void deliver(List<Delivery> deliveries);

    /**
     * The leader with a quorum changed; {@code leader} is null while there is none. Also called once when the listener
     * is attached, with the leader at that moment.
     */
    void leaderChanged(String leader);
}
