package org.syncnet.door.irc.net;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link TcpServer} needs to know besides its handler and thread factory.
 *
 * @param logName        prefix of the server's log lines, e.g. {@code "server1: IRC connector"}
 * @param host           the address to listen on, e.g. {@code "127.0.0.1"}
 * @param listeners      the ports to listen on (at least one), plain or TLS, all served by the same loop
 * @param maxConnections connections held at once over all listeners (a TLS one from its accept on, handshake
 *                       included); one more gets {@code rejection} (plain listeners only: a TLS client could not
 *                       read it) and is closed at once
 * @param rejection      the bytes written (best effort) to a connection over the limit, e.g.
 *                       {@code "ERROR :Closing Link: too many connections\r\n"}; may be empty
 * @param sendQBytes     bytes one connection may have queued (beyond what the socket took; over TLS, the bytes not yet
 *                       encrypted); more close it with {@link TcpConnection#SENDQ_EXCEEDED}
 * @param tick           how often {@link TcpHandler#tick} is called for every connection
 * @param closeDeadline  how long a closing connection ({@link TcpConnection#closeAfterSending}, {@link TcpServer#stop})
 *                       may take to write its last bytes and see the client close, before it is closed anyway
 */
public record TcpServerOptions(String logName, String host, List<TcpListener> listeners, int maxConnections,
                               byte[] rejection, int sendQBytes, Duration tick, Duration closeDeadline) {
    public static final Duration DEFAULT_TICK = Duration.ofMillis(250);
    public static final Duration DEFAULT_CLOSE_DEADLINE = Duration.ofSeconds(2);

    public TcpServerOptions {
        Objects.requireNonNull(logName, "logName");
        Objects.requireNonNull(host, "host");
        listeners = List.copyOf(listeners);
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("no listener");
        }
        Set<Integer> ports = new HashSet<>();
        for (TcpListener l : listeners) {
            if (l.port() != 0 && !ports.add(l.port())) {
                throw new IllegalArgumentException("port " + l.port() + " is given twice");
            }
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections " + maxConnections + " is less than 1");
        }
        rejection = rejection == null ? new byte[0] : rejection.clone();
        if (sendQBytes < 1) {
            throw new IllegalArgumentException("sendQBytes " + sendQBytes + " is less than 1");
        }
        if (tick.toMillis() < 1 || closeDeadline.isNegative()) {
            throw new IllegalArgumentException("tick must be at least 1 ms and closeDeadline not negative");
        }
    }

    /** One plain listener on {@code port} (0: any free port). */
    public TcpServerOptions(String logName, String host, int port, int maxConnections, byte[] rejection,
                            int sendQBytes, Duration tick, Duration closeDeadline) {
        this(logName, host, List.of(TcpListener.plain(port)), maxConnections, rejection, sendQBytes, tick,
                closeDeadline);
    }

    /** One plain listener on {@code port}, the usual tick (250 ms) and close deadline (2 s). */
    public TcpServerOptions(String logName, String host, int port, int maxConnections, byte[] rejection,
                            int sendQBytes) {
        this(logName, host, port, maxConnections, rejection, sendQBytes, DEFAULT_TICK, DEFAULT_CLOSE_DEADLINE);
    }

    /** A copy: the server writes the same bytes to every rejected connection. */
    @Override
    public byte[] rejection() {
        return rejection.clone();
    }
}
