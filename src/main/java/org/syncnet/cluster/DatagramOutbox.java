package org.syncnet.cluster;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.cluster.wire.DatagramCodec;
import org.syncnet.cluster.wire.Envelope;
import org.syncnet.cluster.wire.Message;

/**
 * Seals this server's messages into signed datagrams and queues them for the driver to send. Every datagram gets
 * the next number of one sequence, which the receivers' replay windows check, and this process's incarnation, which
 * tells its datagrams from those of an earlier run.
 */
final class DatagramOutbox {
    private final Membership ring;
    private final String self;
    private final long incarnation;
    private final DatagramCodec codec;
    private long nextSequence = 1;
    private final List<Outbound> queued = new ArrayList<>();

    DatagramOutbox(ClusterConfig config, long incarnation) {
        this.ring = config.membership();
        this.self = config.selfId();
        this.incarnation = incarnation;
        this.codec = new DatagramCodec(config.secret());
    }

    void send(String to, Message message, long inEpoch) {
        queued.add(new Outbound(ring.member(to), seal(message, inEpoch)));
    }

    /** One datagram, the same bytes to every peer. */
    void broadcast(Message message, long inEpoch) {
        byte[] datagram = seal(message, inEpoch);
        for (Member m : ring.ring()) {
            if (!m.id().equals(self)) {
                queued.add(new Outbound(m, datagram));
            }
        }
    }

    List<Outbound> drain() {
        List<Outbound> out = List.copyOf(queued);
        queued.clear();
        return out;
    }

    private byte[] seal(Message message, long inEpoch) {
        return codec.encode(new Envelope(self, incarnation, nextSequence++, inEpoch, message));
    }
}
