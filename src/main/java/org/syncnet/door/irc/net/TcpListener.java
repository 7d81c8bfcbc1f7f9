package org.syncnet.door.irc.net;

import java.util.Objects;

/**
 * One port a {@link TcpServer} listens on: plain TCP, or TLS when {@code tls} is given. Every listener of a server
 * shares its loop, its handler and its connection limit.
 *
 * @param port the TCP port; 0 takes any free port ({@link TcpServer#boundPorts()} tells which)
 * @param tls  how its connections speak TLS; null for plain TCP
 */
public record TcpListener(int port, TlsOptions tls) {
    public TcpListener {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not from 0 to 65535");
        }
    }

    public static TcpListener plain(int port) {
        return new TcpListener(port, null);
    }

    public static TcpListener tls(int port, TlsOptions tls) {
        return new TcpListener(port, Objects.requireNonNull(tls, "tls"));
    }

    /** Whether its connections speak TLS. */
    public boolean secure() {
        return tls != null;
    }
}
