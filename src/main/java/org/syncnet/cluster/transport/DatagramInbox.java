package org.syncnet.cluster.transport;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.syncnet.cluster.ClusterConfig;
import org.syncnet.cluster.Membership;
import org.syncnet.cluster.wire.DatagramCodec;
import org.syncnet.cluster.wire.DropReason;
import org.syncnet.cluster.wire.Envelope;
import org.syncnet.cluster.wire.MalformedDatagramException;
import org.syncnet.cluster.wire.ReplayGuard;

/**
 * One process's front door for received datagrams: decodes them and checks their MAC, admits only configured peers,
 * and filters replays, so the core is stepped only with authenticated, fresh messages from its peers. Every datagram
 * turned away is counted by reason, as are the messages the core itself found invalid ({@link #count}): the REST
 * view shows the counts. One inbox per process: a restart starts a new one (its replay windows included).
 */
public final class DatagramInbox {
    private final Membership ring;
    private final String self;
    private final DatagramCodec codec;
    private final ReplayGuard replayGuard = new ReplayGuard();
    private final Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);

    public DatagramInbox(ClusterConfig config) {
        this.ring = config.membership();
        this.self = config.selfId();
        this.codec = new DatagramCodec(config.secret());
    }

    /**
     * The datagram's envelope if it is well formed, authentic, from a peer and not seen before; null (and counted)
     * otherwise. Membership is checked before the replay guard, whose memory is bounded only by the members.
     */
    public Envelope accept(byte[] data, int length) {
        Envelope env;
        try {
            env = codec.decode(data, length);
        } catch (MalformedDatagramException e) {
            count(e.reason());
            return null;
        }
        String from = env.sender();
        if (!ring.contains(from) || from.equals(self)) {
            count(DropReason.UNKNOWN_SENDER);
            return null;
        }
        if (!replayGuard.accept(from, env.incarnation(), env.sequence())) {
            count(DropReason.REPLAYED);
            return null;
        }
        return env;
    }

    /** Counts a message dropped for {@code reason} (the core reports those it found invalid in its Ready). */
    public void count(DropReason reason) {
        dropped.merge(reason, 1L, Long::sum);
    }

    public long droppedCount(DropReason reason) {
        return dropped.getOrDefault(reason, 0L);
    }

    /** The counts by reason name, in the reasons' order, for the view. */
    public Map<String, Long> droppedCounts() {
        Map<String, Long> drops = new LinkedHashMap<>();
        dropped.forEach((reason, count) -> drops.put(reason.name(), count));
        return drops;
    }
}
