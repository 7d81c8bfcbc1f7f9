package org.syncnet.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncnet.settings.InvalidSettingException;

/** The {@code syncnet.tls.*} settings: defaults, and every way a key store cannot work, named in the message. */
class TlsConfigTest {
    @TempDir
    static Path dir;
    private static Path keyStore;

    @BeforeAll
    static void makeKeyStore() throws Exception {
        keyStore = TestKeyStores.selfSigned(dir);
    }

    private static TlsConfig read(String... nameValuePairs) {
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            settings.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return TlsConfig.fromSettings(settings::get);
    }

    private static void assertInvalid(String setting, String... nameValuePairs) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(nameValuePairs));
        assertEquals(setting, e.setting(), e.getMessage());
        assertTrue(e.getMessage().contains(setting), e.getMessage());
        assertFalse(e.getMessage().contains(TestKeyStores.PASSWORD), "never the password: " + e.getMessage());
        assertFalse(e.getMessage().contains("wrong-" + TestKeyStores.PASSWORD), e.getMessage());
    }

    @Test
    void withoutAKeyStoreTlsIsOff() {
        TlsConfig c = read();
        assertSame(TlsConfig.OFF, c);
        assertFalse(c.on());
        assertFalse(c.require());
        assertFalse(read(TlsConfig.REQUIRE, "false").on());
    }

    @Test
    void aKeyStoreWithItsPasswordTurnsTlsOn() {
        TlsConfig c = read(TlsConfig.KEYSTORE, keyStore.toString(),
                TlsConfig.KEYSTORE_PASSWORD, TestKeyStores.PASSWORD);
        assertTrue(c.on());
        assertFalse(c.require());
        assertNotNull(c.serverTls().context());
        assertTrue(read(TlsConfig.KEYSTORE, " " + keyStore + " ", TlsConfig.KEYSTORE_PASSWORD, TestKeyStores.PASSWORD,
                TlsConfig.REQUIRE, "TRUE").require());
    }

    @Test
    void requiringTlsWithoutAKeyStoreNamesTheRequirement() {
        assertInvalid(TlsConfig.REQUIRE, TlsConfig.REQUIRE, "true");
        assertInvalid(TlsConfig.REQUIRE, TlsConfig.REQUIRE, "true",
                TlsConfig.KEYSTORE_PASSWORD, TestKeyStores.PASSWORD);
        assertInvalid(TlsConfig.REQUIRE, TlsConfig.REQUIRE, "yes");
    }

    @Test
    void aMissingOrUnusableKeyStoreNamesTheKeyStore() throws Exception {
        assertInvalid(TlsConfig.KEYSTORE, TlsConfig.KEYSTORE, dir.resolve("missing.p12").toString(),
                TlsConfig.KEYSTORE_PASSWORD, TestKeyStores.PASSWORD);
        assertInvalid(TlsConfig.KEYSTORE, TlsConfig.KEYSTORE, dir.toString(),
                TlsConfig.KEYSTORE_PASSWORD, TestKeyStores.PASSWORD);
        Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a key store", StandardCharsets.US_ASCII);
        assertInvalid(TlsConfig.KEYSTORE, TlsConfig.KEYSTORE, garbage.toString(),
                TlsConfig.KEYSTORE_PASSWORD, TestKeyStores.PASSWORD);
        Path noKey = TestKeyStores.certificateOnly(keyStore, dir);
        assertInvalid(TlsConfig.KEYSTORE, TlsConfig.KEYSTORE, noKey.toString(),
                TlsConfig.KEYSTORE_PASSWORD, TestKeyStores.PASSWORD);
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(TlsConfig.KEYSTORE,
                noKey.toString(), TlsConfig.KEYSTORE_PASSWORD, TestKeyStores.PASSWORD));
        assertTrue(e.getMessage().contains("no private key"), e.getMessage());
    }

    @Test
    void aWrongOrMissingPasswordNamesThePassword() {
        assertInvalid(TlsConfig.KEYSTORE_PASSWORD, TlsConfig.KEYSTORE, keyStore.toString(),
                TlsConfig.KEYSTORE_PASSWORD, "wrong-" + TestKeyStores.PASSWORD);
        assertInvalid(TlsConfig.KEYSTORE_PASSWORD, TlsConfig.KEYSTORE, keyStore.toString());
    }
}
