package org.syncnet.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsTest {
    /** TLS 1.3's suites (all AEAD, always ephemeral key exchange), or TLS 1.2's ECDHE ones with an AEAD cipher. */
    private static final Pattern STRONG = Pattern.compile(
            "TLS_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256"
                    + "|ECDHE_(ECDSA|RSA)_WITH_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256))");

    @TempDir
    static Path dir;
    private static ServerTls tls;

    @BeforeAll
    static void makeKeyStore() throws Exception {
        tls = TestKeyStores.serverTls(TestKeyStores.selfSigned(dir));
    }

    @Test
    void onlyTls13And12WithForwardSecretAeadSuitesAndNoClientCertificate() {
        SSLParameters p = tls.parameters();
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, p.getProtocols());
        assertTrue(p.getCipherSuites().length > 0);
        for (String suite : p.getCipherSuites()) {
            assertTrue(STRONG.matcher(suite).matches(), suite);
        }
        assertFalse(p.getNeedClientAuth());
        assertFalse(p.getWantClientAuth());
        assertTrue(p.getUseCipherSuitesOrder(), "the server's preference wins");
    }

    @Test
    void anEngineWithTheParametersEnablesNothingElse() {
        SSLEngine engine = tls.context().createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(tls.parameters());
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, engine.getEnabledProtocols());
        assertArrayEquals(tls.parameters().getCipherSuites(), engine.getEnabledCipherSuites());
        assertFalse(engine.getNeedClientAuth());
        assertFalse(engine.getWantClientAuth());
    }

    @Test
    void theParametersAreACopyEachTime() {
        tls.parameters().setProtocols(new String[] {"TLSv1"});
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, tls.parameters().getProtocols());
    }

    @Test
    void theCertificateIsTheKeysOwn() {
        assertEquals("CN=localhost", tls.certificate().getSubjectX500Principal().getName());
    }
}
