package org.syncnet.door.ws;

import java.util.ArrayDeque;

/**
 * A connection's frames kept in order behind an account check: while a password is checked (slow by design, so off
 * the WebSocket's thread), the frames that arrive wait here, and the checking thread handles them once the check is
 * done. A connection that ends meanwhile leaves the chat only after its check's events were logged: a wrong
 * password counts even if the client hung up at once.
 */
final class CheckedInput {
    /** What to do with a frame that arrived. */
    enum Arrival { HANDLE_NOW, HELD, FLOODING }

    /** Frames that may wait for one check; a client sending more is flooding. */
    static final int MAX_HELD = BrowserSession.FLOOD_STRIKES;

    private final ArrayDeque<String> held = new ArrayDeque<>();
    private boolean checking;
    private boolean endedDuringCheck;

    synchronized Arrival arrived(String text) {
        if (!checking) {
            return Arrival.HANDLE_NOW;
        }
        if (held.size() >= MAX_HELD) {
            return Arrival.FLOODING;
        }
        held.add(text);
        return Arrival.HELD;
    }

    /** A check starts: frames wait until {@link #next} has none left. */
    synchronized void checking() {
        checking = true;
    }

    /** After a check: the next frame that waited, or null: none (or the connection ended), frames flow again. */
    synchronized String next() {
        if (endedDuringCheck) {
            held.clear();
        }
        String text = held.poll();
        checking = text != null;
        return text;
    }

    /** The connection ended: true if it leaves the chat now, false if after the check ({@link #endedDuringCheck}). */
    synchronized boolean endNow() {
        endedDuringCheck |= checking;
        return !checking;
    }

    /** Whether the connection ended while a check ran (read once {@link #next} returned null). */
    synchronized boolean endedDuringCheck() {
        return endedDuringCheck;
    }
}
