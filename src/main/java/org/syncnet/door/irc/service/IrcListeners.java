package org.syncnet.door.irc.service;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.syncnet.cluster.Member;
import org.syncnet.door.irc.IrcConfig;
import org.syncnet.door.irc.net.TcpListener;
import org.syncnet.door.irc.net.TlsOptions;
import org.syncnet.tls.ServerTls;
import org.syncnet.tls.TlsConfig;

/**
 * The ports the IRC door opens: the plain client port unless {@value TlsConfig#REQUIRE}, and the TLS port when a key
 * store is configured; and how the start-up log names them.
 */
final class IrcListeners {
    private static final Logger LOG = Logger.getLogger("org.syncnet.irc");
    /** A real client shakes hands in a few round trips; one that has not by then only holds a connection slot. */
    static final Duration TLS_HANDSHAKE_DEADLINE = Duration.ofSeconds(10);

    private IrcListeners() {
    }

    /**
     * The listeners for {@code self}, in the order plain, TLS. Logs once that TLS is off, or whose certificate it
     * shows (a warning if it has expired).
     *
     * @throws org.syncnet.settings.InvalidSettingException naming {@value IrcConfig#TLS_PORT} if both ports are open
     *                                                      and the same
     */
    static List<TcpListener> of(IrcConfig config, TlsConfig tls, Member self) {
        List<TcpListener> listeners = new ArrayList<>();
        if (!tls.require()) {
            listeners.add(TcpListener.plain(config.clientPort(self.port())));
        }
        if (!tls.on()) {
            LOG.info(() -> self.id() + ": IRC over TLS off: no " + TlsConfig.KEYSTORE);
            return listeners;
        }
        if (!tls.require()) {
            config.checkTlsPortBesides(config.clientPort(self.port()));
        }
        ServerTls serverTls = tls.serverTls();
        logCertificate(self.id(), serverTls.certificate());
        listeners.add(TcpListener.tls(config.tlsPort(),
                new TlsOptions(serverTls.context(), serverTls.parameters(), TLS_HANDSHAKE_DEADLINE)));
        return listeners;
    }

    /** "127.0.0.1:8000 and TLS 127.0.0.1:6697", or "TLS 127.0.0.1:6697 only (syncnet.tls.require)". */
    static String describe(List<TcpListener> listeners, List<Integer> boundPorts, String host) {
        List<String> each = new ArrayList<>();
        for (int i = 0; i < listeners.size(); i++) {
            each.add((listeners.get(i).secure() ? "TLS " : "") + host + ":" + boundPorts.get(i));
        }
        boolean tlsOnly = listeners.stream().allMatch(TcpListener::secure);
        return String.join(" and ", each) + (tlsOnly ? " only (" + TlsConfig.REQUIRE + ")" : "");
    }

    /** An expired certificate still serves (clients decide), but the operator hears of it. */
    private static void logCertificate(String serverId, X509Certificate certificate) {
        String whose = certificate.getSubjectX500Principal().getName();
        Instant until = certificate.getNotAfter().toInstant();
        if (until.isBefore(Instant.now())) {
            LOG.warning(() -> serverId + ": the TLS certificate of " + whose + " expired at " + until
                    + "; clients that check it will refuse it");
        } else {
            LOG.info(() -> serverId + ": IRC over TLS with the certificate of " + whose + ", valid until " + until);
        }
    }
}
