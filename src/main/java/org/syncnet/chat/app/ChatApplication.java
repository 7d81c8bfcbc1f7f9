package org.syncnet.chat.app;

import java.util.function.Function;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;

/**
 * The chat as both doors (the WebSocket endpoint and the IRC connector) enter it, for every connection and every
 * frame or line, without the container in between: implemented by {@link LocalChat}, which manages its own
 * concurrency, so no call opens a transaction or a security context.
 */
public interface ChatApplication {
    /** This server's id ({@code server1}): the server part of every connection's {@link ClientId}. */
    String server();

    /**
     * Whether this server's log is behind the cluster's (it restarted, or was cut off, and is catching up): it takes
     * no new connection then, so no client sees an old state; the door turns the client away to another server.
     */
    boolean catchingUp();

    /** The id for a new connection, or null if this server is full (the door turns the client away). */
    ClientId allocate();

    /** From now on the connection hears of the outcomes meant for it. */
    void attach(ChatConnection c);

    /**
     * Puts a client's event into the log under the connection's own id and its next event number, which it returns
     * (the connection hears {@link ChatConnection#applied} with it); 0 if the cluster cannot take it now (no leader
     * with a quorum) or the connection is closed.
     */
    long submit(ChatConnection c, ChatEvent e);

    /** The connection closed (either side) or was dropped: its client leaves every room. Once per connection. */
    void closed(ChatConnection c, String reason);

    /**
     * Answers a question from the chat state as this server knows it now, with the state locked: the applier cannot
     * change it meanwhile. Keep the question short: every delivery waits for it.
     */
    <T> T read(Function<ChatState, T> query);
}
