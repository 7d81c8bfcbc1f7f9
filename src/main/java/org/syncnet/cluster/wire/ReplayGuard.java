package org.syncnet.cluster.wire;

import java.util.HashMap;
import java.util.Map;

/**
 * Rejects datagrams seen before, per sender, like IPsec's anti-replay window: the newest incarnation of each
 * sender is kept with its highest sequence and a 64-bit bitmap of the sequences just below it. A datagram from an
 * older incarnation, older than the window, or already in the bitmap is a replay (or a duplicate, which is
 * the same thing to the protocol).
 * <p>
 * Memory is one small entry per sender, never freed. That is bounded only because callers admit nothing but
 * authenticated datagrams from configured members: {@code ClusterNode.receive} checks the MAC (in the codec) and
 * then membership before calling {@link #accept}. Keep that order; a sender id straight off the wire would let
 * any holder of the secret grow this map without limit.
 * <p>
 * Trusts incarnations to grow: a sender that restarts with a lower incarnation (its clock stepped back) is
 * refused until it exceeds the old one.
 */
public final class ReplayGuard {
    static final int WINDOW = 64;

    private static final class Window {
        long incarnation;
        long highest;
        long seen; // bit i set: sequence (highest - i) was accepted
    }

    private final Map<String, Window> windows = new HashMap<>();

    public boolean accept(String sender, long incarnation, long sequence) {
        Window w = windows.get(sender);
        if (w == null || incarnation > w.incarnation) {
            w = new Window();
            w.incarnation = incarnation;
            w.highest = sequence;
            w.seen = 1;
            windows.put(sender, w);
            return true;
        }
        if (incarnation < w.incarnation) {
            return false;
        }
        if (sequence > w.highest) {
            long shift = sequence - w.highest;
            w.seen = shift >= WINDOW ? 1 : (w.seen << shift) | 1;
            w.highest = sequence;
            return true;
        }
        long age = w.highest - sequence;
        if (age >= WINDOW) {
            return false;
        }
        long bit = 1L << age;
        if ((w.seen & bit) != 0) {
            return false;
        }
        w.seen |= bit;
        return true;
    }
}
