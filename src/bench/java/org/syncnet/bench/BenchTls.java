package org.syncnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the load generators: a client {@link SSLContext} that trusts exactly the certificates in the cluster's own
 * key store (the self-signed one scripts/lib.sh makes in the runtime folder, or the one {@code SYNCNET_TLS_KEYSTORE}
 * names), and a tally of the sessions the handshakes negotiated, for the report.
 * <p>
 * The host name is not checked: the generator trusts only those certificates, and a key store given for a real host
 * name must still work against 127.0.0.1.
 */
final class BenchTls {
    /** The key store's password comes from the environment, so that it is not on the command line (ps). */
    static final String PASSWORD_ENV = "BENCH_TRUST_STORE_PASSWORD";
    static final String OPTION = "tls-trust-store";
    static final String USAGE = "[--" + OPTION + "=KEYSTORE (TLS; its password in $" + PASSWORD_ENV + ")]";

    private static final Map<String, LongAdder> NEGOTIATED = new ConcurrentHashMap<>();

    private BenchTls() {
    }

    /** The context of {@code --tls-trust-store}, or null (plain) when it is not given. */
    static SSLContext fromArgs(BenchArgs a) {
        String path = a.text(OPTION, null);
        if (path == null) {
            return null;
        }
        String password = System.getenv(PASSWORD_ENV);
        BenchArgs.require(password != null, "--" + OPTION + " needs the key store's password in $" + PASSWORD_ENV);
        try {
            return trusting(Path.of(path), password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--" + OPTION + ": cannot read " + path + ": " + e, e);
        }
    }

    /** A client context whose only trust anchors are the certificates of {@code keyStore} (PKCS12 or JKS). */
    static SSLContext trusting(Path keyStore, char[] password) throws IOException, GeneralSecurityException {
        if (!Files.isReadable(keyStore)) {
            throw new IOException("no such file");
        }
        KeyStore source = KeyStore.getInstance(keyStore.toFile(), password);
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        for (String alias : Collections.list(source.aliases())) {
            Certificate c = source.getCertificate(alias);  // a key entry's own certificate, or a trusted one
            if (c != null) {
                anchors.setCertificateEntry(alias, c);
            }
        }
        if (anchors.size() == 0) {
            throw new GeneralSecurityException("no certificate in the key store");
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** Counts a finished handshake's protocol and cipher suite. */
    static void negotiated(SSLSession session) {
        NEGOTIATED.computeIfAbsent(session.getProtocol() + " " + session.getCipherSuite(), k -> new LongAdder()).increment();
    }

    /** "TLSv1.3 TLS_AES_256_GCM_SHA384 x30", or "no handshake". */
    static String summary() {
        Map<String, LongAdder> sorted = new TreeMap<>(NEGOTIATED);
        StringBuilder b = new StringBuilder();
        sorted.forEach((k, n) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(" x").append(n.sum()));
        return b.length() == 0 ? "no handshake" : b.toString();
    }
}
