package org.syncnet.cluster.wire;

import java.util.HashMap;
import java.util.Map;

/**
 * Rejects datagrams seen before, per sender, like IPsec's anti-replay window: the newest incarnation of each
 * sender is kept with its highest sequence and a bitmap of the {@link #WINDOW} sequences just below it. A datagram
 * from an older incarnation, older than the window, or already in the bitmap is a replay (or a duplicate, which is
 * the same thing to the protocol).
 * <p>
 * The window is 1024 sequences, not IPsec's 64: a server numbers all its datagrams in one sequence, and the log
 * sends bursts (appends to every follower, forwarded events), so under reordering a datagram arrives well over 64
 * numbers after a later one; a 64 window dropped most of a burst as "replayed" and replication crawled.
 * <p>
 * Memory is one small entry (128 bytes of bitmap) per sender, never freed. That is bounded only because callers
 * admit nothing but authenticated datagrams from configured members: {@code DatagramInbox.accept} checks the MAC (in
 * the codec) and then membership before calling {@link #accept}. Keep that order; a sender id straight off the wire
 * would let any holder of the secret grow this map without limit.
 * <p>
 * Trusts incarnations to grow: a sender that restarts with a lower incarnation (its clock stepped back) is
 * refused until it exceeds the old one.
 */
public final class ReplayGuard {
    static final int WINDOW = 1024;

    private static final class Window {
        long incarnation;
        long highest;
        /** Bit (s mod WINDOW) set: sequence s, within the window below highest, was accepted. */
        final long[] seen = new long[WINDOW / 64];

        boolean has(long sequence) {
            int i = (int) Math.floorMod(sequence, (long) WINDOW);
            return (seen[i >>> 6] & (1L << (i & 63))) != 0;
        }

        void mark(long sequence, boolean on) {
            int i = (int) Math.floorMod(sequence, (long) WINDOW);
            if (on) {
                seen[i >>> 6] |= 1L << (i & 63);
            } else {
                seen[i >>> 6] &= ~(1L << (i & 63));
            }
        }
    }

    private final Map<String, Window> windows = new HashMap<>();

    public boolean accept(String sender, long incarnation, long sequence) {
        Window w = windows.get(sender);
        if (w == null || incarnation > w.incarnation) {
            w = new Window();
            w.incarnation = incarnation;
            w.highest = sequence;
            w.mark(sequence, true);
            windows.put(sender, w);
            return true;
        }
        if (incarnation < w.incarnation) {
            return false;
        }
        if (sequence > w.highest) {
            long shift = sequence - w.highest;
            if (shift >= WINDOW) {
                java.util.Arrays.fill(w.seen, 0L);
            } else {
                for (long s = w.highest + 1; s < sequence; s++) {
                    w.mark(s, false); // the slots now stand for these newer, unseen sequences
                }
            }
            w.mark(sequence, true);
            w.highest = sequence;
            return true;
        }
        long age = w.highest - sequence;
        if (age >= WINDOW || w.has(sequence)) {
            return false;
        }
        w.mark(sequence, true);
        return true;
    }
}
