package org.syncnet.door.ws;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.app.ChatApplication;
import org.syncnet.chat.app.ChatConnection;
import org.syncnet.chat.app.ReplyOrder;
import org.syncnet.chat.app.SharedEncodings;

/**
 * One browser's WebSocket connection: its {@link BrowserSession} (the protocol state) and its outbound queue.
 * Frames are sent asynchronously, in batches flushed once each, and count against a bound in characters until they
 * are written; a client that does not read fills it and is disconnected as too slow, so the thread that delivers to
 * everyone never waits for one socket.
 * <p>
 * Locks: the protocol state under its own monitor, the queue under {@code queueLock}; neither is held while calling
 * out of this class, so the chat's applier thread (which holds the chat state) can always send.
 * <p>
 * Reply order: a frame answered at once (an error) waits in the {@link ReplyOrder} behind the connection's events the
 * log has not applied yet, so the client hears of its frames in the order it sent them. A frame whose account check
 * needs a password runs it on the checker; the frames after it wait for it ({@link CheckedInput}).
 */
public final class ClientConnection implements ChatConnection {
    private static final Logger LOG = Logger.getLogger("org.syncnet.chat");

    private final Session ws;
    private final BrowserSession protocol;
    private final ServerFrameEncoder encoder;
    private final OutcomeFrames frames;
    private final Executor closer;
    private final ChatApplication chat;
    private final AccountClerk clerk;
    private final long maxQueuedChars;
    private final CheckedInput input = new CheckedInput();

    private final Object queueLock = new Object();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final ReplyOrder<String> order = new ReplyOrder<>();
    /**
     * Characters of the objects queued here or handed to the container and not yet written, each plus one (its line
     * end when several share a frame, see {@link FrameLines}): what the limit bounds.
     */
    private long pendingChars;
    private boolean draining;
    /** Set once: no more frames are queued; the connection closes when what went before is written (or at once). */
    private CloseReason closing;
    private boolean closeStarted;

    /**
     * @param closer runs the closing of the socket, which may block, and the checks of passwords, which take long
     * @param chat   where the client's events go, and is told when the connection ends ({@link #ended}), or (on the
     *               closer) when this server drops the client, so its end need not wait for the close handshake a
     *               client which does not read never completes
     * @param clerk  checks the account frames' passwords and tokens
     */
    ClientConnection(Session ws, BrowserSession protocol, ServerFrameEncoder encoder, OutcomeFrames frames,
                     Executor closer, ChatApplication chat, AccountClerk clerk, long maxQueuedChars) {
        this.ws = ws;
        this.protocol = protocol;
        this.encoder = encoder;
        this.frames = frames;
        this.closer = closer;
        this.chat = chat;
        this.clerk = clerk;
        try {
            ws.getAsyncRemote().setBatchingAllowed(true);  // drain() flushes each batch itself
        } catch (IOException e) {
            throw new IllegalStateException("cannot batch frames", e);
        }
        this.maxQueuedChars = maxQueuedChars;
    }

    @Override
    public ClientId id() {
        return protocol.id();
    }

    @Override
    public String door() {
        return "websocket";
    }

