package org.syncnet.cluster.transport;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.cluster.ClusterConfig;
import org.syncnet.cluster.Member;
import org.syncnet.cluster.Membership;
import org.syncnet.cluster.Outgoing;
import org.syncnet.cluster.wire.DatagramCodec;
import org.syncnet.cluster.wire.Envelope;

/**
 * Seals one process's outgoing messages into signed datagrams, in the order the core emitted them. Every datagram
 * gets the next number of one sequence, which the receivers' replay windows check, and this process's incarnation,
 * which tells its datagrams from those of an earlier run. One outbox per process: a restart starts a new one.
 */
public final class DatagramOutbox {
    private final Membership ring;
    private final String self;
    private final long incarnation;
    private final DatagramCodec codec;
    private long nextSequence = 1;

    public DatagramOutbox(ClusterConfig config, long incarnation) {
        this.ring = config.membership();
        this.self = config.selfId();
        this.incarnation = incarnation;
        this.codec = new DatagramCodec(config.secret());
    }

    /** The datagrams for {@code messages}, in their order; a message to every peer is one datagram, the same bytes. */
    public List<Outbound> seal(List<Outgoing> messages) {
        List<Outbound> out = new ArrayList<>();
        for (Outgoing m : messages) {
            byte[] datagram = codec.encode(new Envelope(self, incarnation, nextSequence++, m.epoch(), m.message()));
            if (m.isBroadcast()) {
                for (Member peer : ring.ring()) {
                    if (!peer.id().equals(self)) {
                        out.add(new Outbound(peer, datagram));
                    }
                }
            } else {
                out.add(new Outbound(ring.member(m.to()), datagram));
            }
        }
        return out;
    }
}
