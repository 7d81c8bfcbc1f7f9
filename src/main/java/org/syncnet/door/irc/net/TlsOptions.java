package org.syncnet.door.irc.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * What a TLS {@link TcpListener} needs: the server's context, the parameters every connection's engine gets
 * (protocols, suites, client authentication), and how long a client may take to finish its handshake; one that takes
 * longer, like one that fails, is closed without the handler ever hearing of it.
 */
public record TlsOptions(SSLContext context, SSLParameters parameters, Duration handshakeDeadline) {
    public TlsOptions {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(parameters, "parameters");
        if (handshakeDeadline.toMillis() < 1) {
            throw new IllegalArgumentException("handshakeDeadline must be at least 1 ms");
        }
    }

    /** A server-side engine for a new connection from {@code peer}. */
    SSLEngine newEngine(InetSocketAddress peer) {
        SSLEngine engine = context.createSSLEngine(peer.getAddress().getHostAddress(), peer.getPort());
        engine.setUseClientMode(false);
        engine.setSSLParameters(parameters);
        return engine;
    }
}
