package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.syncnet.it.ChatClient.type;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A browser's login across three managed servers (arquillian.xml group "cluster"), one scenario in ordered steps:
 * <ol>
 * <li>a page on server2 registers its nick and gets a token; a room mate on server1 sees it logged in, and a client
 * on server3 may not use the nick without logging in;</li>
 * <li>server2 stops; the page reconnects to server3 with its token, as it does after any failover, and is logged in
 * there: the token, issued on server2, is valid on every server.</li>
 * </ol>
 */
class ThreeServerBrowserAccountsIT extends ThreeServerCluster {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String ROOM = "#accounts";
    static final String NICK = "dora";
    static final String SESSION = "dora-session";

    /** Clients and the page's token, from one step to the next. */
    private static final List<ChatClient> clients = new ArrayList<>();
    private static ChatClient page;
    private static String token;

    @Override
    int lastStep() {
        return 2;
    }

    @Override
    void scenarioOver() {
        clients.forEach(ChatClient::close);
        clients.clear();
    }

    private static ChatClient connect(String label, int port) throws Exception {
        ChatClient c = ChatClient.connect(label, port, 4);
        clients.add(c);
        return c;
    }

    private static JsonObjectBuilder hello(String nick, String session) {
        return Json.createObjectBuilder().add("type", "hello").add("nick", nick).add("session", session)
                .add("version", 4);
    }

    @Test
    @Order(1)
    void aPageRegistersOnServer2AndEveryServerKnowsTheAccount() throws Exception {
        requireStepsPassed(0);
        startAllWithServer3Leading();

        ChatClient watcher = connect("walt@server1", HTTP1);
        watcher.send(hello("walt", "walt-session").build());
        watcher.await("welcome", type("welcome", "nick", "walt"), WAIT);
        watcher.join(ROOM, 0);
        watcher.await("members", type("members", "room", ROOM), WAIT);

        page = connect("dora@server2", HTTP2);
        page.send(hello(NICK, SESSION).build());
        assertEquals("server2", page.await("welcome", type("welcome", "nick", NICK), WAIT).getString("server"));
        page.join(ROOM, 0);
        page.await("members", type("members", "room", ROOM), WAIT);
        page.send(Json.createObjectBuilder().add("type", "register").add("password", "pencil-sharpener").build());
        page.await("registered", type("account", "change", "register"), WAIT);
        token = page.await("token", type("account", "change", "session"), WAIT).getString("token");

        assertEquals(NICK, watcher.await("dora logged in", type("memberAccount", "nick", NICK), WAIT)
                .getString("account"), "a room mate on another server sees the account");

        ChatClient intruder = connect("intruder@server3", HTTP3);
        intruder.send(hello(NICK, "intruder-session").build());
        JsonObject refusal = intruder.await("refusal", type("error"), WAIT);
        assertEquals("NICK_REGISTERED", refusal.getString("code"), refusal::toString);
        stepPassed(1);
    }

    @Test
    @Order(2)
    void afterServer2StopsThePageIsLoggedInOnServer3WithItsToken() throws Exception {
        requireStepsPassed(1);
        long seen = page.lastSeq();
        controller.stop("server2");  // WildFly :shutdown: the page is told "server stopping" and closed
        page.closed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        ChatClient again = connect("dora@server3", HTTP3);
        again.send(hello(NICK, SESSION).add("resumeFrom", seen).add("token", token).build());
        JsonObject welcome = again.await("welcome or refusal", f -> type("welcome").test(f) || type("error").test(f),
                WAIT);
        assertEquals("welcome", welcome.getString("type"), welcome::toString);
        assertEquals("server3", welcome.getString("server"));
        assertEquals(NICK, again.await("logged in", type("account", "change", "login"), WAIT).getString("account"),
                "the token issued on server2 logs in on server3");
        // The page rejoins its room; whether the session took the room over or the join made it new, the members
        // show the page logged in.
        again.join(ROOM, seen);
        JsonObject members = again.await("members", type("members", "room", ROOM), WAIT);
        assertEquals(NICK, members.getJsonObject("accounts").getString(NICK), members::toString);
        stepPassed(2);
    }
}
