package org.syncnet.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.syncnet.settings.InvalidSettingException;
import org.syncnet.cluster.Membership;

class MemberUrlsTest {
    static final Membership THREE = Membership.parse(
            "server1@127.0.0.1:8020/0,server2@127.0.0.1:8021/1,server3@127.0.0.1:8022/2");

    @Test
    void absentSettingDerivesThePortTable() {
        MemberUrls urls = MemberUrls.of(null, THREE);
        assertEquals(Map.of("server1", "http://127.0.0.1:8080/syncnet", "server2", "http://127.0.0.1:8081/syncnet",
                "server3", "http://127.0.0.1:8082/syncnet"), urls.all());
        assertEquals(List.of("server1", "server2", "server3"), List.copyOf(urls.all().keySet()), "ring order");
        assertEquals("http://127.0.0.1:8180/syncnet",
                MemberUrls.of(" ", Membership.parse("a@127.0.0.1:8120/0")).url("a"), "the ITs' ports");
    }

    @Test
    void givenUrlsWinAndGiveTheOrigins() {
        MemberUrls urls = MemberUrls.of(" server2=https://b.example:8443/syncnet/ , server1=http://a.example/syncnet,"
                + "server3=http://a.example/other", THREE);
        assertEquals("http://a.example/syncnet", urls.url("server1"));
        assertEquals("https://b.example:8443/syncnet", urls.url("server2"), "a trailing slash is dropped");
        assertEquals(List.of("http://a.example", "https://b.example:8443"), urls.httpOrigins());
        assertEquals(List.of("ws://a.example", "wss://b.example:8443"), urls.webSocketOrigins());
    }

    @Test
    void policyNamesEveryMemberOriginForConnectOnly() {
        String policy = SecurityHeadersFilter.policy(MemberUrls.of(null, THREE), true);
        assertTrue(policy.contains("connect-src 'self' http://127.0.0.1:8080 http://127.0.0.1:8081 "
                + "http://127.0.0.1:8082 https://127.0.0.1:8443 https://127.0.0.1:8444 https://127.0.0.1:8445 "
                + "ws://127.0.0.1:8080 ws://127.0.0.1:8081 ws://127.0.0.1:8082 "
                + "wss://127.0.0.1:8443 wss://127.0.0.1:8444 wss://127.0.0.1:8445;"), policy);
        assertTrue(policy.startsWith("default-src 'self'; script-src 'self'; style-src 'self';"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'; base-uri 'none'; form-action 'none'"), policy);
    }

    /** With syncnet.tls.require the page may reach the members over HTTPS and WSS only. */
    @Test
    void policyWithoutPlainHttpNamesOnlyTheSecureOrigins() {
        String policy = SecurityHeadersFilter.policy(MemberUrls.of(null, THREE), false);
        assertTrue(policy.contains("connect-src 'self' https://127.0.0.1:8443 https://127.0.0.1:8444 "
                + "https://127.0.0.1:8445 wss://127.0.0.1:8443 wss://127.0.0.1:8444 wss://127.0.0.1:8445;"), policy);
        assertFalse(policy.contains("http:") || policy.contains("ws:"), policy);
    }

    /** WildFly's https socket binding is the http one + 363, both shifted by the port offset: UDP + 423. */
    @Test
    void httpsUrlsFollowFromTheHttpPorts() {
        MemberUrls derived = MemberUrls.of(null, THREE);
        assertEquals("https://127.0.0.1:8443/syncnet", derived.secureUrl("server1"));
        assertEquals("https://127.0.0.1:8445/syncnet", derived.secureUrl("server3"));
        assertEquals(List.of("https://127.0.0.1:8443", "https://127.0.0.1:8444", "https://127.0.0.1:8445"),
                derived.httpsOrigins());
        assertEquals("https://127.0.0.1:8553/syncnet",
                MemberUrls.of(null, Membership.parse("a@127.0.0.1:8130/0")).secureUrl("a"), "the single IT server");

        MemberUrls given = MemberUrls.of("server1=http://a.example/syncnet,server2=https://b.example:9443/chat,"
                + "server3=http://[::1]:8082/syncnet", THREE);
        assertEquals("https://a.example/syncnet", given.secureUrl("server1"), "80 -> 443, the default port");
        assertEquals("https://b.example:9443/chat", given.secureUrl("server2"), "an https URL is its own");
        assertEquals("https://[::1]:8445/syncnet", given.secureUrl("server3"));
        assertEquals(List.of("http://a.example", "https://b.example:9443", "http://[::1]:8082",
                "https://a.example", "https://[::1]:8445"), given.pageOrigins(true));
        assertEquals(List.of("https://a.example", "https://b.example:9443", "https://[::1]:8445"),
                given.pageOrigins(false));
        assertNull(given.secureUrl("server4"));
    }

    @Test
    void underivableHttpsPortIsRejected() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> MemberUrls.of("server1=http://h:65300/s,server2=http://h/s,server3=http://h/s", THREE));
        assertEquals(MemberUrls.SETTING, e.setting());
        assertTrue(e.getMessage().contains("HTTPS URL of 'server1'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "server1=http://127.0.0.1:8080/syncnet,server2=http://127.0.0.1:8081/syncnet", // server3 missing
        "server1=http://h/s,server2=http://h/s,server3=http://h/s,server1=http://h/t", // twice
        "server1=http://h/s,server2=http://h/s,server4=http://h/s", // not a member
        "server1=ftp://h/s,server2=http://h/s,server3=http://h/s",
        "server1=http://h/s;script-src *,server2=http://h/s,server3=http://h/s",
        "server1=http://h/s?x=1,server2=http://h/s,server3=http://h/s",
        "server1=http://u@h/s,server2=http://h/s,server3=http://h/s",
        "server1=http:///s,server2=http://h/s,server3=http://h/s",
        "server1 http://h/s,server2=http://h/s,server3=http://h/s",
        "=http://h/s,server2=http://h/s,server3=http://h/s",
        "server1=http://h/s,,server2=http://h/s,server3=http://h/s",
    })
    void malformedSettingIsRejectedNamingIt(String setting) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> MemberUrls.of(setting, THREE));
        assertEquals(MemberUrls.SETTING, e.setting());
        assertTrue(e.getMessage().startsWith("Invalid setting syncnet.web.urls: "), e.getMessage());
    }

    @Test
    void underivablePortIsRejected() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> MemberUrls.of(null, Membership.parse("a@127.0.0.1:65500/0")));
        assertEquals(MemberUrls.SETTING, e.setting());
    }
}
