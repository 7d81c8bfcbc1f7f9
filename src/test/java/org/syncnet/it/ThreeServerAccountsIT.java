package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncnet.it.ChatClient.type;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.syncnet.door.irc.sasl.ScramTestClient;
import org.syncnet.testclient.IrcLine;

/**
 * Accounts across the three servers the scripts run (so over the self-signed certificate
 * {@code start_all_servers.sh} makes, and through a whole-cluster restart), in ordered steps: an account registered
 * over IRC on server1 logs in with SASL SCRAM-SHA-256 over TLS on server3 and from a browser on server2; a wrong
 * password is refused and counted on every server; the nick is protected on every server and a guest holding it is
 * renamed; after all three restart, the account and its protection remain.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeServerAccountsIT {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String PASSWORD = "pencil-sharpener";

    @RegisterExtension
    static final ScriptCluster cluster = new ScriptCluster("accounts-it", Map.of(
            "SYNCNET_ACCOUNTS_NICK_GRACE", "2s", "SYNCNET_ACCOUNTS_HASH_ITERATIONS", "4096"))
            .startedWithLeader("server3");
    private static final ClusterViews views = new ClusterViews();

    static int tlsPort(int n) {
        return 6697 + ScriptCluster.OFFSET_BASE + n - 1;
    }

    @Test
    @Order(1)
    void anAccountRegisteredOverIrcIsKnownOnEveryServer() throws Exception {
        try (IrcClient alice = IrcClient.register("alice", ScriptCluster.ircPort(1), WAIT);
             IrcClient asker = IrcClient.register("asker", ScriptCluster.ircPort(3), WAIT)) {
            alice.send("REGISTER * * " + PASSWORD);
            IrcLine done = alice.await("REGISTER's answer", l -> l.command().equals("REGISTER")
                    || l.command().equals("FAIL"), WAIT);
            assertEquals("SUCCESS", done.param(0), done.raw());
            alice.await("900", IrcClient.numeric("900"), WAIT);
            asker.send("WHOIS alice");
            assertEquals("alice", asker.await("330 on server3", IrcClient.numeric("330"), WAIT).param(2));
        }
    }

    @Test
    @Order(2)
    void saslScramOverTlsLogsInOnServer3() throws Exception {
        try (IrcClient c = scramLogin("phone", tlsPort(3))) {
            c.send("WHOIS phone");
            assertEquals("alice", c.await("330 of itself", IrcClient.numeric("330"), WAIT).param(2));
        }
    }

    @Test
    @Order(3)
    void aWrongPasswordIsRefusedAndCountedOnEveryServer() throws Exception {
        try (IrcClient guesser = IrcClient.register("guesser", ScriptCluster.ircPort(2), WAIT)) {
            guesser.send("PRIVMSG NickServ :IDENTIFY alice not-the-password");
            assertEquals("Wrong account or password.", guesser.await("the refusal",
                    IrcClient.command("NOTICE", "NickServ"), WAIT).last());
        }
        views.await("the failed login counted everywhere", WAIT,
                v -> v.getJsonObject("accounts").getInt("failedLogins") >= 1
                        && v.getJsonObject("accounts").getInt("registered") == 1,
                ScriptCluster.httpPort(1), ScriptCluster.httpPort(2), ScriptCluster.httpPort(3));
    }

    @Test
    @Order(4)
    void aBrowserOnServer2LogsInAndMayNotTakeTheNickWithoutIt() throws Exception {
        try (ChatClient page = ChatClient.connect("page@server2", ScriptCluster.httpPort(2), 4);
             ChatClient intruder = ChatClient.connect("intruder@server3", ScriptCluster.httpPort(3), 4)) {
            page.send(hello("alicepage"));
            page.await("welcome", type("welcome", "nick", "alicepage"), WAIT);
            page.send(Json.createObjectBuilder().add("type", "login").add("account", "alice")
                    .add("password", PASSWORD).build());
            assertEquals("alice", page.await("logged in", type("account", "change", "login"), WAIT)
                    .getString("account"));
            intruder.send(hello("ALICE"));
            JsonObject refusal = intruder.await("refusal", type("error"), WAIT);
            assertEquals("NICK_REGISTERED", refusal.getString("code"), refusal::toString);
        }
    }

    @Test
    @Order(5)
    void aGuestHoldingTheNickIsRenamedWhenItsGraceEnds() throws Exception {
        guestIsRenamed(2);
    }

    @Test
    @Order(6)
    void afterAWholeClusterRestartTheAccountAndItsProtectionRemain() throws Exception {
        cluster.must("stop_all_servers.sh");
        cluster.must("start_all_servers.sh");
        ScriptCluster.awaitLeader("server3", Duration.ofSeconds(90), 1, 2, 3);
        try (IrcClient asker = IrcClient.register("asker", ScriptCluster.ircPort(1), WAIT)) {
            asker.send("PRIVMSG NickServ :INFO alice");
            assertEquals("Information on alice:", asker.await("INFO", IrcClient.command("NOTICE", "NickServ"),
                    WAIT).last());
        }
        guestIsRenamed(3);
        scramLogin("again", tlsPort(1)).close();
    }

    /** A client on server {@code n} takes the nick alice without logging in: told, then renamed after the grace. */
    private static void guestIsRenamed(int n) throws Exception {
        try (IrcClient guest = IrcClient.register("alice", ScriptCluster.ircPort(n), WAIT)) {
            assertTrue(guest.await("the grace notice", IrcClient.command("NOTICE", "NickServ"), WAIT).last()
                    .startsWith("alice is registered to an account."));
            IrcLine renamed = guest.await("the rename", IrcClient.command("NICK", "alice"), WAIT);
            assertTrue(renamed.param(0).matches("Guest\\d{5}"), renamed.raw());
        }
    }

    /** Registers as {@code nick} over TLS on {@code port}, logged in to alice with SASL SCRAM-SHA-256 first. */
    private static IrcClient scramLogin(String nick, int port) throws Exception {
        IrcClient c = IrcClient.connectTls(nick, port, clusterTls());
        c.send("CAP LS 302");
        assertTrue(c.await("CAP LS", l -> l.command().equals("CAP"), WAIT).last().contains("sasl="));
        c.send("CAP REQ sasl");
        c.await("ACK", l -> l.command().equals("CAP") && "ACK".equals(l.param(1)), WAIT);
        c.send("NICK " + nick);
        c.send("USER " + nick + " 0 * :" + nick);
        c.send("AUTHENTICATE SCRAM-SHA-256");
        c.await("+", l -> l.command().equals("AUTHENTICATE") && "+".equals(l.param(0)), WAIT);
        ScramTestClient scram = new ScramTestClient("alice", PASSWORD, "nonce-" + nick + "-" + System.nanoTime());
        c.send("AUTHENTICATE " + b64(scram.clientFirst()));
        String serverFirst = unb64(c.await("server-first", l -> l.command().equals("AUTHENTICATE")
                && !"+".equals(l.param(0)), WAIT).param(0));
        c.send("AUTHENTICATE " + b64(scram.clientFinal(serverFirst)));
        String serverFinal = unb64(c.await("server-final", l -> l.command().equals("AUTHENTICATE"), WAIT).param(0));
        assertEquals(scram.expectedServerFinal(), serverFinal, "the server knows the credential");
        c.send("AUTHENTICATE +");
        assertEquals("alice", c.await("900", IrcClient.numeric("900"), WAIT).param(2));
        c.await("903", IrcClient.numeric("903"), WAIT);
        c.send("CAP END");
        c.await("welcome", IrcClient.numeric("001"), WAIT);
        return c;
    }

    /** Trusts the certificate the start script made in the cluster's runtime folder. */
    private static SSLContext clusterTls() throws Exception {
        Path runtime = Path.of("target", "accounts-it");
        char[] password = Files.readString(runtime.resolve("tls-keystore.password")).trim().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(runtime.resolve("tls-keystore.p12"))) {
            store.load(in, password);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static JsonObject hello(String nick) {
        return Json.createObjectBuilder().add("type", "hello").add("nick", nick).add("session", nick + "-session")
                .add("version", 4).build();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }
}
