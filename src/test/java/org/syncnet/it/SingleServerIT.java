package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * One managed WildFly (arquillian.xml container "single", port offset 110) running a one-member cluster with
 * quorum 1: the startup singleton binds UDP 8130 and leads; the REST view, the CDI leadership events and the
 * health checks work. Then WARs whose microprofile-config.properties carry one bad setting are deployed beside it
 * through the management API: each fails with a message naming the setting, and the running deployment is left
 * exactly as it was.
 *
 * <p>The container sets no {@code syncnet.*} system property on purpose: those would override the WAR's file.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SingleServerIT {
    static final int HTTP = 8080 + 110;
    static final int MANAGEMENT = 9990 + 110;

    static final String SERVER_ID = "syncnet.server.id";
    static final String MEMBERS = "syncnet.cluster.members";
    static final String HEARTBEAT = "syncnet.cluster.heartbeat-interval";
    static final String TIMEOUT = "syncnet.cluster.failure-timeout";
    static final String QUORUM = "syncnet.cluster.quorum";
    static final String SECRET = "syncnet.cluster.secret";
    static final String URLS = "syncnet.web.urls";

    /** A valid one-member cluster on UDP 8130. */
    static final Map<String, String> GOOD = good();

    private final ClusterViews views = new ClusterViews();

    @ArquillianResource
    ManagementClient management;

    private static Map<String, String> good() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(SERVER_ID, "solo");
        s.put(MEMBERS, "solo@127.0.0.1:8130/0");
        s.put(HEARTBEAT, "2.0s");
        s.put(TIMEOUT, "5.0s");
        s.put(QUORUM, "1");
        s.put(SECRET, "single-server-it-secret");
        return s;
    }

    @Deployment(testable = false)
    static WebArchive syncnet() {
        return TestWars.withSettings("syncnet.war", GOOD, null);
    }

    /** The server inherits this JVM's environment, and SYNCNET_* variables would override the WAR's settings. */
    @BeforeAll
    static void environmentDoesNotOverrideTheWarSettings() {
        System.getenv().keySet().stream().filter(k -> k.toUpperCase().startsWith("SYNCNET")).findAny()
                .ifPresent(k -> fail("environment variable " + k + " would override the settings this test varies"));
    }

    // ---- the good deployment ------------------------------------------------------------------------------

    @Test
    void singletonLeadsItsOneMemberClusterAndTheViewHasTheDocumentedShape() {
        JsonObject view = awaitLeader().of(HTTP);

        assertEquals("solo", view.getString("self"));
        assertEquals("solo", view.getString("leader"));
        assertEquals(JsonValue.ValueType.NUMBER, view.get("epoch").getValueType());
        assertTrue(ClusterViews.epoch(view) > 0, "a leadership has an epoch above 0: " + view);
        assertEquals(JsonValue.ValueType.TRUE, view.get("hasQuorum").getValueType());
        assertEquals("LEADER", view.getString("role"));
        assertEquals(JsonValue.ValueType.OBJECT, view.get("dropped").getValueType());

        JsonArray members = view.getJsonArray("members");
        assertEquals(1, members.size(), "one configured member: " + view);
        JsonObject self = members.getJsonObject(0);
        assertEquals("solo", self.getString("id"));
        assertEquals(0, self.getJsonNumber("ringPosition").intValueExact());
        assertEquals(JsonValue.ValueType.TRUE, self.get("alive").getValueType());
        assertEquals("ALIVE", self.getString("state"));
        assertEquals(JsonValue.ValueType.NUMBER, self.get("lastHeardMillisAgo").getValueType());
    }

    /** LeadershipHistory only learns about leaders through the CDI LeadershipChanged event. */
    @Test
    void leadershipChangeReachedTheCdiObserver() {
        JsonObject view = awaitLeader().of(HTTP);
        JsonArray changes = view.getJsonArray("leadershipChanges");
        assertFalse(changes.isEmpty(), "the CDI observer recorded no leadership change: " + view);

        JsonObject last = changes.getJsonObject(changes.size() - 1);
        assertEquals("solo", last.getString("leader"));
        assertEquals(ClusterViews.epoch(view), last.getJsonNumber("epoch").longValueExact());
        assertEquals(JsonValue.ValueType.TRUE, last.get("hasQuorum").getValueType());
        assertEquals(JsonValue.ValueType.STRING, last.get("reason").getValueType());
        long at = last.getJsonNumber("atMillis").longValueExact();
        long now = System.currentTimeMillis();
        assertTrue(at <= now + 1_000 && at > now - Duration.ofMinutes(10).toMillis(),
                "atMillis is a recent wall-clock time: " + last);
    }

    @Test
    void livenessAndReadinessAreUp() {
        awaitLeader();
        assertHealthUp("live", "syncnet-cluster");
        assertHealthUp("ready", "syncnet-leader");
    }

    @Test
    void chatPageStatusPageAndScriptsAreServedWithSecurityHeaders() throws Exception {
        HttpResponse<String> chat = get("/syncnet/", null);
        assertTrue(chat.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), chat.headers().toString());
        assertTrue(chat.body().contains("<script src=\"chat.js\" defer></script>"), chat.body());
        assertTrue(chat.body().contains("href=\"status.html\""), "the chat page links the status page");
        assertSecurityHeaders(chat);
        HttpResponse<String> chatJs = get("/syncnet/chat.js", null);
        assertTrue(chatJs.body().contains("new WebSocket("), "the chat script opens the WebSocket");
        assertSecurityHeaders(chatJs);
        assertSecurityHeaders(get("/syncnet/chat.css", null));

        HttpResponse<String> status = get("/syncnet/status.html", null);
        assertTrue(status.body().contains("<script src=\"cluster.js\" defer></script>"), status.body());
        assertSecurityHeaders(status);
        HttpResponse<String> clusterJs = get("/syncnet/cluster.js", null);
        assertTrue(clusterJs.body().contains("fetch('api/cluster'"), "the status page reads the REST view");
        assertSecurityHeaders(clusterJs);
    }

    @Test
    void membersCarryTheirDerivedUrl() {
        JsonObject self = awaitLeader().of(HTTP).getJsonArray("members").getJsonObject(0);
        assertEquals("http://127.0.0.1:" + HTTP + "/syncnet", self.getString("url"), "UDP 8130 + 60 = HTTP 8190");
    }

    /** The pages of the other members read the member list from whichever server answers: CORS for them only. */
    @Test
    void clusterViewMayBeReadByMemberOriginsOnly() throws Exception {
        awaitLeader();
        String member = "http://127.0.0.1:" + HTTP;
        HttpResponse<String> allowed = get("/syncnet/api/cluster", member);
        assertEquals(200, allowed.statusCode());
        assertEquals(member, allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        HttpResponse<String> stranger = get("/syncnet/api/cluster", "http://127.0.0.1:9");
        assertEquals(200, stranger.statusCode());
        assertTrue(stranger.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), stranger.headers().toString());
    }

    private static HttpResponse<String> get(String path, String origin) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP + path));
        if (origin != null) {
            request.header("Origin", origin);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path);
        return response;
    }

    private static void assertSecurityHeaders(HttpResponse<String> response) {
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        String where = response.uri() + ": " + csp;
        assertTrue(csp.startsWith("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' http://127.0.0.1:" + HTTP + " https://127.0.0.1:" + (HTTP + 363)
                + " ws://127.0.0.1:" + HTTP + " wss://127.0.0.1:" + (HTTP + 363) + ";"), where);
        assertTrue(csp.contains("frame-ancestors 'none'; base-uri 'none'; form-action 'none'"), where);
        assertFalse(csp.contains("unsafe"), where);
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null), where);
        assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(null), where);
    }

    // ---- bad settings: each deployment fails, naming the setting; the running one is untouched -------------

    @Test
    void unknownServerIdIsRejected() {
        assertRejected("unknown-id", TestWars.with(GOOD, SERVER_ID, "nobody"), SERVER_ID, "nobody");
    }

    @Test
    void duplicateMemberIdsAreRejected() {
        assertRejected("duplicate-ids",
                TestWars.with(GOOD, MEMBERS, "solo@127.0.0.1:8130/0,solo@127.0.0.1:8131/1"),
                MEMBERS, "duplicate member id");
    }

    @Test
    void duplicateRingPositionsAreRejected() {
        assertRejected("duplicate-ring",
                TestWars.with(GOOD, MEMBERS, "solo@127.0.0.1:8130/0,other@127.0.0.1:8131/0"),
                MEMBERS, "duplicate ring position");
    }

    @Test
    void failureTimeoutEqualToTheHeartbeatIntervalIsRejected() {
        assertRejected("timeout-equal", TestWars.with(GOOD, TIMEOUT, "2.0s"), TIMEOUT, "must be greater than");
    }

    @Test
    void failureTimeoutBelowTheHeartbeatIntervalIsRejected() {
        assertRejected("timeout-below", TestWars.with(GOOD, TIMEOUT, "1500ms"), TIMEOUT, "must be greater than");
    }

    @Test
    void quorumAboveTheMemberCountIsRejected() {
        assertRejected("quorum-high", TestWars.with(GOOD, QUORUM, "2"), QUORUM, "out of range");
    }

    @Test
    void quorumZeroIsRejected() {
        assertRejected("quorum-zero", TestWars.with(GOOD, QUORUM, "0"), QUORUM, "out of range");
    }

    @Test
    void emptySecretIsRejected() {
        assertRejected("secret-empty", TestWars.with(GOOD, SECRET, ""), SECRET, "empty");
    }

    /** Another UDP port than the running deployment's, so that the cluster singleton can start and only this fails. */
    @Test
    void malformedMemberUrlsAreRejected() {
        Map<String, String> settings = TestWars.with(GOOD, MEMBERS, "solo@127.0.0.1:8139/0");
        assertRejected("web-urls", TestWars.with(settings, URLS, "solo=javascript:alert(1)"), URLS,
                "is not a plain http:// or https:// URL");
    }

    /** Chat limits are read after the cluster starts: another UDP port again. */
    @Test
    void chatLimitsOutOfRangeAreRejected() {
        Map<String, String> settings = TestWars.with(GOOD, MEMBERS, "solo@127.0.0.1:8138/0");
        String queue = "syncnet.chat.outbound-queue-kib";
        assertRejected("chat-queue", TestWars.with(settings, queue, "10"), queue, "is not a whole number from 1024");
    }

    @Test
    void missingSecretIsRejected() {
        assertRejected("secret-missing", TestWars.with(GOOD, SECRET, null), SECRET, "empty");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private ClusterViews.Agreement awaitLeader() {
        return views.await("solo leads its one-member cluster with quorum", Duration.ofSeconds(30),
                ClusterViews.leaderWithQuorum("solo"), HTTP);
    }

    private void assertHealthUp(String kind, String check) {
        ClusterViews.Answer answer = views.health(MANAGEMENT, kind);
        assertEquals(200, answer.status(), "/health/" + kind + ": " + answer.body());
        assertNotNull(answer.json(), "/health/" + kind + " is JSON: " + answer.body());
        assertEquals("UP", answer.json().getString("status"), answer.body());
        boolean found = answer.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .anyMatch(c -> check.equals(c.getString("name")) && "UP".equals(c.getString("status")));
        assertTrue(found, "/health/" + kind + " has check " + check + " UP: " + answer.body());
    }

    /**
     * Deploys the built WAR with {@code settings} beside the running one (own name, own context root: bad settings
     * fail before the UDP socket is bound), expects the deployment to fail with a message naming {@code setting},
     * and checks that the running deployment did not notice.
     */
    private void assertRejected(String variant, Map<String, String> settings, String setting, String detail) {
        JsonObject before = awaitLeader().of(HTTP);
        String name = "syncnet-bad-" + variant + ".war";
        WebArchive war = TestWars.withSettings(name, settings, "/syncnet-bad-" + variant);

        FailingDeployment.Rejection rejection = FailingDeployment.deploy(management.getControllerClient(), war);

        String failure = rejection.failure();
        assertTrue(failure.contains("Invalid setting " + setting),
                "the failure names " + setting + ": " + failure);
        assertTrue(failure.contains(detail), "the failure says '" + detail + "': " + failure);
        assertFalse(rejection.leftBehind(), name + " was rolled back, not left in the configuration");

        JsonObject after = views.view(HTTP).orElseThrow(() -> new AssertionError("the good deployment stopped"));
        assertEquals(ClusterViews.leader(before), ClusterViews.leader(after), "leader unchanged");
        assertEquals(ClusterViews.epoch(before), ClusterViews.epoch(after), "epoch unchanged");
        assertEquals(before.getBoolean("hasQuorum"), after.getBoolean("hasQuorum"), "quorum unchanged");
        assertEquals(before.getJsonArray("leadershipChanges"), after.getJsonArray("leadershipChanges"),
                "no leadership change");
        assertHealthUp("live", "syncnet-cluster");
        assertHealthUp("ready", "syncnet-leader");
    }
}
