package org.syncnet.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.function.Function;
import org.syncnet.settings.InvalidSettingException;
import org.syncnet.settings.Settings;

/**
 * The HTTPS side of the web settings. WildFly's HTTPS listener reads the key store itself (wildfly-config/https.cli,
 * from the same system properties or environment variables); this checks it once more when the application starts,
 * because WildFly turns a missing file into an empty store and a wrong password into a listener that never starts,
 * both with only a line in its log: here an explicit key store that is missing or does not open fails the
 * deployment, naming the setting. And {@value #REQUIRE} says whether plain HTTP still serves the chat.
 */
public final class TlsSettings {
    public static final String KEYSTORE = "syncnet.tls.keystore";
    public static final String KEYSTORE_PASSWORD = "syncnet.tls.keystore-password";
    public static final String REQUIRE = "syncnet.tls.require";
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
        boolean required = Settings.flag(lookup, REQUIRE, false);
        String given = blankToNull(lookup.apply(KEYSTORE));
        Path path = given != null ? Path.of(given) : configDir.resolve(DEFAULT_FILE);
        if (!Files.exists(path)) {
            if (given != null) {
                throw new InvalidSettingException(KEYSTORE, "there is no key store at " + path);
            }
            if (required) {
                throw new InvalidSettingException(REQUIRE, "is true, but there is no key store for HTTPS: set "
                        + KEYSTORE + " and " + KEYSTORE_PASSWORD);
            }
            return new TlsSettings(path, null, false);
        }
        String password = lookup.apply(KEYSTORE_PASSWORD);
        if (password == null) {
            throw new InvalidSettingException(KEYSTORE_PASSWORD, "is not set; it opens the key store " + path);
        }
        return new TlsSettings(path, certificate(path, password.toCharArray()), required);
    }

    /** The certificate of the store's key: WildFly opens the store and the key with the one password. */
    private static X509Certificate certificate(Path path, char[] password) {
        KeyStore store;
        try {
            store = KeyStore.getInstance(path.toFile(), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new InvalidSettingException(KEYSTORE_PASSWORD, "does not open the key store " + path);
            }
            throw new InvalidSettingException(KEYSTORE, path + " cannot be read as a key store (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new InvalidSettingException(KEYSTORE, path + " is not a key store (" + e.getMessage() + ")");
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate c) {
                    store.getKey(alias, password);
                    return c;
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new InvalidSettingException(KEYSTORE_PASSWORD, "opens the key store " + path
                    + " but not its key; the key must have the store's password");
        } catch (GeneralSecurityException e) {
            throw new InvalidSettingException(KEYSTORE, path + " cannot be read (" + e.getMessage() + ")");
        }
        throw new InvalidSettingException(KEYSTORE, path + " holds no private key with its certificate");
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
