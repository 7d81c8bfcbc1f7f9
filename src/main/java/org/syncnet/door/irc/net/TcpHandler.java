package org.syncnet.door.irc.net;

import java.nio.ByteBuffer;

/**
 * What a {@link TcpServer} tells about its connections. Every method is called on the server's one loop thread, one
 * call at a time, never re-entrantly: a connection closed during a call (by the handler or by anyone) hears
 * {@link #closed} after that call has returned. An exception thrown here closes that connection only (reason
 * {@link TcpConnection#INTERNAL_ERROR}) and is logged; the server goes on.
 *
 * @param <A> the type of the connection's attachment (the glue's per-connection object)
 */
public interface TcpHandler<A> {
    /**
     * A new connection, within the connection limit; reading starts when this returns. A TLS connection is new once its
     * handshake succeeded ({@link TcpConnection#secure()}); one whose handshake fails is never heard of.
     */
    void opened(TcpConnection<A> connection);

    /**
     * Bytes from the client, as they came (any split; over TLS, decrypted). {@code bytes} is the server's one read
     * buffer, between its position and limit: valid only during this call, so copy what you keep.
     */
    void received(TcpConnection<A> connection, ByteBuffer bytes);

    /**
     * Called for every open connection every tick ({@link TcpServerOptions#tick}): idle PINGs, ping timeouts, releasing
     * held-back input. {@code nowNanos} is {@link System#nanoTime()} read once by the loop for the whole tick. Not
     * called for a connection that is closing.
     */
    default void tick(TcpConnection<A> connection, long nowNanos) {
    }

    /**
     * Someone asked for this call with {@link TcpConnection#wake} (from any thread): e.g. input the handler held back
     * may be processed now. Not called for a connection that is closing.
     */
    default void woken(TcpConnection<A> connection) {
    }

    /**
     * Exactly once per connection that was {@link #opened}, whatever ended it: {@link TcpConnection#PEER_CLOSED},
     * an I/O error's message, {@link TcpConnection#SENDQ_EXCEEDED}, {@link TcpConnection#SERVER_STOPPING}, or the
     * reason given to {@link TcpConnection#close} or {@link TcpConnection#closeAfterSending}. The socket is closed.
     */
    void closed(TcpConnection<A> connection, String reason);
}
