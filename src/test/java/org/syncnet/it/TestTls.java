package org.syncnet.it;

import java.io.File;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The test servers' TLS: their key store is made by the build (pom.xml, it-tls-keystore: self-signed for localhost
 * and 127.0.0.1) and named by the system properties failsafe sets; a client trusts exactly its certificate, with the
 * usual hostname check.
 */
final class TestTls {
    private TestTls() {
    }

    /** An SSLContext that trusts the test servers' certificate and nothing else. */
    static SSLContext context() throws Exception {
        String path = System.getProperty("it.tls.keystore");
        String password = System.getProperty("it.tls.keystore-password");
        if (path == null || password == null || !new File(path).isFile()) {
            throw new IllegalStateException("system properties it.tls.keystore and it.tls.keystore-password must name "
                    + "the test servers' key store (mvn package makes it), was " + path);
        }
        KeyStore keys = KeyStore.getInstance(new File(path), password.toCharArray());
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        for (String alias : Collections.list(keys.aliases())) {
            Certificate certificate = keys.getCertificate(alias);
            if (certificate != null) {
                trusted.setCertificateEntry(alias, certificate);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
