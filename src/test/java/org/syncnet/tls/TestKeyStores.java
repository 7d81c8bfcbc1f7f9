package org.syncnet.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Throw-away key stores for tests: a self-signed EC key and certificate for {@code localhost} made by the JDK's own
 * {@code keytool}, and clients that trust exactly that certificate.
 */
public final class TestKeyStores {
    public static final String PASSWORD = "test-password";

    private TestKeyStores() {
    }

    /** A PKCS12 key store at {@code dir/server.p12} with password {@link #PASSWORD}. */
    public static Path selfSigned(Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        return file;
    }

    /** A PKCS12 key store at {@code dir/certificate-only.p12} holding only the certificate of {@code keyStore}. */
    public static Path certificateOnly(Path keyStore, Path dir) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate(keyStore));
        Path file = dir.resolve("certificate-only.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    /** A client context that trusts the certificate of {@code keyStore} and nothing else. */
    public static SSLContext clientTrusting(Path keyStore) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate(keyStore));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    public static ServerTls serverTls(Path keyStore) throws IOException, GeneralSecurityException {
        return ServerTls.fromKeyStore(keyStore, PASSWORD.toCharArray());
    }

    private static Certificate certificate(Path keyStore) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store.getCertificate("server");
    }
}
