package org.syncnet.cluster;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.cluster.wire.DropReason;
import org.syncnet.cluster.wire.Message;

/**
 * What the node's steps emit until the driver takes its {@link Ready}: the messages to send, in order, the events to
 * report, and the received messages found invalid.
 */
final class Effects {
    private final List<Outgoing> outgoing = new ArrayList<>();
    private final List<ClusterEvent> events = new ArrayList<>();
    private final List<DropReason> dropped = new ArrayList<>();

    void send(String to, Message message, long inEpoch) {
        outgoing.add(new Outgoing(to, inEpoch, message));
    }

    /** One datagram, the same bytes to every peer. */
    void broadcast(Message message, long inEpoch) {
        outgoing.add(new Outgoing(null, inEpoch, message));
    }

    void event(ClusterEvent e) {
        events.add(e);
    }

    void drop(DropReason reason) {
        dropped.add(reason);
    }

    List<Outgoing> takeMessages() {
        return take(outgoing);
    }

    List<ClusterEvent> takeEvents() {
        return take(events);
    }

    List<DropReason> takeDropped() {
        return take(dropped);
    }

    private static <T> List<T> take(List<T> list) {
        List<T> out = List.copyOf(list);
        list.clear();
        return out;
    }
}
