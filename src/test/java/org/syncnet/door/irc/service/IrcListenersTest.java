package org.syncnet.door.irc.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncnet.cluster.Member;
import org.syncnet.door.irc.IrcConfig;
import org.syncnet.door.irc.net.TcpListener;
import org.syncnet.settings.InvalidSettingException;
import org.syncnet.tls.ServerTls;
import org.syncnet.tls.TestKeyStores;
import org.syncnet.tls.TlsConfig;

/** Which ports the IRC door opens for which settings, and what its log says of them. */
class IrcListenersTest {
    private static final Member SERVER1 = new Member("server1", "127.0.0.1", 8020, 0);

    @TempDir
    static Path dir;
    private static ServerTls serverTls;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void makeKeyStore() throws Exception {
        serverTls = TestKeyStores.serverTls(TestKeyStores.selfSigned(dir));
    }

    @BeforeEach
    void captureLog() {
        Logger.getLogger("org.syncnet.irc").addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger("org.syncnet.irc").removeHandler(capture);
    }

    private static IrcConfig irc(String... nameValuePairs) {
        return IrcConfig.fromSettings(name -> {
            for (int i = 0; i < nameValuePairs.length; i += 2) {
                if (nameValuePairs[i].equals(name)) {
                    return nameValuePairs[i + 1];
                }
            }
            return null;
        });
    }

    @Test
    void withoutAKeyStoreOnlyThePlainPortOpensAndTheLogSaysSoOnce() {
        List<TcpListener> listeners = IrcListeners.of(irc(), TlsConfig.OFF, SERVER1);
        assertEquals(List.of(TcpListener.plain(8000)), listeners);
        assertEquals(List.of("server1: IRC over TLS off: no syncnet.tls.keystore"), logged);
        assertEquals("127.0.0.1:8000", IrcListeners.describe(listeners, List.of(8000), "127.0.0.1"));
    }

    @Test
    void withAKeyStoreBothOpenAndTheLogNamesTheCertificate() {
        List<TcpListener> listeners = IrcListeners.of(irc(IrcConfig.PORT_OFFSET, "1"),
                new TlsConfig(serverTls, false), new Member("server2", "127.0.0.1", 8021, 1));
        assertEquals(2, listeners.size());
        assertEquals(TcpListener.plain(8001), listeners.get(0));
        assertTrue(listeners.get(1).secure());
        assertEquals(6698, listeners.get(1).port(), "6697 + server2's port offset");
        assertEquals(IrcListeners.TLS_HANDSHAKE_DEADLINE, listeners.get(1).tls().handshakeDeadline());
        assertEquals("127.0.0.1:8001 and TLS 127.0.0.1:6698",
                IrcListeners.describe(listeners, List.of(8001, 6698), "127.0.0.1"));
        assertEquals(1, logged.size(), logged::toString);
        assertTrue(logged.get(0).startsWith("server2: IRC over TLS with the certificate of CN=localhost, valid until"),
                logged.get(0));
    }

    @Test
    void requiringTlsLeavesThePlainPortClosed() {
        List<TcpListener> listeners = IrcListeners.of(irc(), new TlsConfig(serverTls, true), SERVER1);
        assertEquals(1, listeners.size());
        assertTrue(listeners.get(0).secure());
        assertEquals(6697, listeners.get(0).port());
        assertEquals("TLS 127.0.0.1:6697 only (syncnet.tls.require)",
                IrcListeners.describe(listeners, List.of(6697), "127.0.0.1"));
        assertFalse(logged.stream().anyMatch(m -> m.contains("TLS off")));
    }

    @Test
    void theTlsPortMustDifferFromAnOpenPlainPort() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> IrcListeners.of(irc(IrcConfig.TLS_PORT, "8000"), new TlsConfig(serverTls, false), SERVER1));
        assertEquals(IrcConfig.TLS_PORT, e.setting());
        assertEquals(8000, IrcListeners.of(irc(IrcConfig.TLS_PORT, "8000"), new TlsConfig(serverTls, true), SERVER1)
                .get(0).port(), "the plain port is not opened");
    }
}
