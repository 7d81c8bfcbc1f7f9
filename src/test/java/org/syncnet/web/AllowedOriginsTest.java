package org.syncnet.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.syncnet.cluster.Membership;
import org.syncnet.settings.InvalidSettingException;

class AllowedOriginsTest {
    static final MemberUrls THREE = MemberUrls.of(null, Membership.parse(
            "server1@127.0.0.1:8020/0,server2@127.0.0.1:8021/1,server3@127.0.0.1:8022/2"));

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080", "https://127.0.0.1:8443", "http://localhost:8081",
        "https://localhost:8445", "HTTPS://LocalHost:8444"})
    void everyMembersPagesInBothLoopbackSpellings(String origin) {
        assertTrue(AllowedOrigins.of(THREE.pageOrigins(true), null).allows(origin), origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "http://127.0.0.1:8083", "https://127.0.0.1:8080",
        "http://127.0.0.2:8080", "http://[::1]:8080", "null", "", "127.0.0.1:8080", "http://127.0.0.1:8080/chat",
        "http://user@127.0.0.1:8080", "ws://127.0.0.1:8080", "https://127.0.0.1:8443/"})
    void noOtherPage(String origin) {
        assertFalse(AllowedOrigins.of(THREE.pageOrigins(true), null).allows(origin), origin);
    }

    /** Non-browser clients send no Origin; the check is about pages of other sites in the user's browser. */
    @Test
    void noOriginHeaderIsNoBrowser() {
        assertTrue(AllowedOrigins.of(THREE.pageOrigins(false), null).allows(null));
    }

    @Test
    void withoutPlainHttpOnlyTheHttpsPages() {
        AllowedOrigins allowed = AllowedOrigins.of(THREE.pageOrigins(false), null);
        assertTrue(allowed.allows("https://localhost:8443"));
        assertFalse(allowed.allows("http://127.0.0.1:8080"));
        assertFalse(allowed.allows("http://localhost:8080"));
    }

    @Test
    void anotherHostIsNotSpelledTwice() {
        AllowedOrigins allowed = AllowedOrigins.of(List.of("https://chat.example.org:8443"), null);
        assertTrue(allowed.allows("https://Chat.Example.org:8443"));
        assertFalse(allowed.allows("https://localhost:8443"));
        assertFalse(allowed.allows("https://chat.example.org"));
    }

    @Test
    void theSettingAddsPagesBehindAProxyWithTheirDefaultPorts() {
        AllowedOrigins allowed = AllowedOrigins.of(THREE.pageOrigins(true),
                " https://chat.example.org , http://10.0.0.5:8080,https://proxy.example.org:443");
        assertTrue(allowed.allows("https://chat.example.org"));
        assertTrue(allowed.allows("https://chat.example.org:443"), "the default port is the same origin");
        assertTrue(allowed.allows("http://10.0.0.5:8080"));
        assertTrue(allowed.allows("https://proxy.example.org"));
        assertFalse(allowed.allows("http://chat.example.org"), "another scheme is another origin");
        assertFalse(allowed.allows("https://sub.chat.example.org"));
        assertTrue(allowed.allows("http://127.0.0.1:8080"), "the members' pages as well");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat.example.org", "https://chat.example.org/syncnet", "https://*.example.org", "*",
        "ftp://chat.example.org", "https://", "https://u@chat.example.org", "https://chat.example.org?x",
        "https://a.example,,https://b.example", "https://a.example;script-src *"})
    void aBadEntryFailsTheDeploymentNamingTheSetting(String setting) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> AllowedOrigins.of(THREE.pageOrigins(true), setting));
        assertEquals(AllowedOrigins.SETTING, e.setting());
        assertTrue(e.getMessage().startsWith("Invalid setting syncnet.web.allowed-origins: '"), e.getMessage());
    }

    @Test
    void blankSettingAddsNothing() {
        assertEquals(AllowedOrigins.of(THREE.pageOrigins(true), null).toString(),
                AllowedOrigins.of(THREE.pageOrigins(true), "  ").toString());
    }
}
