package org.syncnet.tls;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.UnrecoverableKeyException;
import java.util.function.Function;
import org.syncnet.settings.InvalidSettingException;
import org.syncnet.settings.Settings;

/**
 * The {@code syncnet.tls.*} settings, checked, with the key store loaded.
 * <p>
 * {@value #KEYSTORE}: the path of a PKCS12 key store with the server's private key and certificate chain; unset, TLS is
 * off. {@value #KEYSTORE_PASSWORD}: its password (best given as the environment variable
 * {@code SYNCNET_TLS_KEYSTORE_PASSWORD}, which MicroProfile Config maps to it), required with a key store.
 * {@value #REQUIRE}: {@code true} serves clients over TLS only; it needs a key store.
 *
 * @param serverTls the TLS built from the key store, or null when no key store is configured (TLS off)
 * @param require   whether the plain-text client ports stay closed
 */
public record TlsConfig(ServerTls serverTls, boolean require) {
    public static final String KEYSTORE = "syncnet.tls.keystore";
    public static final String KEYSTORE_PASSWORD = "syncnet.tls.keystore-password";
    public static final String REQUIRE = "syncnet.tls.require";

    public static final TlsConfig OFF = new TlsConfig(null, false);

    public TlsConfig {
        if (require && serverTls == null) {
            throw new IllegalArgumentException("TLS cannot be required without a key store");
        }
    }

    /**
     * Reads and checks the settings and loads the key store; {@code lookup} returns null for an unset one.
     *
     * @throws InvalidSettingException naming the setting that cannot work: the key store (missing, unreadable, not
     *                                 PKCS12, no private key), its password (unset or wrong), or {@value #REQUIRE}
     *                                 (not true/false, or true without a key store)
     */
    public static TlsConfig fromSettings(Function<String, String> lookup) {
        boolean require = Settings.flag(lookup, REQUIRE, false);
        String keyStore = lookup.apply(KEYSTORE);
        if (keyStore == null || keyStore.isBlank()) {
            if (require) {
                throw new InvalidSettingException(REQUIRE, "'true' needs a key store, and " + KEYSTORE + " is not set");
            }
            return OFF;
        }
        String password = lookup.apply(KEYSTORE_PASSWORD);
        if (password == null) {
            throw new InvalidSettingException(KEYSTORE_PASSWORD, "not set; the key store " + keyStore.strip()
                    + " needs it (environment variable SYNCNET_TLS_KEYSTORE_PASSWORD)");
        }
        return new TlsConfig(load(keyStore.strip(), password), require);
    }

    /** Whether a TLS listener opens. */
    public boolean on() {
        return serverTls != null;
    }

    private static ServerTls load(String keyStore, String password) {
        Path file;
        try {
            file = Path.of(keyStore);
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(KEYSTORE, "'" + keyStore + "' is no path: " + e.getMessage());
        }
        try {
            return ServerTls.fromKeyStore(file, password.toCharArray());
        } catch (UnrecoverableKeyException e) {
            throw new InvalidSettingException(KEYSTORE_PASSWORD, "it does not open the key store " + keyStore);
        } catch (NoSuchFileException e) {
            throw new InvalidSettingException(KEYSTORE, "'" + keyStore + "': no such file");
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSettingException(KEYSTORE, "'" + keyStore + "' cannot be used: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
