package org.syncnet.cluster.sim;

import java.util.Collection;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * An in-memory UDP: every datagram gets its own random delay (so datagrams reorder), and may be dropped or
 * duplicated. Links can be cut one way or both ways (partitions), and healed. A cut is checked when the datagram
 * is sent; datagrams already in flight still arrive, as they would from a switch buffer.
 */
final class SimulatedNetwork {
    /** Where the network hands a datagram when it arrives. */
    interface Receiver {
        void deliver(String from, String to, byte[] datagram);
    }

    private final EventQueue clock;
    private final Random rng;
    private final Receiver receiver;
    private final Set<String> cutLinks = new HashSet<>();
    private long minDelay;
    private long maxDelay;
    private double dropRate;
    private double duplicateRate;
    private long sent;
    private long lost;

    SimulatedNetwork(EventQueue clock, Random rng, long minDelay, long maxDelay, Receiver receiver) {
        this.clock = clock;
        this.rng = rng;
        this.receiver = receiver;
        this.minDelay = minDelay;
        this.maxDelay = maxDelay;
    }

    void setLoss(double dropRate, double duplicateRate) {
        this.dropRate = dropRate;
        this.duplicateRate = duplicateRate;
    }

    /** Only delays remain. */
    void makeReliable() {
        setLoss(0, 0);
    }

    long maxDelay() {
        return maxDelay;
    }

    /** Cuts every link from {@code from} to {@code to}; both ways unless {@code oneWay}. */
    void cut(Collection<String> from, Collection<String> to, boolean oneWay) {
        for (String a : from) {
            for (String b : to) {
                if (!a.equals(b)) {
                    cutLinks.add(link(a, b));
                    if (!oneWay) {
                        cutLinks.add(link(b, a));
                    }
                }
            }
        }
    }

    void healAll() {
        cutLinks.clear();
    }

    boolean isCut(String from, String to) {
        return cutLinks.contains(link(from, to));
    }

    void send(String from, String to, byte[] datagram) {
        sent++;
        if (isCut(from, to) || rng.nextDouble() < dropRate) {
            lost++;
            return;
        }
        schedule(from, to, datagram);
        if (rng.nextDouble() < duplicateRate) {
            schedule(from, to, datagram);
        }
    }

    private void schedule(String from, String to, byte[] datagram) {
        long delay = minDelay + (maxDelay > minDelay ? rng.nextLong(maxDelay - minDelay + 1) : 0);
        byte[] copy = datagram.clone();
        clock.after(delay, () -> receiver.deliver(from, to, copy));
    }

    long sent() {
        return sent;
    }

    long lost() {
        return lost;
    }

    private static String link(String from, String to) {
        return from + "->" + to;
    }
}
