package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.syncnet.it.ChatClient.presence;
import static org.syncnet.it.ChatClient.type;
import static org.syncnet.it.IrcClient.command;
import static org.syncnet.it.IrcClient.message;
import static org.syncnet.it.IrcClient.numeric;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.syncnet.testclient.IrcLine;

/**
 * The IRC door on three managed WildFly servers (IRC ports 8100-8102: each member's UDP port − 20), with IRC users
 * and a browser user in one chat. One scenario in ordered steps; a step whose predecessor failed is skipped:
 * <ol>
 * <li>IRC users on server1 and server2 and a WebSocket user on server3 share #lobby: NAMES and the members frame
 * list everyone, messages go every way with full {@code nick!user@host} prefixes and no echo to the sender,
 * private messages cross servers, NOTICE stays a notice, TOPIC is seen by all, WHOIS finds the browser user; a
 * channel operator on server1 moderates, bans and kicks a user on server2, who is held to it;</li>
 * <li>a nick claimed over IRC on two servers at once: one gets 001, the other 433 and registers with another nick;</li>
 * <li>PART, QUIT and a dropped connection are seen by everyone;</li>
 * <li>an operator on server1 sets +m, bans and kicks a user of server3, and every server enforces it;</li>
 * <li>a server is killed mid-chat: its IRC user is seen to quit, reconnects to another server's port with the
 * same nick and carries on;</li>
 * <li>a real third-party client, suckless {@code ii} (Debian package ii, installed by .ci/run), joins and talks,
 * creates a room, is its operator, sets modes and kicks.</li>
 * </ol>
 */
class ThreeServerIrcIT extends ThreeServerCluster {
    static final String LOBBY = "#lobby";
    static final int IRC1 = 8000 + 100;
    static final int IRC2 = 8000 + 101;
    static final int IRC3 = 8000 + 102;
    static final Duration WAIT = Duration.ofSeconds(20);
    /** IRC users connect from 127.0.0.1 and give no ident: their user name is marked with '~'. */
    static final String HOST = "127.0.0.1";

    private static final Map<String, IrcClient> irc = new HashMap<>();
    private static ChatClient carol;

    @Override
    int lastStep() {
        return 6;
    }

    @Override
    void scenarioOver() {
        irc.values().forEach(IrcClient::close);
        irc.clear();
        if (carol != null) {
            carol.close();
            carol = null;
        }
    }

    @Test
    @Order(1)
    void ircAndBrowserUsersShareOneChatAcrossServers() throws Exception {
        requireStepsPassed(0);
        startAllWithServer3Leading();

        IrcClient alice = register("alice", IRC1);
        IrcClient bob = register("bob", IRC2);
        IrcLine joined = join(alice);
        assertEquals("alice!~alice@" + HOST, joined.prefix());
        join(bob);
        alice.await("bob's join", command("JOIN", "bob"), WAIT);

        carol = ChatClient.connect("carol@server3", HTTP3);
        carol.hello("carol", "carol-session", 0);
        carol.await("welcome", type("welcome", "nick", "carol"), WAIT);
        carol.join(LOBBY, 0);
        JsonObject members = carol.await("members", type("members", "room", LOBBY), WAIT);
        assertEquals(List.of("alice", "bob", "carol"), members.getJsonArray("nicks").getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).toList(), "the browser lists the IRC users");
        IrcLine carolJoins = alice.await("carol's join", command("JOIN", "carol"), WAIT);
        assertEquals("carol!web@server3", carolJoins.prefix(), "a browser user as IRC sees her");

        alice.send("NAMES " + LOBBY);
        IrcLine names = alice.await("NAMES", numeric("353"), WAIT);
        assertEquals(LOBBY, names.param(2));
        assertEquals(List.of("@alice", "bob", "carol"), Arrays.asList(names.last().split(" ")),
                "NAMES lists everyone across the cluster, browser users included; the first joiner is operator");
        alice.await("end of NAMES", numeric("366"), WAIT);

        alice.send("PRIVMSG " + LOBBY + " :hello from server1");
        IrcLine hello = bob.await("alice's message", message("alice", LOBBY, "hello from server1"), WAIT);
        assertEquals("alice!~alice@" + HOST, hello.prefix());
        carol.await("alice's message in the browser", type("event", "text", "hello from server1")
                .and(f -> f.getString("nick").equals("alice")), WAIT);

        carol.say(LOBBY, "c-1", "hello from the browser");
        for (IrcClient c : List.of(alice, bob)) {
            IrcLine fromCarol = c.await("carol's message", message("carol", LOBBY, "hello from the browser"), WAIT);
            assertEquals("carol!web@server3", fromCarol.prefix());
        }
        assertFalse(alice.has(command("PRIVMSG", "alice")), "a client's own PRIVMSG is not echoed back to it");

