package org.syncnet.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncnet.settings.InvalidSettingException;

/** Key stores made by the JDK's keytool, as the start scripts make theirs. */
class TlsSettingsTest {
    static final String PASSWORD = "test-store-password";

    @TempDir
    static Path dir;
    static Path good;
    /** A JKS store whose key has another password than the store: WildFly opens both with one. */
    static Path otherKeyPassword;
    static Path noKey;

    @BeforeAll
    static void makeKeyStores() throws Exception {
        good = dir.resolve("good.p12");
        keytool("-genkeypair", "-alias", "syncnet", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "825",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", good.toString(), "-storepass", PASSWORD);
        otherKeyPassword = dir.resolve("other-key-password.jks");
        keytool("-genkeypair", "-alias", "syncnet", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-storetype", "JKS", "-keystore", otherKeyPassword.toString(), "-storepass", PASSWORD,
                "-keypass", "another-key-password");
        noKey = dir.resolve("no-key.p12");
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        try (OutputStream out = Files.newOutputStream(noKey)) {
            empty.store(out, PASSWORD.toCharArray());
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool " + command + ": " + output);
    }

    private static TlsSettings read(Path configDir, String... settings) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        return TlsSettings.read(values::get, configDir);
    }

    private static void assertRejected(String setting, String detail, Path configDir, String... settings) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(configDir, settings));
        assertEquals(setting, e.setting(), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
    }

    /** A server started by hand: WildFly opens an empty store, the HTTPS port refuses handshakes, HTTP serves. */
    @Test
    void noKeyStoreAnywhereMeansPlainHttpOnly(@TempDir Path config) {
        TlsSettings tls = read(config);
        assertFalse(tls.available());
        assertTrue(tls.plainHttp());
        assertEquals(config.resolve("syncnet-tls.p12"), tls.keyStore());
        assertTrue(tls.describe(Instant.now()).startsWith("no TLS key store (syncnet.tls.keystore, looked for "),
                tls.describe(Instant.now()));
    }

    @Test
    void aStoreAtTheDefaultPlaceIsUsed(@TempDir Path config) throws IOException {
        Files.copy(good, config.resolve("syncnet-tls.p12"));
        TlsSettings tls = read(config, TlsSettings.KEYSTORE_PASSWORD, PASSWORD);
        assertTrue(tls.available());
        assertEquals(config.resolve("syncnet-tls.p12"), tls.keyStore());
    }

    @Test
    void aGoodStoreServesHttpsAndSaysWhatItHolds(@TempDir Path config) {
        TlsSettings tls = read(config, TlsSettings.KEYSTORE, good.toString(), TlsSettings.KEYSTORE_PASSWORD, PASSWORD);
        assertTrue(tls.available());
        assertTrue(tls.plainHttp(), "plain HTTP serves the chat unless required otherwise");
        Instant now = Instant.now();
        String said = tls.describe(now);
        assertTrue(said.startsWith("HTTPS with the key store " + good + " (certificate CN=localhost, valid until "),
                said);
        assertFalse(tls.expired(now));
        assertTrue(tls.expired(now.plus(Duration.ofDays(826))));
        assertTrue(tls.describe(now.plus(Duration.ofDays(826))).contains("EXPIRED on"));
    }

    @Test
    void requireTurnsPlainHttpOff(@TempDir Path config) {
        TlsSettings tls = read(config, TlsSettings.KEYSTORE, good.toString(), TlsSettings.KEYSTORE_PASSWORD, PASSWORD,
                TlsSettings.REQUIRE, "true");
        assertFalse(tls.plainHttp());
        assertTrue(tls.describe(Instant.now()).endsWith("plain HTTP does not serve the chat (syncnet.tls.require)"));
    }

    @Test
    void requireWithoutAKeyStoreIsRejected(@TempDir Path config) {
        assertRejected(TlsSettings.REQUIRE, "'true' needs a key store", config, TlsSettings.REQUIRE, "true");
    }

    @Test
    void requireMustBeTrueOrFalse(@TempDir Path config) {
        assertRejected(TlsSettings.REQUIRE, "neither true nor false", config, TlsSettings.REQUIRE, "yes please");
    }

    /** WildFly would quietly use an empty store for a mistyped path. */
    @Test
    void aGivenStoreThatIsMissingIsRejected(@TempDir Path config) {
        assertRejected(TlsSettings.KEYSTORE, "no such file", config,
                TlsSettings.KEYSTORE, dir.resolve("typo.p12").toString(), TlsSettings.KEYSTORE_PASSWORD, PASSWORD);
    }

    @Test
    void aStoreWithoutPasswordIsRejected(@TempDir Path config) {
        assertRejected(TlsSettings.KEYSTORE_PASSWORD, "not set", config, TlsSettings.KEYSTORE, good.toString());
    }

    /** WildFly would boot without its HTTPS listener. */
    @Test
    void aWrongPasswordIsRejected(@TempDir Path config) {
        assertRejected(TlsSettings.KEYSTORE_PASSWORD, "does not open the key store", config,
                TlsSettings.KEYSTORE, good.toString(), TlsSettings.KEYSTORE_PASSWORD, "wrong");
    }

    @Test
    void aKeyWithAnotherPasswordIsRejected(@TempDir Path config) {
        assertRejected(TlsSettings.KEYSTORE_PASSWORD, "does not open the key store", config,
                TlsSettings.KEYSTORE, otherKeyPassword.toString(), TlsSettings.KEYSTORE_PASSWORD, PASSWORD);
    }

    @Test
    void aStoreWithoutKeyIsRejected(@TempDir Path config) {
        assertRejected(TlsSettings.KEYSTORE, "holds no private key", config,
                TlsSettings.KEYSTORE, noKey.toString(), TlsSettings.KEYSTORE_PASSWORD, PASSWORD);
    }

    @Test
    void aFileThatIsNoKeyStoreIsRejected(@TempDir Path config) throws IOException {
        Path pem = Files.writeString(config.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n");
        assertRejected(TlsSettings.KEYSTORE, "cannot be used", config,
                TlsSettings.KEYSTORE, pem.toString(), TlsSettings.KEYSTORE_PASSWORD, PASSWORD);
    }
}
