package org.syncnet.chat;

/**
 * A per-connection rate limiter: holds up to {@code capacity} tokens, gains {@code perSecond} tokens a second, and
 * each input costs one. Time is passed in (nanoseconds from any fixed origin, e.g. {@code System.nanoTime()}), so
 * the limiter reads no clock and tests drive it exactly. Time that goes backwards adds nothing. Starts full, so a
 * client may send a burst of {@code capacity} at once. Arithmetic is in whole nano-tokens, so no rounding drifts.
 * Not thread-safe: one connection, one caller at a time.
 */
public final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long capacityNanoTokens;
    private final long perSecond;
    private long nanoTokens;
    private long lastNanos;

    public TokenBucket(int capacity, int perSecond, long nowNanos) {
        if (capacity < 1 || perSecond < 1 || capacity > 1_000_000 || perSecond > 1_000_000) {
            throw new IllegalArgumentException("capacity " + capacity + ", rate " + perSecond);
        }
        this.capacityNanoTokens = capacity * NANOS_PER_SECOND;
        this.perSecond = perSecond;
        this.nanoTokens = capacityNanoTokens;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one; false means the input must be refused with {@link ErrorCode#RATE_LIMITED}. */
    public boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (nanoTokens < NANOS_PER_SECOND) {
            return false;
        }
        nanoTokens -= NANOS_PER_SECOND;
        return true;
    }

    /** Whole tokens available at {@code nowNanos}. */
    public long available(long nowNanos) {
        refill(nowNanos);
        return nanoTokens / NANOS_PER_SECOND;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed <= 0) {
            return;  // time went backwards or stood still: nothing gained, and the origin stays where it was
        }
        lastNanos = nowNanos;
        // elapsed * perSecond could overflow after ~9 s at 10^9/s; cap elapsed at the time to refill completely.
        long fullAfter = capacityNanoTokens / perSecond + 1;
        nanoTokens = Math.min(capacityNanoTokens, nanoTokens + Math.min(elapsed, fullAfter) * perSecond);
    }
}