    /** A text frame from the client: its events go to the log, any immediate reply back to it. */
    public void received(String text) {
        switch (input.arrived(text)) {
            case HANDLE_NOW -> handle(text);
            case HELD -> { }
            case FLOODING -> {
                reply(List.of(new ServerFrame.Error(ErrorCode.RATE_LIMITED, "flooding: disconnected", null)));
                closeAfterSending(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "RATE_LIMITED"));
            }
        }
    }

    /** Handles one frame; true if it started a check of a password, which the frames after it wait for. */
    private boolean handle(String text) {
        BrowserSession.Result result;
        synchronized (protocol) {
            result = protocol.onText(text, System.nanoTime(), System.currentTimeMillis());
        }
        return carryOut(result);
    }

    /**
     * Logs the result's events, then sends its replies (after those events are applied: a failed login's error
     * follows its logged failure; if the log cannot take them, the client hears only that, so that a password is
     * not told right or wrong without its failure counting); runs its check, a password's on the checker. True if
     * one runs there now.
     */
    private boolean carryOut(BrowserSession.Result result) {
        if (submit(result.toLog())) {
            reply(result.reply());
        }
        closeIfEnded();
        AccountCheck check = result.check();
        if (check == null) {
            return false;
        }
        if (!check.slow()) {
            return carryOut(verified(check));
        }
        input.checking();
        closer.execute(() -> {
            carryOut(verified(check));
            handleHeld();
        });
        return true;
    }

    private BrowserSession.Result verified(AccountCheck check) {
        long now = System.currentTimeMillis();
        AccountVerdict verdict;
        try {
            verdict = clerk.verify(check, now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, id().server() + ": the account check of " + id() + " failed", e);
            verdict = new AccountVerdict.Refused(new ServerFrame.Error(ErrorCode.UNAVAILABLE,
                    "the account could not be checked now; try again", null));
        }
        long checked = System.currentTimeMillis();  // a failure counts from when it was found, after the slow hash
        synchronized (protocol) {
            return protocol.onVerified(check, verdict, checked);
        }
    }

    /** After a check, on the checker: the frames that waited for it, until none is left or one starts a check. */
    private void handleHeld() {
        for (String text = input.next(); text != null; text = input.next()) {
            if (handle(text)) {
                return;
            }
        }
        if (input.endedDuringCheck()) {
            chat.closed(this, quitReason());
        }
    }

    /**
     * Submits the events in order; one the log cannot take gets {@code UNAVAILABLE}, and those after it, which
     * depend on it (a login after its claim), are not submitted. False if one was not.
     */
    private boolean submit(List<ChatEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            ChatEvent e = events.get(i);
            long number = chat.submit(this, e);
            if (number == 0) {
                reply(List.of(new ServerFrame.Error(ErrorCode.UNAVAILABLE,
                        "the cluster cannot take events now; resend later", e.clientEventId())));
                synchronized (protocol) {
                    events.subList(i, events.size()).forEach(protocol::notLogged);
                }
                return false;
            }
            synchronized (queueLock) {
                order.submitted(number, e, System.nanoTime());
            }
        }
        return true;
    }

    /** Replies to the client's own frame: sent at once, or after its earlier events ({@link ReplyOrder}). */
    private void reply(List<ServerFrame> frames) {
        boolean queued = false;
        for (ServerFrame f : frames) {
            String text = encoder.encode(f);
            synchronized (queueLock) {
                queued |= !order.hold(text) && enqueue(text);
            }
        }
        if (queued) {
            flush();
        }
    }

    @Override
    public void applied(long eventNumber) {
        synchronized (queueLock) {
            order.applied(eventNumber, this::enqueue);
        }
    }

    /**
     * Gives up on the events the log has not applied in time: an {@code UNAVAILABLE} error for each (a message's with
     * its id, so the page resends it; a resend the log already has is recognized and not delivered twice).
     */
    @Override
    public void expireReplies(long submittedBeforeNanos) {
        synchronized (queueLock) {
            List<ReplyOrder.InFlight> overdue = order.overdue(submittedBeforeNanos);
            if (overdue.isEmpty()) {
                return;
            }
            for (ReplyOrder.InFlight f : overdue) {
                String error = encoder.encode(new ServerFrame.Error(ErrorCode.UNAVAILABLE,
                        "not confirmed in time: the cluster has no leader with a quorum now", f.event().clientEventId()));
                order.giveUp(f.eventNumber(), List.of(error), this::enqueue);
            }
        }
        flush();
    }

    /**
     * The WebSocket closed, from either side, or this server dropped the client: its client leaves the chat, after the
     * events of an account check that runs now.
     */
    public void ended() {
        if (input.endNow()) {
            chat.closed(this, quitReason());
        }
    }

    /** The quit reason others see when this connection ends. */
    private String quitReason() {
        synchronized (queueLock) {
            String why = closing == null ? "" : closing.getReasonPhrase();
            return switch (why) {
                case "TOO_SLOW" -> "Too slow: outbound queue overflowed";
                case "RATE_LIMITED" -> "Excess flood";
                default -> "Connection closed";
            };
        }
    }

    private boolean readsLines() {
        synchronized (protocol) {
            return protocol.readsLines();
        }
    }

    private boolean registered() {
        synchronized (protocol) {
            return protocol.isRegistered();
        }
    }

    /**
     * Sends what an applied event means for this client; closes the connection if the protocol says so (replaced, or
     * killed by a server operator).
     */
    @Override
    public void onOutcome(ChatOutcome outcome, ChatState state, String leader, SharedEncodings shared) {
        List<ServerFrame> out;
        ErrorCode closedBy;
        synchronized (protocol) {
            out = protocol.onOutcome(outcome, state, frames, leader);
            closedBy = protocol.closedBy();
        }
        for (ServerFrame f : out) {
            enqueue(shared.get(f, encoder::encode));
        }
        if (closedBy != null) {
            closeAfterSending(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, closedBy.name()));
        }
    }

    @Override
    public void leaderChanged(String leader) {
        if (registered()) {
            enqueue(encoder.encode(new ServerFrame.Cluster(protocol.id().server(), leader)));
        }
    }

    /** A ping the browser answers with a pong (its only traffic if it just reads); off this thread: it may block. */
    @Override
    public void keepAlive() {
        closer.execute(() -> {
            try {
                if (ws.isOpen()) {
                    RemoteEndpoint.Async remote = ws.getAsyncRemote();
                    remote.sendPing(ByteBuffer.allocate(0));
                    remote.flushBatch();  // batching holds control frames back too
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, id() + ": ping failed", e);
            }
        });
    }

    @Override
    public void serverStopping() {
        closeAfterSending(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server stopping"));
    }

    @Override
    public void endedByCluster(String reason) {
        closeAfterSending(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "CUT_OFF"));
    }

    /** After a reply: closes the connection if the protocol state ended it (flooding). */
    private void closeIfEnded() {
        boolean closed;
        synchronized (protocol) {
            closed = protocol.isClosed();
        }
        if (closed) {
            closeAfterSending(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "RATE_LIMITED"));
        }
    }

    /** A reply to the client's own frame (see {@link #reply}). */
    public void send(ServerFrame frame) {
        reply(List.of(frame));
    }

    /** Queues a frame for the next {@link #flush()}; false if the connection is closing (or was just dropped). */
    private boolean enqueue(String text) {
        synchronized (queueLock) {
            if (closing != null) {
                return false;
            }
            if (pendingChars + text.length() + 1 > maxQueuedChars) {
                // Too slow: what is queued is dropped; the client resumes from its last seen event on reconnect.
                pendingChars -= queuedChars();
                queue.clear();
                closing = new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "TOO_SLOW");
                LOG.fine(() -> id() + ": outbound queue over " + maxQueuedChars + " characters; disconnecting");
                closer.execute(this::ended);
                closeStarted = true;  // at once: what is in flight may never be written
                closeSoon(closing);
                return false;
            }
            queue.add(text);
            pendingChars += text.length() + 1;
            return true;
        }
    }

    @Override
    public void flush() {
        synchronized (queueLock) {
            if (draining || queue.isEmpty()) {
                return;  // a draining thread takes it along
            }
            draining = true;
        }
        drain();
    }

    private long queuedChars() {
        long chars = 0;
        for (String q : queue) {
            chars += q.length() + 1;
        }
        return chars;
    }

    /**
     * Hands everything queued to the container as one batch and flushes it once — one socket write for many frames,
     * where a busy room has many; a client of protocol version 2 gets them joined into as few frames as can be. One
     * thread drains at a time, so frames keep their order; the characters count against the limit until the
     * container reports them written.
     */
    private void drain() {
        while (true) {
            List<String> batch;
            synchronized (queueLock) {
                if (queue.isEmpty()) {
                    draining = false;
                    closeIfFlushed();
                    return;
                }
                batch = new ArrayList<>(queue);
                queue.clear();
            }
            try {
                RemoteEndpoint.Async remote = ws.getAsyncRemote();
                for (String text : readsLines() ? FrameLines.join(batch, FrameLines.MAX_FRAME_CHARS) : batch) {
                    // the frame's objects as they were counted: their characters and one line end each
                    remote.sendText(text, result -> written(text.length() + 1, result));
                }
                remote.flushBatch();
            } catch (IOException | RuntimeException e) {
                abort(e);
                return;
            }
        }
    }

    private void written(int chars, SendResult result) {
        if (!result.isOK()) {
            abort(result.getException());
            return;
        }
        synchronized (queueLock) {
            pendingChars -= chars;
            closeIfFlushed();
        }
    }

    /** Closes once everything before the close was written. Caller holds queueLock. */
    private void closeIfFlushed() {
        if (closing != null && !draining && pendingChars == 0 && !closeStarted) {
            closeStarted = true;
            closeSoon(closing);
        }
    }

    private void abort(Throwable cause) {
        synchronized (queueLock) {
            queue.clear();
            if (closing == null) {
                closing = new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "send failed");
            }
            closeStarted = true;
        }
        LOG.log(Level.FINE, id() + ": send failed", cause);
        closeSoon(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "send failed"));
    }

    /** Sends what is queued, then closes. */
    public void closeAfterSending(CloseReason reason) {
        synchronized (queueLock) {
            if (closing == null) {
                closing = reason;
                closeIfFlushed();
            }
        }
        flush();  // what was queued before the close, if nobody flushes it
    }

    /** Closing can block on the socket: never on the delivering thread. */
    private void closeSoon(CloseReason reason) {
        closer.execute(() -> {
            try {
                if (ws.isOpen()) {
                    ws.getAsyncRemote().setBatchingAllowed(false);  // or the close frame waits for a flush
                    ws.close(reason);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, id() + ": close failed", e);
            }
        });
    }
}
