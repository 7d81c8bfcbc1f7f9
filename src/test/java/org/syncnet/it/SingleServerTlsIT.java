package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.syncnet.it.ChatClient.type;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTPS and WSS on one server (container "single": HTTP 8190, HTTPS 8553 with the build's self-signed key store),
 * deployed with {@code syncnet.tls.require=true} and one proxy origin allowed: the page and the REST view over HTTPS
 * (TLS 1.3), TLS 1.1 and TLS 1.2 without an AEAD suite refused, the Content-Security-Policy naming only the secure
 * origins, chat over {@code wss://}, the WebSocket's Origin check (403 for another site's page; the server's own pages,
 * in both loopback spellings, the proxy's and a client without Origin accepted), plain HTTP redirecting the page and
 * refusing the plain WebSocket while the cluster view stays on it, bad TLS settings failing a deployment, and the chat
 * page in Chromium over HTTPS and WSS.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SingleServerTlsIT {
    static final int HTTP = SingleServerIT.HTTP;
    static final int HTTPS = 8443 + 110;
    static final String SELF = "https://127.0.0.1:" + HTTPS;
    static final String PROXY = "https://chat.example.org";
    static final Duration WAIT = Duration.ofSeconds(20);

    static SSLContext tls;
    static HttpClient https;
    /** Follows no redirect, so that a test sees it. */
    static HttpClient plain;

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static WebArchive syncnet() {
        Map<String, String> settings = TestWars.with(SingleServerIT.GOOD, "syncnet.tls.require", "true");
        settings = TestWars.with(settings, "syncnet.web.allowed-origins", PROXY);
        return TestWars.withSettings("syncnet.war", settings, null);
    }

    @BeforeAll
    static void clients() throws Exception {
        tls = TestTls.context();
        https = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Test
    void pageAndClusterViewAreServedOverTls13() throws Exception {
        awaitLeader();
        HttpResponse<String> page = get(https, SELF + "/syncnet/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"chat.js\" defer></script>"), page.body());
        assertEquals("TLSv1.3", page.sslSession().orElseThrow().getProtocol());

        HttpResponse<String> view = get(https, SELF + "/syncnet/api/cluster");
        assertEquals(200, view.statusCode());
        JsonObject member = Json.createReader(new StringReader(view.body())).readObject()
                .getJsonArray("members").getJsonObject(0);
        assertEquals(SELF + "/syncnet", member.getString("httpsUrl"), "HTTP 8190 + 363");
        assertEquals("http://127.0.0.1:" + HTTP + "/syncnet", member.getString("url"));
    }

    /** With plain HTTP off, the page may reach the members over HTTPS and WSS only. */
    @Test
    void contentSecurityPolicyNamesTheSecureOriginsOnly() throws Exception {
        for (String path : List.of("/syncnet/", "/syncnet/chat.js", "/syncnet/api/cluster")) {
            String csp = get(https, SELF + path).headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("; connect-src 'self' " + SELF + " wss://127.0.0.1:" + HTTPS + "; "), path + ": " + csp);
            assertFalse(csp.contains("http:") || csp.contains("ws:"), path + ": " + csp);
        }
    }

    @Test
    void tls11AndTls12WithoutAeadAreRefused() throws Exception {
        int ecdheEcdsaAes128Sha = 0xc009;
        int ecdheRsaAes128Sha = 0xc013;
        int rsaAes128Sha = 0x002f;
        int ecdheEcdsaAes128Sha256 = 0xc023;
        int ecdheEcdsaAes128Gcm = 0xc02b;
        int ecdheEcdsaChaCha20 = 0xcca9;
        int rsaAes128Gcm = 0x009c;

        TlsProbe.Answer tls11 = TlsProbe.hello(HTTPS, TlsProbe.TLS_1_1, ecdheEcdsaAes128Sha, ecdheRsaAes128Sha,
                rsaAes128Sha);
        assertEquals(new TlsProbe.Answer(null, TlsProbe.ALERT_PROTOCOL_VERSION), tls11, "TLS 1.1");
        TlsProbe.Answer cbc = TlsProbe.hello(HTTPS, TlsProbe.TLS_1_2, ecdheEcdsaAes128Sha256, ecdheEcdsaAes128Sha);
        assertEquals(new TlsProbe.Answer(null, TlsProbe.ALERT_HANDSHAKE_FAILURE), cbc, "TLS 1.2 with CBC suites");
        TlsProbe.Answer noForwardSecrecy = TlsProbe.hello(HTTPS, TlsProbe.TLS_1_2, rsaAes128Gcm);
        assertEquals(new TlsProbe.Answer(null, TlsProbe.ALERT_HANDSHAKE_FAILURE), noForwardSecrecy,
                "TLS 1.2 with RSA key exchange");

        // The same hand-made hello is answered when it offers what the server accepts.
        assertEquals(new TlsProbe.Answer(ecdheEcdsaAes128Gcm, null),
                TlsProbe.hello(HTTPS, TlsProbe.TLS_1_2, ecdheEcdsaAes128Sha256, ecdheEcdsaAes128Gcm));
        assertEquals(new TlsProbe.Answer(ecdheEcdsaChaCha20, null),
                TlsProbe.hello(HTTPS, TlsProbe.TLS_1_2, ecdheEcdsaChaCha20));
    }

    @Test
    void twoClientsChatOverWss() throws Exception {
        awaitLeader();
        URI endpoint = URI.create("wss://127.0.0.1:" + HTTPS + "/syncnet/chat");
        try (ChatClient alice = ChatClient.connect("alice", https, endpoint);
             ChatClient bob = ChatClient.connect("bob", https, endpoint)) {
            alice.hello("tlsalice", "tls-alice-session", 0);
            bob.hello("tlsbob", "tls-bob-session", 0);
            alice.await("welcome", type("welcome", "nick", "tlsalice"), WAIT);
            bob.await("welcome", type("welcome", "nick", "tlsbob"), WAIT);
            alice.join("#tls", 0);
            alice.await("members", type("members", "room", "#tls"), WAIT);
            bob.join("#tls", 0);
            alice.await("bob joining", ChatClient.presence("tlsbob", "join"), WAIT);
            alice.say("#tls", "t-1", "over wss");
            JsonObject heard = bob.await("alice's message", type("event", "text", "over wss"), WAIT);
            assertEquals("tlsalice", heard.getString("nick"));
            alice.await("her message confirmed", type("event", "id", "t-1"), WAIT);
        }
    }

    /** Cross-site WebSocket hijacking: another site's page in the user's browser must not chat as the user. */
    @Test
    void handshakesFromOtherPagesAreRefusedWith403() throws Exception {
        for (String origin : List.of("https://evil.example", "http://127.0.0.1:" + HTTP, "null")) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> openWebSocket(origin), origin);
            WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause(),
                    origin);
            assertEquals(403, refused.getResponse().statusCode(), origin + ": " + refused.getResponse().body());
        }
    }

    @Test
    void handshakesFromTheClustersPagesTheProxyAndNonBrowsersSucceed() throws Exception {
        awaitLeader();
        int n = 0;
        for (String origin : new String[] {SELF, "https://localhost:" + HTTPS, PROXY, null}) {
            n++;
            CompletableFuture<String> welcome = new CompletableFuture<>();
            WebSocket ws = openWebSocket(origin, welcome);
            try {
                ws.sendText("{\"type\":\"hello\",\"nick\":\"origin" + n + "\",\"version\":2}", true).join();
                assertTrue(welcome.get(WAIT.toSeconds(), TimeUnit.SECONDS).contains("\"welcome\""),
                        origin + ": the endpoint (and its injected beans) answered");
            } finally {
                ws.abort();
            }
        }
    }

    @Test
    void plainHttpRedirectsThePageAndRefusesTheWebSocket() throws Exception {
        awaitLeader();
        HttpResponse<String> page = get(plain, "http://127.0.0.1:" + HTTP + "/syncnet/");
        assertEquals(307, page.statusCode());
        assertEquals(SELF + "/syncnet/", page.headers().firstValue("Location").orElse(null));
        HttpResponse<String> history = get(plain, "http://127.0.0.1:" + HTTP + "/syncnet/api/rooms/%23tls/messages?limit=5");
        assertEquals(307, history.statusCode());
        assertEquals(SELF + "/syncnet/api/rooms/%23tls/messages?limit=5", history.headers().firstValue("Location")
                .orElse(null));

        ExecutionException e = assertThrows(ExecutionException.class, () -> plain.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + HTTP + "/syncnet/chat"), new WebSocket.Listener() { })
                .get(WAIT.toSeconds(), TimeUnit.SECONDS));
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(403, refused.getResponse().statusCode());

        // What machines ask stays on plain HTTP: the scripts' readiness check reads the cluster view.
        assertEquals(200, get(plain, "http://127.0.0.1:" + HTTP + "/syncnet/api/cluster").statusCode());
    }

    /** Another UDP port than the running deployment's, so that only the bad setting fails the deployment. */
    @Test
    void badTlsAndOriginSettingsFailTheDeploymentNamingThem() {
        Map<String, String> settings = TestWars.with(SingleServerIT.GOOD, SingleServerIT.MEMBERS, "solo@127.0.0.1:8137/0");
        assertRejected("origins", TestWars.with(settings, "syncnet.web.allowed-origins", "https://*.example.org"),
                "syncnet.web.allowed-origins", "is not an origin like");
        assertRejected("require", TestWars.with(settings, "syncnet.tls.require", "maybe"),
                "syncnet.tls.require", "is neither true nor false");
    }

    /** The chat page in Chromium over HTTPS: its WebSocket is wss:// and the chat works. */
    @Test
    void thePageLoadedOverHttpsChatsOverWss() throws Exception {
        assumeTrue(ChatPage.browserInstalled(), "skipped: needs " + ChatPage.CHROMIUM + " and " + ChatPage.CHROMEDRIVER
                + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
        awaitLeader();
        try (ChatPage page = ChatPage.open("carol", SELF + "/syncnet/", 1000, 800);
             ChatClient dave = ChatClient.connect("dave", https, URI.create("wss://127.0.0.1:" + HTTPS + "/syncnet/chat"))) {
            page.chooseNick("carol");
            page.await("carol in #lobby", WAIT, p -> p.status().equals("connected to solo \u00b7 leader solo")
                    && p.roomName().equals("#lobby") && p.members().contains("carol"));
            String url = page.webSocketUrl();
            assertNotNull(url);
            assertTrue(url.startsWith("wss://127.0.0.1:" + HTTPS + "/syncnet/chat"), url);
            dave.hello("dave", "tls-dave-session", 0);
            dave.await("welcome", type("welcome", "nick", "dave"), WAIT);
            dave.join("#lobby", 0);
            dave.await("members", type("members", "room", "#lobby"), WAIT);
            page.await("dave in the members list", WAIT, p -> p.members().contains("dave"));
            page.say("hello over wss");
            dave.await("carol's message", type("event", "text", "hello over wss"), WAIT);
            dave.say("#lobby", "d-1", "dave answers");
            page.await("dave's answer", WAIT, p -> p.messages().stream().anyMatch(m -> m.endsWith("dave: dave answers")));
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static void awaitLeader() {
        new ClusterViews().await("solo leads", Duration.ofSeconds(30), ClusterViews.leaderWithQuorum("solo"), HTTP);
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static WebSocket openWebSocket(String origin) throws Exception {
        return openWebSocket(origin, new CompletableFuture<>());
    }

    /** A wss:// handshake with this Origin header (null: none); {@code firstText} gets the first text frame. */
    private static WebSocket openWebSocket(String origin, CompletableFuture<String> firstText) throws Exception {
        WebSocket.Builder builder = https.newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.buildAsync(URI.create("wss://127.0.0.1:" + HTTPS + "/syncnet/chat"), new WebSocket.Listener() {
            @Override
            public java.util.concurrent.CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                firstText.complete(data.toString());
                return null;
            }
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private void assertRejected(String variant, Map<String, String> settings, String setting, String detail) {
        String name = "syncnet-bad-" + variant + ".war";
        FailingDeployment.Rejection rejection = FailingDeployment.deploy(management.getControllerClient(),
                TestWars.withSettings(name, settings, "/syncnet-bad-" + variant));
        assertTrue(rejection.failure().contains("Invalid setting " + setting), rejection.failure());
        assertTrue(rejection.failure().contains(detail), rejection.failure());
        assertFalse(rejection.leftBehind(), name + " was rolled back");
    }
}
