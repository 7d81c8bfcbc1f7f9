package org.syncnet.chat.ws;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ClientId;

/**
 * One browser's WebSocket connection: its {@link BrowserSession} (the protocol state) and its outbound queue.
 * Frames are sent one at a time, asynchronously, from a queue bounded in characters; a client that does not read
 * fills it and is disconnected as too slow, so the thread that delivers to everyone never waits for one socket.
 * <p>
 * Locks: the protocol state under its own monitor, the queue under {@code queueLock}; neither is held while calling
 * out of this class, so the cluster's delivery thread (which holds the node and the chat state) can always send.
 */
public final class ClientConnection {
    private static final Logger LOG = Logger.getLogger("org.syncnet.chat");

    private final Session ws;
    private final BrowserSession protocol;
    private final ServerFrameEncoder encoder;
    private final Executor closer;
    private final Consumer<ClientConnection> dropped;
    private final long maxQueuedChars;

    private final Object queueLock = new Object();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long queuedChars;
    private boolean sending;
    /** Set once: no more frames are queued; the connection closes when the queue is empty (or at once). */
    private CloseReason closing;
    private long nextEventNumber = 1;
    private volatile boolean spoke;

    /**
     * @param closer  runs the closing of the socket, which may block
     * @param dropped told (on the closer) when this server drops the client, so its end need not wait for the
     *                close handshake that a client which does not read never completes
     */
    public ClientConnection(Session ws, BrowserSession protocol, ServerFrameEncoder encoder, Executor closer,
                            Consumer<ClientConnection> dropped, long maxQueuedChars) {
        this.ws = ws;
        this.protocol = protocol;
        this.encoder = encoder;
        this.closer = closer;
        this.dropped = dropped;
        this.maxQueuedChars = maxQueuedChars;
    }

    public ClientId id() {
        return protocol.id();
    }

    /** A frame from the client; the caller submits {@code toLog} (with {@link #nextEventNumber()}) and sends the reply. */
    public BrowserSession.Result onText(String text) {
        synchronized (protocol) {
            BrowserSession.Result result = protocol.onText(text, System.nanoTime(), System.currentTimeMillis());
            spoke |= !result.toLog().isEmpty();
            return result;
        }
    }

    /** The log's event numbers for this connection: unique per connection, so the log orders each at most once. */
    public long nextEventNumber() {
        synchronized (protocol) {
            return nextEventNumber++;
        }
    }

    /** The quit reason others see when this connection ends. */
    public String quitReason() {
        synchronized (queueLock) {
            String why = closing == null ? "" : closing.getReasonPhrase();
            return switch (why) {
                case "TOO_SLOW" -> "Too slow: outbound queue overflowed";
                case "RATE_LIMITED" -> "Excess flood";
                default -> "Connection closed";
            };
        }
    }

    public boolean registered() {
        synchronized (protocol) {
            return protocol.isRegistered();
        }
    }

    /** Whether anything of this connection went to the log (then its end must be logged too). */
    public boolean spoke() {
        return spoke;
    }

    /**
     * Sends what an applied event means for this client, encoded by {@code encode} (which may reuse the text of an
     * equal frame for another recipient); closes the connection if the protocol says so (replaced).
     */
    public void onOutcome(ChatOutcome outcome, OutcomeFrames frames, String leader,
                          Function<ServerFrame, String> encode) {
        List<ServerFrame> out;
        boolean closed;
        synchronized (protocol) {
            out = protocol.onOutcome(outcome, frames, leader);
            closed = protocol.isClosed();
        }
        for (ServerFrame f : out) {
            send(encode.apply(f));
        }
        if (closed) {
            closeAfterSending(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "REPLACED"));
        }
    }

    /** After a reply: closes the connection if the protocol state ended it (flooding). */
    public void closeIfEnded() {
        boolean closed;
        synchronized (protocol) {
            closed = protocol.isClosed();
        }
        if (closed) {
            closeAfterSending(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "RATE_LIMITED"));
        }
    }

    public void send(List<ServerFrame> frames) {
        for (ServerFrame f : frames) {
            send(encoder.encode(f));
        }
    }

    public void send(ServerFrame frame) {
        send(encoder.encode(frame));
    }

    private void send(String text) {
        synchronized (queueLock) {
            if (closing != null) {
                return;
            }
            if (queuedChars + text.length() > maxQueuedChars) {
                // Too slow: what is queued is dropped; the client resumes from its last seen event on reconnect.
                queue.clear();
                queuedChars = 0;
                closing = new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "TOO_SLOW");
                LOG.fine(() -> id() + ": outbound queue over " + maxQueuedChars + " characters; disconnecting");
                closer.execute(() -> dropped.accept(this));
                closeSoon(closing);
                return;
            }
            queue.add(text);
            queuedChars += text.length();
            if (sending) {
                return;
            }
            sending = true;
        }
        pump();
    }

    /**
     * Sends queued frames one after another. A send that completes on this thread (inside sendText) continues the
     * loop here; one that completes later continues from its handler — no recursion, one send in flight.
     */
    private void pump() {
        while (true) {
            String next;
            synchronized (queueLock) {
                next = queue.poll();
                if (next == null) {
                    sending = false;
                    if (closing != null) {
                        closeSoon(closing);
                    }
                    return;
                }
                queuedChars -= next.length();
            }
            Completion completion = new Completion();
            try {
                ws.getAsyncRemote().sendText(next, completion);
            } catch (RuntimeException e) {
                abort(e);
                return;
            }
            if (!completion.continueInline()) {
                return;
            }
        }
    }

    private final class Completion implements jakarta.websocket.SendHandler {
        private boolean inPump = true;
        private boolean completedInline;

        @Override
        public void onResult(SendResult result) {
            if (!result.isOK()) {
                abort(result.getException());
                return;
            }
            synchronized (this) {
                if (inPump) {
                    completedInline = true;
                    return;
                }
            }
            pump();
        }

        /** Called by the pump after sendText returned: true if the send already completed, so the loop goes on. */
        synchronized boolean continueInline() {
            inPump = false;
            return completedInline;
        }
    }

    private void abort(Throwable cause) {
        synchronized (queueLock) {
            queue.clear();
            queuedChars = 0;
            sending = false;
            if (closing == null) {
                closing = new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed");
            }
        }
        LOG.log(Level.FINE, id() + ": send failed", cause);
        closeSoon(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "send failed"));
    }

    /** Sends what is queued, then closes. */
    public void closeAfterSending(CloseReason reason) {
        synchronized (queueLock) {
            if (closing != null) {
                return;
            }
            closing = reason;
            if (sending) {
                return;  // the pump closes when the queue is empty
            }
        }
        closeSoon(reason);
    }

    /** Closing can block on the socket: never on the delivering thread. */
    private void closeSoon(CloseReason reason) {
        closer.execute(() -> {
            try {
                if (ws.isOpen()) {
                    ws.close(reason);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, id() + ": close failed", e);
            }
        });
    }
}
