package org.syncnet.door.irc.wire;

/**
 * The message timer of RFC 1459 §8.10, one per connection: "if the client's message timer is less than the current
 * time, set it to the current time; while the timer is less than ten seconds ahead of the current time, parse any
 * present messages and penalize the client by 2 seconds for each message." Here the ten seconds are
 * {@code windowMillis} and the two seconds {@code penaltyPerLineMillis}, optionally plus {@code extraPenaltyMillis}
 * for every whole {@code bytesPerExtraPenalty} bytes of the line (ircu's long-line penalty). So a client may send a
 * burst of window / penalty lines (5 with the RFC's numbers) and then one line per penalty.
 * <p>
 * A line that is not admitted is not penalized: the caller holds it back and offers it again at
 * {@link #readyAtMillis}; if too much input piles up meanwhile, the caller disconnects the client ("Excess Flood").
 * Time is passed in, in milliseconds from any fixed origin; time that goes backwards admits nothing extra.
 * Not thread-safe: one connection, one caller at a time.
 */
public final class FloodPenalty {
    private final long penaltyPerLineMillis;
    private final long windowMillis;
    private final int bytesPerExtraPenalty;
    private final long extraPenaltyMillis;
    /** The message timer; starts in the past, so the first {@code admit} sets it to "now". */
    private long timer = Long.MIN_VALUE;

    /** RFC 1459's numbers: 2 s a line, 10 s ahead at most. */
    public static FloodPenalty rfc1459() {
        return new FloodPenalty(2_000, 10_000);
    }

    public FloodPenalty(long penaltyPerLineMillis, long windowMillis) {
        this(penaltyPerLineMillis, windowMillis, Integer.MAX_VALUE, 0);
    }

    public FloodPenalty(long penaltyPerLineMillis, long windowMillis, int bytesPerExtraPenalty,
            long extraPenaltyMillis) {
        if (penaltyPerLineMillis < 1 || windowMillis < 1 || bytesPerExtraPenalty < 1 || extraPenaltyMillis < 0
                || penaltyPerLineMillis > windowMillis) {
            throw new IllegalArgumentException("penalty " + penaltyPerLineMillis + " ms a line, " + extraPenaltyMillis
                    + " ms per " + bytesPerExtraPenalty + " bytes, window " + windowMillis + " ms");
        }
        this.penaltyPerLineMillis = penaltyPerLineMillis;
        this.windowMillis = windowMillis;
        this.bytesPerExtraPenalty = bytesPerExtraPenalty;
        this.extraPenaltyMillis = extraPenaltyMillis;
    }

    /**
     * True if a line of {@code lineBytes} may be processed at {@code nowMillis} (and the timer moves on by its
     * penalty); false if the timer is a whole window ahead and the line must wait.
     */
    public boolean admit(long nowMillis, int lineBytes) {
        if (lineBytes < 0) {
            throw new IllegalArgumentException("line of " + lineBytes + " bytes");
        }
        timer = Math.max(timer, nowMillis);
        if (timer - nowMillis >= windowMillis) {
            return false;
        }
        timer += penaltyPerLineMillis + (lineBytes / bytesPerExtraPenalty) * extraPenaltyMillis;
        return true;
    }

    /** The earliest time, not before {@code nowMillis}, at which {@link #admit} would admit a line. */
    public long readyAtMillis(long nowMillis) {
        if (timer == Long.MIN_VALUE) {
            return nowMillis;
        }
        return Math.max(nowMillis, timer - windowMillis + 1);
    }
}