        bob.send("PRIVMSG alice :psst, from server2");
        alice.await("bob's private message", message("bob", "alice", "psst, from server2"), WAIT);
        alice.send("PRIVMSG carol :hi carol, from IRC");
        carol.await("alice's private message", type("private", "text", "hi carol, from IRC")
                .and(f -> f.getString("from").equals("alice")), WAIT);
        bob.send("NOTICE " + LOBBY + " :a notice");
        alice.await("bob's notice", l -> "NOTICE".equals(l.command()) && "bob".equals(l.nick())
                && "a notice".equals(l.last()), WAIT);

        alice.send("TOPIC " + LOBBY + " :IRC meets the browser");
        bob.await("the topic", l -> "TOPIC".equals(l.command()) && "IRC meets the browser".equals(l.last()), WAIT);
        carol.await("the topic in the browser", type("topic", "topic", "IRC meets the browser"), WAIT);

        alice.send("WHOIS carol");
        IrcLine whois = alice.await("WHOIS of a browser user", numeric("311"), WAIT);
        assertEquals(List.of("carol", "web", "server3"), whois.params().subList(1, 4));
        alice.await("end of WHOIS", numeric("318"), WAIT);

        // Operators, modes, bans and kicks are chat state: alice (server1) rules #ops, bob (server2) is held to it.
        alice.send("JOIN #ops");
        alice.await("the own join of #ops", l -> "JOIN".equals(l.command()) && "#ops".equals(l.param(0)), WAIT);
        bob.send("JOIN #ops");
        alice.await("bob in #ops", l -> "JOIN".equals(l.command()) && "bob".equals(l.nick())
                && "#ops".equals(l.param(0)), WAIT);
        alice.send("MODE #ops +mb bob");
        assertEquals(List.of("#ops", "+mb", "bob!*@*"), bob.await("alice's MODE", command("MODE", "alice"), WAIT)
                .params());
        bob.send("PRIVMSG #ops :let me speak");
        assertEquals("#ops", bob.await("404 under +m", numeric("404"), WAIT).param(1));
        alice.send("KICK #ops bob :out");
        assertEquals(List.of("#ops", "bob", "out"), bob.await("the KICK", command("KICK", "alice"), WAIT).params());
        bob.send("JOIN #ops");
        assertEquals("#ops", bob.await("474: banned", numeric("474"), WAIT).param(1));
        stepPassed(1);
    }

    @Test
    @Order(2)
    void aNickClaimedOnTwoServersAtOnceHasOneWinner() throws Exception {
        requireStepsPassed(1);
        try (IrcClient one = IrcClient.connect("zed@server1", IRC1);
             IrcClient three = IrcClient.connect("zed@server3", IRC3)) {
            for (IrcClient c : List.of(one, three)) {
                c.send("NICK zed");
                c.send("USER zed 0 * :Zed");
            }
            IrcLine a = one.await("001 or 433", numeric("001").or(numeric("433")), WAIT);
            IrcLine b = three.await("001 or 433", numeric("001").or(numeric("433")), WAIT);
            assertEquals(List.of("001", "433"), List.of(a.command(), b.command()).stream().sorted().toList(),
                    "one winner: " + a.raw() + " / " + b.raw());
            IrcClient loser = a.command().equals("433") ? one : three;
            IrcLine refusal = a.command().equals("433") ? a : b;
            assertEquals(List.of("*", "zed"), refusal.params().subList(0, 2), "433 before registration");
            loser.send("NICK zed2");
            IrcLine welcome = loser.await("welcome as zed2", numeric("001"), WAIT);
            assertEquals("zed2", welcome.param(0));
        }
        stepPassed(2);
    }

    @Test
    @Order(3)
    void partsQuitsAndDroppedConnectionsAreSeenByEveryone() throws Exception {
        requireStepsPassed(2);
        IrcClient alice = irc.get("alice");
        IrcClient bob = irc.get("bob");
        bob.send("PART " + LOBBY + " :back soon");
        IrcLine part = alice.await("bob's part", command("PART", "bob"), WAIT);
        assertEquals(List.of(LOBBY, "back soon"), part.params());
        carol.await("bob's part in the browser", presence("bob", "part"), WAIT);
        join(bob);
        alice.await("bob back", command("JOIN", "bob"), WAIT);

        IrcClient dave = register("dave", IRC3);
        join(dave);
        alice.await("dave's join", command("JOIN", "dave"), WAIT);
        dave.close();  // no QUIT: the connection just drops
        irc.remove("dave");
        alice.await("dave's quit", command("QUIT", "dave"), WAIT);
        carol.await("dave's quit in the browser", presence("dave", "quit"), WAIT);

        bob.send("QUIT :see you");
        IrcLine error = bob.await("ERROR before the close", l -> "ERROR".equals(l.command()), WAIT);
        assertTrue(error.last().contains("see you"), error.raw());
        bob.closed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        irc.remove("bob");
        IrcLine quit = alice.await("bob's quit", command("QUIT", "bob"), WAIT);
        assertEquals("Quit: see you", quit.last());
        stepPassed(3);
    }

    /**
     * An operator on server1 moderates a room with users on server2 and server3: +m, a ban and a kick hold on every
     * server, because they are chat state in the log.
     */
    @Test
    @Order(4)
    void anOperatorOnOneServerModeratesUsersOnTheOthers() throws Exception {
        requireStepsPassed(3);
        String room = "#moderated";
        IrcClient alice = irc.get("alice");
        IrcClient frank = register("frank", IRC2);
        IrcClient dave = register("dave", IRC3);
        alice.send("JOIN " + room);
        IrcLine names = alice.await("alice's NAMES", l -> "353".equals(l.command()) && room.equals(l.param(2)), WAIT);
        assertEquals("@alice", names.last(), "the first member is operator");
        for (IrcClient c : List.of(frank, dave)) {
            c.send("JOIN " + room);
            alice.await("a join", l -> "JOIN".equals(l.command()) && room.equals(l.param(0)) && !"alice".equals(l.nick()),
                    WAIT);
        }
        alice.send("MODE " + room + " +m");
        for (IrcClient c : List.of(alice, frank, dave)) {
            IrcLine mode = c.await("+m", inRoom("MODE", "alice", room), WAIT);
            assertEquals(List.of(room, "+m"), mode.params());
        }
        dave.send("PRIVMSG " + room + " :may I speak?");
        assertEquals(room, dave.await("404 under +m", numeric("404"), WAIT).param(1));

        alice.send("MODE " + room + " +b dave!*@*");
        alice.send("KICK " + room + " dave :behave");
        for (IrcClient c : List.of(alice, frank, dave)) {
            assertEquals(List.of(room, "+b", "dave!*@*"), c.await("the ban", inRoom("MODE", "alice", room), WAIT).params());
            IrcLine kick = c.await("the kick", inRoom("KICK", "alice", room), WAIT);
            assertEquals(List.of(room, "dave", "behave"), kick.params());
        }
        dave.send("JOIN " + room);
        assertEquals(room, dave.await("474 for the banned", numeric("474"), WAIT).param(1));
        for (IrcClient c : List.of(frank, dave)) {  // server2 and server3 answer from their own copy of the state
            c.send("MODE " + room);
            assertTrue(c.await("324", numeric("324"), WAIT).param(2).contains("m"));
            c.send("MODE " + room + " b");
            assertEquals("dave!*@*", c.await("the ban list", numeric("367"), WAIT).param(2));
            c.await("its end", numeric("368"), WAIT);
        }
        frank.send("NAMES " + room);
        assertEquals("@alice frank", frank.await("NAMES on server2", numeric("353"), WAIT).last());

        alice.send("MODE " + room + " -b+v dave!*@* frank");
        frank.await("the unban and voice", inRoom("MODE", "alice", room), WAIT);
        frank.send("PRIVMSG " + room + " :voiced, so heard");
        alice.await("frank speaks under +m", message("frank", room, "voiced, so heard"), WAIT);
        dave.send("JOIN " + room);
        alice.await("dave back after the unban", inRoom("JOIN", "dave", room), WAIT);
        stepPassed(4);
    }

    @Test
    @Order(5)
    void anIrcUserWhoseServerDiesReconnectsElsewhere() throws Exception {
        requireStepsPassed(4);
        IrcClient alice = irc.get("alice");
        IrcClient erin = register("erin", IRC2);
        join(erin);
        alice.await("erin's join", command("JOIN", "erin"), WAIT);
        erin.send("PRIVMSG " + LOBBY + " :before the crash");
        alice.await("erin before the crash", message("erin", LOBBY, "before the crash"), WAIT);

        killJvm("server2");
        erin.closed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        IrcLine quit = alice.await("erin's quit once server2's failure is detected", command("QUIT", "erin"),
                Duration.ofSeconds(30));
        assertEquals("server2 failed", quit.last());
        carol.await("erin's quit in the browser", presence("erin", "quit"), WAIT);

        IrcClient back = register("erin", IRC1);
        join(back);
        alice.await("erin's join on server1", command("JOIN", "erin"), WAIT);
        back.send("PRIVMSG " + LOBBY + " :after the crash, from server1");
        alice.await("erin after the crash", message("erin", LOBBY, "after the crash, from server1"), WAIT);
        carol.await("erin in the browser", type("event", "text", "after the crash, from server1"), WAIT);
        stepPassed(5);
    }

    @Test
    @Order(6)
    void theThirdPartyClientIiChats() throws Exception {
        requireStepsPassed(5);
        Path ii = Path.of("/usr/bin/ii");
        assumeTrue(Files.isExecutable(ii), "ii is not installed (Debian package ii; .ci/run installs it)");
        IrcClient alice = irc.get("alice");
        Path dir = Files.createTempDirectory("syncnet-ii");
        Process p = new ProcessBuilder(ii.toString(), "-s", "127.0.0.1", "-p", String.valueOf(IRC3), "-n", "iiuser",
                "-i", dir.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("ii.log").toFile()).start();
        try {
            Path server = dir.resolve("127.0.0.1");
            write(awaitFile(server.resolve("in")), "/j " + LOBBY);
            alice.await("ii's join", command("JOIN", "iiuser"), WAIT);
            Path channel = server.resolve(LOBBY);
            write(awaitFile(channel.resolve("in")), "hello from ii");
            IrcLine fromIi = alice.await("ii's message", message("iiuser", LOBBY, "hello from ii"), WAIT);
            assertTrue(fromIi.prefix().startsWith("iiuser!~"), fromIi.prefix());
            alice.send("PRIVMSG " + LOBBY + " :hello ii, from alice");
            awaitLine(channel.resolve("out"), "<alice> hello ii, from alice");

            // ii creates a room, is its operator, sets modes and kicks (ii sends unknown /commands raw)
            String room = "#ii-ops";
            write(server.resolve("in"), "/j " + room);
            // ii makes the room's files at once; its join is in the order only once the server echoes it
            awaitLine(server.resolve(room).resolve("out"), "has joined " + room);
            alice.send("JOIN " + room);
            IrcLine names = alice.await("NAMES of ii's room", l -> "353".equals(l.command()) && room.equals(l.param(2)),
                    WAIT);
            assertEquals("@iiuser alice", names.last());
            write(server.resolve("in"), "/MODE " + room + " +mv alice");
            assertEquals(List.of(room, "+mv", "alice"), alice.await("ii's modes", command("MODE", "iiuser"), WAIT)
                    .params());
            write(server.resolve("in"), "/KICK " + room + " alice :ii says bye");
            assertEquals(List.of(room, "alice", "ii says bye"), alice.await("ii's kick", command("KICK", "iiuser"),
                    WAIT).params());
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            deleteTree(dir);
        }
        stepPassed(6);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static IrcClient register(String nick, int port) throws Exception {
        IrcClient c = IrcClient.register(nick, port, WAIT);
        irc.put(nick, c);
        return c;
    }

    /** Joins the lobby and takes the client's own JOIN, the NAMES list and its end; returns the JOIN. */
    private static IrcLine join(IrcClient c) throws InterruptedException {
        c.send("JOIN " + LOBBY);
        IrcLine joined = c.await("the own join", l -> "JOIN".equals(l.command()) && LOBBY.equals(l.param(0)), WAIT);
        c.await("NAMES on joining", numeric("353"), WAIT);
        c.await("end of NAMES", numeric("366"), WAIT);
        return joined;
    }

    /** A command from {@code nick} about {@code room} (its first parameter). */
    private static java.util.function.Predicate<IrcLine> inRoom(String command, String nick, String room) {
        return command(command, nick).and(l -> room.equals(l.param(0)));
    }

    /** ii makes its FIFOs and files as it goes: wait for one to appear. */
    private static Path awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("ii made no " + file + " within " + WAIT.toMillis() + " ms");
            }
            TimeUnit.MILLISECONDS.sleep(50);  // polling a file system path: no event to wait for
        }
        return file;
    }

    private static void awaitLine(Path file, String part) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file) || Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .noneMatch(l -> l.contains(part))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line with '" + part + "' in " + file + " within " + WAIT.toMillis()
                        + " ms: " + (Files.exists(file) ? Files.readAllLines(file) : "no file"));
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** A line to one of ii's FIFOs (opening blocks until ii reads it, which it does all the time). */
    private static void write(Path fifo, String line) throws IOException {
        try (OutputStream out = Files.newOutputStream(fifo)) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        List<Path> all = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(all.get(i));
        }
    }

    static {
        // Keeps Json referenced for readers who add frames here; ChatClient builds the frames.
        Json.createObjectBuilder();
    }
}
