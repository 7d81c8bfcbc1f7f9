package org.syncnet.chat.app;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.syncnet.chat.ChatEvent;

/**
 * Keeps one connection's replies in the order of its commands. A command that goes through the log is answered when
 * the log applies its event, one answered at once (a PONG, a refusal) would overtake it: such a reply waits here until
 * every event the connection submitted before it has been applied. Clients rely on it, e.g. a PING after a JOIN as a
 * barrier ("everything I sent before is done").
 * <p>
 * The wait is bounded: an event still unapplied after the door's reply timeout is given up on ({@link #overdue},
 * {@link #giveUp}); the door answers it with an error and the replies behind it go out. The event may still commit
 * later, and its outcome then arrives as any other news does.
 * <p>
 * Event numbers are the connection's own ({@link ChatApplication#submit}), increasing in the order the events went to
 * the log, which applies them in that order. Not thread-safe: the door guards it with the lock of its output queue, so
 * a reply is queued in the same step as it is released.
 *
 * @param <R> a reply as the door queues it (encoded line or frame)
 */
public final class ReplyOrder<R> {
    /** An event of the connection's in the log's hands, not yet applied. */
    public record InFlight(long eventNumber, ChatEvent event, long submittedNanos) {
    }

    private record Held<R>(long after, R reply) {
    }

    // Small at first: one of these lives in every connection, and most hold an event or none; they grow when they must.
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>(2);
    private final ArrayDeque<Held<R>> held = new ArrayDeque<>(1);
    /** Every event up to this number is applied or given up on. */
    private long doneUpTo;

    /** The connection's event {@code eventNumber} went to the log (it may have been applied meanwhile). */
    public void submitted(long eventNumber, ChatEvent event, long nowNanos) {
        if (eventNumber > doneUpTo) {
            inFlight.add(new InFlight(eventNumber, event, nowNanos));
        }
    }

    /** Whether an event of the connection is still in the log's hands. */
    public boolean waiting() {
        return !inFlight.isEmpty();
    }

    /**
     * A reply to the command handled now: false if it may go out at once; else it is held until the events submitted
     * so far are applied (or given up on), and comes out of {@link #applied} or {@link #giveUp}.
     */
    public boolean hold(R reply) {
        if (inFlight.isEmpty()) {
            return false;
        }
        held.add(new Held<>(inFlight.peekLast().eventNumber(), reply));
        return true;
    }

    /**
     * The log applied the connection's event {@code eventNumber} (its outcome's replies are queued already): the replies
     * that waited for it go to {@code release}, in order.
     */
    public void applied(long eventNumber, Consumer<? super R> release) {
        done(eventNumber, release);
    }

    /** The events in flight since before {@code submittedBeforeNanos}, oldest first. */
    public List<InFlight> overdue(long submittedBeforeNanos) {
        if (inFlight.isEmpty() || inFlight.peek().submittedNanos() - submittedBeforeNanos >= 0) {
            return List.of();  // the usual case, asked of every connection twice a second
        }
        List<InFlight> late = new ArrayList<>();
        for (InFlight f : inFlight) {
            if (f.submittedNanos() - submittedBeforeNanos >= 0) {
                break;
            }
            late.add(f);
        }
        return late;
    }

    /**
     * Stops waiting for {@code eventNumber} (from {@link #overdue}): if it is still in flight, {@code errors} (the
     * door's answer for it) and then the replies that waited for it go to {@code release}; if it was applied meanwhile,
     * nothing happens.
     */
    public void giveUp(long eventNumber, List<R> errors, Consumer<? super R> release) {
        if (eventNumber <= doneUpTo) {
            return;
        }
        errors.forEach(release);
        done(eventNumber, release);
    }

    private void done(long eventNumber, Consumer<? super R> release) {
        if (eventNumber <= doneUpTo) {
            return;  // applied after it was given up on
        }
        doneUpTo = eventNumber;
        while (!inFlight.isEmpty() && inFlight.peek().eventNumber() <= eventNumber) {
            inFlight.poll();
        }
        while (!held.isEmpty() && held.peek().after() <= eventNumber) {
            release.accept(held.poll().reply());
        }
    }
}
