package org.syncnet.chat.app;

import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;

/**
 * A client's connection through one of the doors (WebSocket or IRC), as the {@link ChatApplication} sees it: the chat
 * puts the client's events into the log and calls back here with what the committed log means for the client. The
 * door turns that into its own protocol's frames or lines.
 */
public interface ChatConnection {
    ClientId id();

    /** The door the client came through ({@code websocket}, {@code irc}), for the server's metrics. */
    default String door() {
        return "other";
    }

    /**
     * What an applied event means for this client. Called on the chat's applier thread, in log order, while the chat
     * state is locked and as the event left it (so queries see e.g. the rooms a quitting client shared). Must not
     * block: queue the bytes, and write them on {@link #flush()}. {@code shared} holds the encodings of this outcome
     * made for other recipients, so equal frames or lines are encoded once.
     */
    void onOutcome(ChatOutcome outcome, ChatState state, String leader, SharedEncodings shared);

    /**
     * The log applied this connection's event {@code eventNumber} ({@link ChatApplication#submit}), after the outcomes
     * it meant for the connection: replies the connection held back behind it may go now ({@link ReplyOrder}). On the
     * applier thread, with the chat state locked; must not block.
     */
    void applied(long eventNumber);

    /**
     * Gives up waiting for this connection's events submitted before {@code submittedBeforeNanos} (a
     * {@link System#nanoTime()}) and still not applied: the client gets an error for each, and the replies held behind
     * them go out ({@link ReplyOrder}). Called on a scheduler thread; must not block.
     */
    void expireReplies(long submittedBeforeNanos);

    /** The leader changed (null: nobody leads, sends wait); on the applier thread, in order with the outcomes. */
    void leaderChanged(String leader);

    /**
     * Starts writing what {@link #onOutcome} and {@link #leaderChanged} queued. The applier calls it when no committed
     * event waits, or its flush linger after the first of them, so a busy moment's events leave in one write. Must
     * not block.
     */
    void flush();

    /**
     * Called every {@code syncnet.chat.ping-interval}: a door whose transport closes a connection that stays silent
     * sends something the client answers (a WebSocket ping: browsers reply with a pong). Must not block.
     */
    void keepAlive();

    /** The server is stopping: say so to the client and close. */
    void serverStopping();

    /**
     * The cluster ended this client ({@code reason}): its server was declared failed while it was cut off or frozen,
     * so the chat no longer knows the client. Say so and close, so that it reconnects (on the applier thread; must not
     * block).
     */
    void endedByCluster(String reason);
}
