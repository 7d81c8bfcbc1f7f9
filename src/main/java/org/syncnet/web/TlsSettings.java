package org.syncnet.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.function.Function;
import org.syncnet.tls.TlsConfig;

/**
 * The HTTPS side of the web settings. WildFly's HTTPS listener reads the key store itself (wildfly-config/https.cli,
 * from the same system properties or environment variables); this checks it once more when the application starts,
 * because WildFly turns a missing file into an empty store and a wrong password into a listener that never starts,
 * both with only a line in its log: here an explicit key store that is missing or does not open fails the
 * deployment, naming the setting. And {@value #REQUIRE} says whether plain HTTP still serves the chat.
 */
public final class TlsSettings {
    public static final String KEYSTORE = TlsConfig.KEYSTORE;
    public static final String KEYSTORE_PASSWORD = TlsConfig.KEYSTORE_PASSWORD;
    public static final String REQUIRE = TlsConfig.REQUIRE;
    /** Where WildFly looks when {@value #KEYSTORE} is not set (the fallback in https.cli). */
    static final String DEFAULT_FILE = "syncnet-tls.p12";

    private final Path keyStore;
    private final X509Certificate certificate;
    private final boolean required;

    private TlsSettings(Path keyStore, X509Certificate certificate, boolean required) {
        this.keyStore = keyStore;
        this.certificate = certificate;
        this.required = required;
    }

    /**
     * Reads and checks the settings; {@code lookup} returns null for an unset one, {@code configDir} is the server's
     * configuration folder (WildFly's fallback location).
     *
     * @throws InvalidSettingException naming the setting that cannot work
     */
    public static TlsSettings read(Function<String, String> lookup, Path configDir) {
        String given = blankToNull(lookup.apply(KEYSTORE));
        Path path = given != null ? Path.of(given) : configDir.resolve(DEFAULT_FILE);
        boolean fallback = given == null && Files.exists(path);
        // The IRC door's TLS reads the same settings: one check of the key store, with WildFly's fallback file.
        TlsConfig tls = TlsConfig.fromSettings(fallback ? name -> name.equals(KEYSTORE) ? path.toString()
                : lookup.apply(name) : lookup);
        return new TlsSettings(path, tls.on() ? tls.serverTls().certificate() : null, tls.require());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Whether HTTPS can work: there is a key store (else the HTTPS port refuses every handshake). */
    public boolean available() {
        return certificate != null;
    }

    /** Whether plain HTTP serves the chat ({@value #REQUIRE} is false). */
    public boolean plainHttp() {
        return !required;
    }

    public Path keyStore() {
        return keyStore;
    }

    /** What the log says about HTTPS at start-up. */
    public String describe(Instant now) {
        if (certificate == null) {
            return "no TLS key store (" + KEYSTORE + ", looked for " + keyStore
                    + "): the HTTPS port refuses every handshake; the chat is on plain HTTP only";
        }
        Instant end = certificate.getNotAfter().toInstant();
        return "HTTPS with the key store " + keyStore + " (certificate " + certificate.getSubjectX500Principal().getName()
                + ", " + (end.isBefore(now) ? "EXPIRED on " : "valid until ") + end + ")"
                + (required ? "; plain HTTP does not serve the chat (" + REQUIRE + ")" : "");
    }

    /** Whether the certificate has expired: the log says so as a warning. */
    public boolean expired(Instant now) {
        return certificate != null && certificate.getNotAfter().toInstant().isBefore(now);
    }
}
