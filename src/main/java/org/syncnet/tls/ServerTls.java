package org.syncnet.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The server side of TLS, built from a PKCS12 key store holding the server's private key and certificate chain:
 * TLS 1.3 and 1.2 only; for 1.2 only ECDHE key exchange with AEAD ciphers (AES-GCM, ChaCha20-Poly1305), so every
 * session has forward secrecy and no CBC padding; the server's order of suites wins; no client certificate is asked
 * for. Plain Java, for any listener that speaks TLS.
 */
public final class ServerTls {
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** In order of preference; what this JDK does not support is left out. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private final SSLContext context;
    private final SSLParameters parameters;
    private final X509Certificate certificate;

    private ServerTls(SSLContext context, SSLParameters parameters, X509Certificate certificate) {
        this.context = context;
        this.parameters = parameters;
        this.certificate = certificate;
    }

    /**
     * Reads the key store and builds the context from its key (the key's password is the store's, as keytool and
     * openssl make PKCS12 files).
     *
     * @throws UnrecoverableKeyException if the password does not open the store or its key
     * @throws IOException               if the file cannot be read or is no PKCS12 key store
     * @throws GeneralSecurityException  if the store holds no private key, or the JDK cannot build the context
     */
    public static ServerTls fromKeyStore(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = read(file, password);
        String alias = privateKeyAlias(store);
        Certificate[] chain = store.getCertificateChain(alias);
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            throw new KeyStoreException("the private key '" + alias + "' has no X.509 certificate chain");
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return new ServerTls(context, parameters(context), leaf);
    }

    public SSLContext context() {
        return context;
    }

    /** The protocols and suites above, without client authentication; a copy, since SSLParameters can be changed. */
    public SSLParameters parameters() {
        SSLParameters copy = new SSLParameters(parameters.getCipherSuites(), parameters.getProtocols());
        copy.setUseCipherSuitesOrder(true);
        copy.setNeedClientAuth(false);
        return copy;
    }

    /** The server's own certificate (the first of its chain), e.g. to log whom it names and until when. */
    public X509Certificate certificate() {
        return certificate;
    }

    private static KeyStore read(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {  // how PKCS12 says "wrong password"
                throw new UnrecoverableKeyException("the password does not open it");
            }
            throw e;
        }
        return store;
    }

    private static String privateKeyAlias(KeyStore store) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
                return alias;
            }
        }
        throw new KeyStoreException("it holds no private key");
    }

    private static SSLParameters parameters(SSLContext context) throws GeneralSecurityException {
        List<String> supported = List.of(context.getSupportedSSLParameters().getCipherSuites());
        List<String> suites = new ArrayList<>(CIPHER_SUITES);
        suites.retainAll(supported);
        List<String> protocols = new ArrayList<>(PROTOCOLS);
        protocols.retainAll(List.of(context.getSupportedSSLParameters().getProtocols()));
        if (suites.isEmpty() || protocols.isEmpty()) {
            throw new GeneralSecurityException("this JDK supports none of the TLS protocols " + PROTOCOLS
                    + " or none of the cipher suites " + CIPHER_SUITES);
        }
        SSLParameters p = new SSLParameters(suites.toArray(String[]::new), protocols.toArray(String[]::new));
        p.setUseCipherSuitesOrder(true);
        p.setNeedClientAuth(false);
        return p;
    }
}
