package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.syncnet.it.ChatClient.type;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chat history on PostgreSQL (issue 5's switch), on one server: arquillian.xml's manual container "postgresql"
 * (port offset 111) starts from the standalone-postgresql.xml that scripts/history_postgresql.sh derives with
 * wildfly-config/history-postgresql.cli, with the database that IT_POSTGRESQL_URL names (IT_POSTGRESQL_USER,
 * IT_POSTGRESQL_PASSWORD; .ci/run creates one on Debian's PostgreSQL). The test drops the history table first, so the
 * table is the one the history creates on PostgreSQL. What is said over WebSocket is paged back through the REST API,
 * every message once and in order, and is in PostgreSQL row by row (read here over JDBC); a burst is persisted with
 * nothing dropped; deployed again, the WAR works on the table it finds. Skipped when IT_POSTGRESQL_URL is not set.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PostgreSqlHistoryIT {
    static final String CONTAINER = "postgresql";
    static final int HTTP = 8080 + 111;
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String ROOM = "#PostgreSQL";
    static final String DB_URL = System.getenv("IT_POSTGRESQL_URL");

    private final HistoryApi history = new HistoryApi(HTTP);

    @ArquillianResource
    ContainerController controller;
    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "war", managed = false, testable = false)
    @TargetsContainer(CONTAINER)
    static WebArchive syncnet() {
        Map<String, String> settings = TestWars.with(SingleServerIT.GOOD, SingleServerIT.MEMBERS,
                "solo@127.0.0.1:8131/0");
        settings = TestWars.with(settings, "syncnet.chat.rate.burst", "100000");
        settings = TestWars.with(settings, "syncnet.chat.rate.per-second", "100000");
        return TestWars.withSettings("syncnet.war", settings, null);
    }

    @Test
    void theHistoryIsWrittenToPostgreSqlAndPagedBack() throws Exception {
        aDatabaseIsThere();
        try (Connection db = connect()) {
            long t0 = System.nanoTime();
            execute(db, "drop table if exists chat_event");
            prepareTheServer();
            long t1 = System.nanoTime();
            controller.start(CONTAINER);
            try {
                deployer.deploy("war");
                long t2 = System.nanoTime();
                theTableIsMadeOnPostgreSql(db);
                aConversationIsPagedBackAndStoredRowByRow(db);
                aBurstIsPersistedWithoutDroppingAnything(db);
                long t3 = System.nanoTime();
                deployer.undeploy("war");
                deployer.deploy("war"); // the log resumes after the stored events
                theWarDeployedAgainWritesToTheTableItFinds(db);
                System.out.printf("RESULT PostgreSqlHistoryIT: switch %.1f s, server start and deployment %.1f s,"
                        + " chat and checks %.1f s, redeployment and checks %.1f s%n", (t1 - t0) / 1e9,
                        (t2 - t1) / 1e9, (t3 - t2) / 1e9, (System.nanoTime() - t3) / 1e9);
            } finally {
                controller.stop(CONTAINER);
            }
        }
    }

    /** The history made the table on PostgreSQL: the payload bytes as bytea, the room index. */
    private static void theTableIsMadeOnPostgreSql(Connection db) throws SQLException {
        List<List<String>> columns = query(db, "select column_name, data_type from information_schema.columns"
                + " where table_name = 'chat_event' and column_name in ('seq', 'epoch', 'payload', 'room_key')"
                + " order by column_name");
        assertEquals(List.of(List.of("epoch", "bigint"), List.of("payload", "bytea"), List.of("room_key",
                "character varying"), List.of("seq", "bigint")), columns);
        assertEquals(List.of(List.of("chat_event_room_seq")), query(db, "select indexname from pg_indexes"
                + " where tablename = 'chat_event' and indexname <> 'chat_event_pkey'"));
    }

    private void aConversationIsPagedBackAndStoredRowByRow(Connection db) throws Exception {
        try (ChatClient alice = ChatClient.connect("alice", HTTP); ChatClient bob = ChatClient.connect("bob", HTTP)) {
            register(alice, "alice", ROOM);
            register(bob, "bob", ROOM.toLowerCase());
            for (int i = 1; i <= 100; i++) {
                alice.say(ROOM, "a-" + i, "alice says " + i + " ü😀 it's \\ \"quoted\"");
                if (i % 4 == 0) {
                    bob.say(ROOM.toLowerCase(), "b-" + i, "bob says " + i + "'); drop table chat_event; --");
                }
            }
            // each client waits on its own frames: bob's confirmations do not wake alice
            bob.awaitMessages("bob's messages confirmed", m -> bob.unconfirmed().isEmpty(), WAIT);
            alice.awaitMessages("every message", m -> alice.unconfirmed().isEmpty()
                    && m.stream().filter(e -> e.getString("room").equalsIgnoreCase(ROOM)).count() == 125, WAIT);
            List<JsonObject> said = alice.messages().stream().filter(m -> m.getString("room").equalsIgnoreCase(ROOM))
                    .toList();
            history.awaitPersisted(said.get(said.size() - 1).getJsonNumber("seq").longValue(), WAIT);

            assertEquals(HistoryApi.withoutIds(said), history.pageBack("%23postgresql", 50, 3),
                    "the room's history through the REST API, in pages of 50");

            List<List<String>> rows = query(db, "select seq, room_key, room, nick, payload from chat_event"
                    + " where room_key = ? order by seq", "#postgresql");
            assertEquals(said.size(), rows.size(), "a row per message");
            for (int i = 0; i < said.size(); i++) {
                JsonObject m = said.get(i);
                List<String> row = rows.get(i);
                assertEquals(List.of("" + m.getJsonNumber("seq").longValue(), "#postgresql", m.getString("room"),
                        m.getString("nick")), row.subList(0, 4), "row " + i);
                assertTrue(row.get(4).contains(m.getString("text")), "the payload holds the text: " + row);
            }
        }
    }

    /** Several connections as fast as one server commits: every event persisted, in PostgreSQL, none dropped. */
    private void aBurstIsPersistedWithoutDroppingAnything(Connection db) throws Exception {
        int senders = 3;
        int perSender = 400;
        List<ChatClient> clients = new ArrayList<>();
        try {
            for (int s = 0; s < senders; s++) {
                ChatClient c = ChatClient.connect("load" + s, HTTP);
                clients.add(c);
                register(c, "load" + s, "#load" + s);
            }
            JsonObject before = history.status();
            long start = System.nanoTime();
            long lastSeq = ChatClient.burst(clients, "#load", perSender,
                    i -> "load message " + i + " " + "x".repeat(100), WAIT);
            long committed = System.nanoTime();
            history.awaitPersisted(lastSeq, WAIT);
            JsonObject after = history.status();
            assertEquals(0, after.getJsonNumber("dropped").longValue(), "nothing dropped: " + after);
            assertEquals(0, after.getJsonNumber("failures").longValue(), after.toString());
            assertEquals(List.of(List.of("" + senders * perSender)), query(db,
                    "select count(*) from chat_event where room_key like '#load%' and nick like 'load%'"));
            long events = after.getJsonNumber("persisted").longValue() - before.getJsonNumber("persisted").longValue();
            long writeMillis = after.getJsonNumber("writeMillis").longValue()
                    - before.getJsonNumber("writeMillis").longValue();
            System.out.printf("RESULT PostgreSQL history burst: %d messages committed in %.2f s; %d events persisted,"
                            + " %d ms inside the database (%.0f events/s of database time)%n", senders * perSender,
                    (committed - start) / 1e9, events, writeMillis, events * 1000.0 / Math.max(1, writeMillis));
        } finally {
            clients.forEach(ChatClient::close);
        }
    }

    /**
     * Deployed again on the existing table (the history's "create if not exists" leaves it as it is), the server goes on
     * from the stored events and writes to the table and reads from it: the room's newest page is the table's newest
     * rows, ending with the new message after those of the first deployment.
     */
    private void theWarDeployedAgainWritesToTheTableItFinds(Connection db) throws Exception {
        try (ChatClient carol = ChatClient.connect("carol", HTTP)) {
            register(carol, "carol", ROOM);
            carol.say(ROOM, "c-1", "carol after the redeployment");
            JsonObject event = carol.await("carol's message back", type("event", "id", "c-1"), WAIT);
            history.awaitPersisted(event.getJsonNumber("seq").longValue(), WAIT);
        }
        List<JsonObject> page = history.page("%23postgresql", "limit=200");
        List<List<String>> rows = query(db, "select seq, nick from chat_event where room_key = ? order by seq",
                "#postgresql");
        List<List<String>> newest = page.stream().map(m -> List.of("" + m.getJsonNumber("seq"), m.getString("nick")))
                .toList();
        assertTrue(rows.size() > 1, "the first deployment's messages stay: " + rows.size());
        assertEquals(rows.subList(rows.size() - newest.size(), rows.size()), newest);
        assertEquals("carol after the redeployment", page.get(page.size() - 1).getString("text"));
        assertEquals(0, history.status().getJsonNumber("failures").longValue(), history.status().toString());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** In the test, not in a @BeforeAll: so that the report counts it as skipped, and the reason is printed. */
    private static void aDatabaseIsThere() {
        if (DB_URL == null || DB_URL.isBlank()) {
            String reason = "skipped: needs a PostgreSQL database named by IT_POSTGRESQL_URL"
                    + " (jdbc:postgresql://host:port/db), IT_POSTGRESQL_USER and IT_POSTGRESQL_PASSWORD; .ci/run creates"
                    + " one on Debian's postgresql. The test empties it.";
            System.out.println("[PostgreSqlHistoryIT] " + reason);
            assumeTrue(false, reason);
        }
    }

    /** Runs the documented switch, as the start scripts do, with the driver this test reads the database with. */
    private static void prepareTheServer() throws Exception {
        Path root = Path.of(System.getProperty("jboss.home")).toAbsolutePath().getParent().getParent();
        Path driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path log = ServerProcesses.baseDir(CONTAINER).resolveSibling("history-postgresql.log");
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder("bash", root.resolve("scripts/history_postgresql.sh").toString(),
                driver.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(3, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done && p.exitValue() == 0, "scripts/history_postgresql.sh failed: " + Files.readString(log));
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(DB_URL, System.getenv("IT_POSTGRESQL_USER"),
                System.getenv("IT_POSTGRESQL_PASSWORD"));
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    /** The rows of a query, every column as text (bytea as UTF-8). */
    private static List<List<String>> query(Connection db, String sql, String... parameters) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                q.setString(i + 1, parameters[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    List<String> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        Object value = r.getObject(c);
                        row.add(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                : String.valueOf(value));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static void register(ChatClient c, String nick, String room) throws InterruptedException {
        c.hello(nick, nick + "-session", 0);
        c.await("welcome", type("welcome", "nick", nick), WAIT);
        c.join(room, 0);
        c.await("members of " + room, type("members"), WAIT);
    }
}
