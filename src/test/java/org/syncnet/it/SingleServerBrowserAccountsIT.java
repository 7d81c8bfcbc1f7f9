package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncnet.it.ChatClient.type;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Accounts through the browser door on one server (container "single"), as a page uses them: a nick registered gets a
 * token; a reconnect presents it and is logged in; a registered nick is refused without it; a logout ends it; wrong
 * passwords are counted in the log, so the next login waits. The registrations and the failed logins come from a
 * loopback address of the test's own ({@link LoopbackChatClient}): the server counts both per address, and the other
 * tests log in from 127.0.0.1. Account names are fresh each run: the log, and its accounts, outlive a redeployment.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SingleServerBrowserAccountsIT {
    static final int HTTP = SingleServerIT.HTTP;
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String PASSWORD = "pencil-sharpener";

    @Deployment(testable = false)
    static WebArchive syncnet() {
        // The cheapest hash the settings allow: the test is about the door, not the hash's cost.
        return TestWars.withSettings("syncnet.war",
                TestWars.with(SingleServerIT.GOOD, "syncnet.accounts.hash-iterations", "4096"), null);
    }

    /** A nick nobody used before: a prefix and five random digits. */
    static String fresh(String prefix) {
        return prefix + ThreadLocalRandom.current().nextInt(10_000, 100_000);
    }

    /** A loopback address of this run's own, away from 127.0.0.1. */
    static String ownAddress() {
        return "127.0.0." + ThreadLocalRandom.current().nextInt(2, 255);
    }

    static JsonObjectBuilder hello(String nick, String session) {
        return Json.createObjectBuilder().add("type", "hello").add("nick", nick).add("session", session)
                .add("version", 4);
    }

    static Predicate<JsonObject> error(String code) {
        return type("error", "code", code);
    }

    static Predicate<JsonObject> welcomeOrError() {
        return f -> type("welcome").test(f) || type("error").test(f);
    }

    /**
     * Registers {@code nick} from {@code address} as a page does (hello with its session key, then register); returns
     * the token. The connection then closes: a page that comes back resumes with the same session key.
     */
    static String register(String address, int port, String nick, String sessionKey) throws Exception {
        try (LoopbackChatClient c = new LoopbackChatClient(address, port)) {
            c.send(hello(nick, sessionKey).build());
            c.next("welcome", type("welcome", "nick", nick), WAIT);
            c.send(Json.createObjectBuilder().add("type", "register").add("password", PASSWORD)
                    .add("email", nick + "@example.org").build());
            assertEquals(nick, c.next("registered", type("account", "change", "register"), WAIT).getString("account"));
            JsonObject session = c.next("token", type("account", "change", "session"), WAIT);
            assertEquals(nick, session.getString("account"));
            return session.getString("token");
        }
    }

    @Test
    void aTokenLogsTheBrowserInAgainUntilItLogsOut() throws Exception {
        String nick = fresh("ann");
        String session = fresh("s");
        String token = register(ownAddress(), HTTP, nick, session);

        // The page reconnects (reload, failover) and presents its token: logged in, as the nick's owner.
        try (ChatClient page = ChatClient.connect("page", HTTP, 4)) {
            page.send(hello(nick, session).add("token", token).build());
            JsonObject first = page.await("welcome or refusal", welcomeOrError(), WAIT);
            assertEquals("welcome", first.getString("type"), first::toString);
            assertEquals(nick, page.await("logged in", type("account", "change", "login"), WAIT).getString("account"));
            assertFalse(page.frames().stream().anyMatch(f -> f.containsKey("token")), "no new token: it has one");

            // Someone else, without the token or the password, may not use the nick.
            try (ChatClient other = ChatClient.connect("other", HTTP, 4)) {
                other.send(hello(nick, fresh("s")).build());
                JsonObject refusal = other.await("refusal", type("error"), WAIT);
                assertEquals("NICK_REGISTERED", refusal.getString("code"));
                assertEquals(nick, refusal.getString("nick"));
                assertFalse(other.frames().stream().anyMatch(type("welcome")));
            }

            page.send(Json.createObjectBuilder().add("type", "logout").build());
            assertEquals("", page.await("logged out", type("account", "change", "logout"), WAIT).getString("account"));
        }

        // The logout ended the token: a hello with it is refused and claims nothing, even of a free nick.
        try (ChatClient late = ChatClient.connect("late", HTTP, 4)) {
            String free = fresh("zed");
            late.send(hello(free, fresh("s")).add("token", token).build());
            JsonObject refusal = late.await("refusal", welcomeOrError(), WAIT);
            assertEquals("LOGIN_FAILED", refusal.getString("code"), refusal::toString);
            assertTrue(refusal.getString("message").contains("ended"), refusal::toString);
            late.send(hello(free, fresh("s")).build());
            late.await("welcome without it", type("welcome", "nick", free), WAIT);
        }
    }

    @Test
    void wrongPasswordsAreCountedSoTheNextLoginWaits() throws Exception {
        String address = ownAddress();
        String nick = fresh("bea");
        register(address, HTTP, nick, fresh("s"));
        try (LoopbackChatClient guesser = new LoopbackChatClient(address, HTTP)) {
            for (int i = 0; i < 3; i++) {
                guesser.send(hello(nick, "guess").add("password", "not-the-password-" + i).build());
                JsonObject refusal = guesser.next("refusal " + i, error("LOGIN_FAILED"), WAIT);
                assertEquals("wrong account or password", refusal.getString("message"));
            }
            // Three failures in the log: the account waits, the right password too.
            guesser.send(hello(nick, "guess").add("password", PASSWORD).build());
            JsonObject throttled = guesser.next("throttled", welcomeOrError(), WAIT);
            assertEquals("LOGIN_THROTTLED", throttled.getString("code"), throttled::toString);
            assertTrue(throttled.getString("message").matches("too many failed logins: try again in \\d+ s"),
                    throttled::toString);

            // Once the wait is over (a second after the third failure), the right password logs in.
            long deadline = System.nanoTime() + WAIT.toNanos();
            JsonObject answer = throttled;
            while (answer.getString("type").equals("error") && System.nanoTime() < deadline) {
                assertEquals("LOGIN_THROTTLED", answer.getString("code"), answer::toString);
                Thread.sleep(250);  // polling the wait, which the server sets, not a guess at it
                guesser.send(hello(nick, "guess").add("password", PASSWORD).build());
                answer = guesser.next("welcome or refusal", welcomeOrError(), WAIT);
            }
            assertEquals("welcome", answer.getString("type"), answer::toString);
            guesser.next("logged in", type("account", "change", "login"), WAIT);
        }
    }
}
