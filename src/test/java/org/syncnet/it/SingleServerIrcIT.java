package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncnet.it.IrcClient.message;
import static org.syncnet.it.IrcClient.numeric;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncnet.door.irc.IrcOperators;
import org.syncnet.door.irc.OperPassword;
import org.syncnet.testclient.IrcLine;

/**
 * The IRC door's defences on one server (IRC port 8110: its UDP port 8130 − 20): bad lines get their numeric and the
 * connection goes on; binary data, a flood, a client that does not answer PING and one connection too many get an
 * ERROR and are disconnected — and none of it touches the other clients. A client that joins a room gets its last
 * lines, tagged with their times if it asked for {@code server-time}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleServerIrcIT {
    static final int IRC = 8000 + 110;
    static final Duration WAIT = Duration.ofSeconds(20);
    static final int MAX_CONNECTIONS = 6;
    static final int JOIN_HISTORY_LINES = 3;
    static final String OPER_PASSWORD = "letmein";
    private static final Pattern SERVER_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    @Deployment(testable = false)
    static WebArchive syncnet() {
        Map<String, String> settings = TestWars.with(SingleServerIT.GOOD, "syncnet.irc.max-connections",
                "" + MAX_CONNECTIONS);
        settings = TestWars.with(settings, "syncnet.irc.ping-idle", "2s");
        settings = TestWars.with(settings, "syncnet.irc.join-history-lines", "" + JOIN_HISTORY_LINES);
        settings = TestWars.with(settings, IrcOperators.SETTING, "admin=" + OperPassword.hash(
                OPER_PASSWORD.toCharArray(), OperPassword.MIN_ITERATIONS));
        return TestWars.withSettings("syncnet.war", settings, null);
    }

    @Test
    void badLinesGetTheirNumericAndTheConnectionGoesOn() throws Exception {
        try (IrcClient c = IrcClient.connect("probe", IRC)) {
            c.send("JOIN #early");
            assertEquals("*", c.await("451 before registration", numeric("451"), WAIT).param(0));
            c.send("NICK 9lives");
            c.await("432 for a bad nick", numeric("432"), WAIT);
            c.send("NICK probe");
            c.send("USER probe 0 * :Probe");
            c.await("welcome", numeric("001"), WAIT);
            c.send("DANCE wildly");
            assertEquals("DANCE", c.await("421 for an unknown command", numeric("421"), WAIT).param(1));
            c.send("!!! garbage ###");
            c.await("421 for garbage", numeric("421"), WAIT);
            c.send("PRIVMSG #lobby :" + "x".repeat(600));
            c.await("417 for an overlong line", numeric("417"), WAIT);
            c.send("PRIVMSG");
            c.await("411 without a recipient", numeric("411").or(numeric("461")), WAIT);
            c.send("PRIVMSG #nowhere :hello?");
            c.await("404 or 403 for a room it is not in", numeric("404").or(numeric("403")), WAIT);
            c.send("JOIN nochannel");
            c.await("403 for a bad room name", numeric("403").or(numeric("479")), WAIT);
            c.send("USER again 0 * :Again");
            c.await("462 for a second USER", numeric("462"), WAIT);
            c.send("PING :still-here");
            IrcLine pong = c.await("PONG: the connection goes on", l -> "PONG".equals(l.command()), WAIT);
            assertEquals("still-here", pong.last());
        }
    }

    /**
     * Commands written at once are answered in the order they were sent, whether the door answers them itself (PONG,
     * NAMES, MODE) or the log does (JOIN, TOPIC, AWAY, PART, a refused message): a PING after a command is a barrier.
     */
    @Test
    void pipelinedCommandsAreAnsweredInTheOrderSent() throws Exception {
        try (IrcClient c = IrcClient.connect("piper", IRC)) {
            c.sendBytes(String.join("\r\n", "NICK piper", "USER piper 0 * :Pipe Line", "JOIN #pipe", "PING :1",
                    "TOPIC #pipe :pipes", "PING :2", "NAMES #pipe", "PING :3", "AWAY :gone", "PING :4", "MODE #pipe",
                    "PING :5", "PART #pipe", "PING :6", "PRIVMSG #pipe :after the part", "PING :7", "QUIT :done", "")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            c.await("ERROR after QUIT", l -> "ERROR".equals(l.command()), WAIT);
            List<String> order = new ArrayList<>();
            for (String raw : c.rawLines()) {
                IrcLine l = IrcLine.parse(raw);
                String what = l.command().equals("PONG") ? "PONG " + l.last() : l.command();
                if (List.of("001", "JOIN", "366", "TOPIC", "306", "324", "PART", "404").contains(what)
                        || what.startsWith("PONG")) {
                    order.add(what);
                }
            }
            assertEquals(List.of("001", "JOIN", "366", "PONG 1", "TOPIC", "PONG 2", "366", "PONG 3", "306", "PONG 4",
                    "324", "PONG 5", "PART", "PONG 6", "404", "PONG 7"), order);
        }
    }

    /**
     * The commands and numerics of channel and server operators and the queries, each through a real socket, as
     * modern.ircdocs.horse lays them out.
     */
    @Test
    void commandsAndNumericsThroughARealSocket() throws Exception {
        try (IrcClient op = IrcClient.register("opal", IRC, WAIT, "multi-prefix", "invite-notify");
             IrcClient rex = IrcClient.register("rex", IRC, WAIT)) {
            op.send("TIME");
            IrcLine time = op.await("391", numeric("391"), WAIT);
            assertEquals("solo.syncnet", time.param(1));
            assertTrue(Pattern.matches("\\d+", time.param(2)), time.raw());
            op.send("INFO");
            op.await("371", numeric("371"), WAIT);
            op.await("374", numeric("374"), WAIT);
            op.send("LUSERS");
            for (String code : List.of("251", "254", "255", "265", "266")) {
                op.await(code, numeric(code), WAIT);
            }
            op.send("WHOWAS nobody");
            op.await("406", numeric("406"), WAIT);
            op.await("369", numeric("369"), WAIT);

            op.send("JOIN #conf");
            assertEquals("@opal", op.await("NAMES", numeric("353"), WAIT).last(), "the first member is operator");
            rex.send("JOIN #conf");
            op.await("rex joins", IrcClient.command("JOIN", "rex"), WAIT);
            op.send("MODE #conf");
            assertEquals("+nt", op.await("324", numeric("324"), WAIT).param(2));
            assertTrue(Pattern.matches("\\d+", op.await("329 after 324", numeric("329"), WAIT).param(2)));
            for (String[] list : new String[][] {{"b", "bad!*@*", "367", "368"}, {"e", "good!*@*", "348", "349"},
                    {"I", "friend!*@*", "346", "347"}}) {
                op.send("MODE #conf +" + list[0] + " " + list[1]);
                op.send("MODE #conf " + list[0]);
                IrcLine entry = op.await(list[2], numeric(list[2]), WAIT);
                assertEquals(List.of("#conf", list[1], "opal!~opal@127.0.0.1"), entry.params().subList(1, 4));
                op.await(list[3], numeric(list[3]), WAIT);
            }
            op.send("MODE #conf +Z");
            assertEquals("Z", op.await("472", numeric("472"), WAIT).param(1));
            op.send("KICK #conf");
            op.await("461", numeric("461"), WAIT);
            rex.send("MODE #conf +m");
            rex.await("482 for a mode", numeric("482"), WAIT);
            rex.send("TOPIC #conf :mine");
            rex.await("482 for the topic under +t", numeric("482"), WAIT);
            op.send("JOIN #other");
            op.await("own join", l -> "JOIN".equals(l.command()) && "#other".equals(l.param(0)), WAIT);
            rex.send("PART #other");
            rex.await("442", numeric("442"), WAIT);
            op.send("INVITE rex #other");
            assertEquals(List.of("rex", "#other"), op.await("341", numeric("341"), WAIT).params().subList(1, 3));
            assertEquals(List.of("rex", "#other"), rex.await("the INVITE", IrcClient.command("INVITE", "opal"), WAIT)
                    .params());
            op.send("INVITE rex #conf");
            op.await("443", numeric("443"), WAIT);

            op.send("MODE #conf +vv opal rex");
            op.await("+vv", IrcClient.command("MODE", "opal"), WAIT);
            op.send("NAMES #conf");
            assertEquals("@+opal +rex", op.await("NAMES with multi-prefix",
                    l -> "353".equals(l.command()) && "#conf".equals(l.param(2)), WAIT).last());
            op.send("WHO #conf");
            assertEquals("H@+", op.await("352", numeric("352"), WAIT).param(6));
            op.await("315", numeric("315"), WAIT);
            rex.send("WHOIS opal");
            rex.await("311", numeric("311"), WAIT);
            assertTrue(rex.await("319", numeric("319"), WAIT).last().contains("@#conf"));
            rex.await("312", numeric("312"), WAIT);
            rex.await("318", numeric("318"), WAIT);

            // the ban list holds 50: 1 + 13 × 4 is over
            for (int i = 0; i < 13; i++) {
                op.send("MODE #conf +bbbb x" + i + "a x" + i + "b x" + i + "c x" + i + "d");
            }
            assertEquals("b", op.await("478", numeric("478"), Duration.ofSeconds(30)).param(2));

            op.send("OPER admin wrong");
            op.await("464", numeric("464"), WAIT);
            op.send("OPER nobody " + OPER_PASSWORD);
            op.await("491", numeric("491"), WAIT);
            op.send("OPER admin " + OPER_PASSWORD);
            op.await("381", numeric("381"), WAIT);
            rex.send("MODE rex +w");
            rex.await("+w", IrcClient.command("MODE", "rex"), WAIT);
            op.send("WALLOPS :maintenance at noon");
            assertEquals("maintenance at noon", rex.await("WALLOPS", IrcClient.command("WALLOPS", "opal"), WAIT)
                    .last());
            op.send("KILL rex :enough");
            rex.closed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals("Killed (opal (enough))", op.await("rex's quit", IrcClient.command("QUIT", "rex"), WAIT)
                    .last());
            op.send("WHOWAS rex");
            assertEquals("rex", op.await("314", numeric("314"), WAIT).param(1));
            op.await("312", numeric("312"), WAIT);
            op.await("369", numeric("369"), WAIT);
        }
        try (IrcClient anonymous = IrcClient.connect("anonymous", IRC)) {
            anonymous.send("NICK anonymous");
            anonymous.send("USER anonymous 0 * :");
            assertEquals("USER", anonymous.await("461 for an empty real name", numeric("461"), WAIT).param(1));
        }
    }

    @Test
    void binaryDataIsAnErrorForThatConnectionOnly() throws Exception {
        try (IrcClient bystander = IrcClient.register("calm", IRC, WAIT);
             IrcClient tls = IrcClient.connect("tls", IRC)) {
            // The start of a TLS ClientHello, as a client configured for TLS sends to a plain port.
            tls.sendBytes(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03, 0x0a});
            IrcLine error = tls.await("ERROR", l -> "ERROR".equals(l.command()), WAIT);
            assertTrue(error.last().contains("Binary"), error.raw());
            tls.closed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            bystander.send("PING :ok");
            bystander.await("PONG", l -> "PONG".equals(l.command()), WAIT);
        }
    }

    @Test
    void aFloodIsCutOffWithoutHoldingUpTheRoom() throws Exception {
        try (IrcClient listener = IrcClient.register("listener", IRC, WAIT);
             IrcClient flooder = IrcClient.register("flooder", IRC, WAIT)) {
            listener.send("JOIN #flood");
            listener.await("the own join", IrcClient.command("JOIN", "listener"), WAIT);
            flooder.send("JOIN #flood");
            listener.await("the flooder's join", IrcClient.command("JOIN", "flooder"), WAIT);
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                burst.append("PRIVMSG #flood :flood line ").append(i).append(' ').append("y".repeat(60)).append("\r\n");
            }
            flooder.sendBytes(burst.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            IrcLine error = flooder.await("ERROR", l -> "ERROR".equals(l.command()), WAIT);
            assertTrue(error.last().contains("Excess Flood"), error.raw());
            flooder.closed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            IrcLine quit = listener.await("the flooder's quit", IrcClient.command("QUIT", "flooder"), WAIT);
            assertEquals("Excess Flood", quit.last());
            long admitted = listener.rawLines().stream().filter(l -> l.contains("flood line")).count();
            assertTrue(admitted >= 1 && admitted <= 25, "the penalty clock lets a burst (20) through, then holds: "
                    + admitted);
            listener.send("PRIVMSG #flood :calm again");
            listener.send("PING :ok");
            listener.await("PONG", l -> "PONG".equals(l.command()), WAIT);
        }
    }

    @Test
    void aClientThatDoesNotAnswerPingIsDisconnected() throws Exception {
        try (IrcClient alive = IrcClient.register("alive", IRC, WAIT);
             IrcClient silent = IrcClient.register("silent", IRC, WAIT)) {
            silent.ignorePings();
            silent.await("a PING after 2 s idle", l -> "PING".equals(l.command()), WAIT);
            IrcLine error = silent.await("ERROR", l -> "ERROR".equals(l.command()), WAIT);
            assertTrue(error.last().contains("Ping timeout: 2 seconds"), error.raw());
            silent.closed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            alive.send("PING :ok");
            alive.await("PONG: the one that answers stays", l -> "PONG".equals(l.command()), WAIT);
        }
    }

    @Test
    @Order(1)  // first: a client's own close reaches the server a moment later, and the others' clients just close
    void oneConnectionTooManyGetsAnError() throws Exception {
        List<IrcClient> clients = new ArrayList<>();
        try {
            for (int i = 1; i <= MAX_CONNECTIONS; i++) {
                clients.add(IrcClient.register("full" + i, IRC, WAIT));
            }
            try (IrcClient extra = IrcClient.connect("extra", IRC)) {
                IrcLine error = extra.await("ERROR", l -> "ERROR".equals(l.command()), WAIT);
                assertTrue(error.last().contains("too many connections"), error.raw());
                extra.closed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            IrcClient first = clients.get(0);
            first.send("PRIVMSG full2 :still fine");
            clients.get(1).await("a private message", message("full1", "full2", "still fine"), WAIT);
        } finally {
            // QUIT and wait for the server to close: it has then stopped counting them (its loop thread closes and
            // uncounts a connection in one step, before it accepts another), so the next test finds room.
            for (IrcClient c : clients) {
                c.send("QUIT");
                c.closed().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Test
    void aJoinerGetsTheRoomsLastLinesWithServerTimeOnlyIfItAskedForIt() throws Exception {
        try (IrcClient talker = IrcClient.register("talker", IRC, WAIT, "echo-message");
             IrcClient plain = IrcClient.register("plain", IRC, WAIT);
             IrcClient timed = IrcClient.register("timed", IRC, WAIT, "server-time")) {
            talker.send("JOIN #joinlines");
            talker.await("the own join", IrcClient.command("JOIN", "talker"), WAIT);
            long before = System.currentTimeMillis();
            for (int i = 1; i <= 4; i++) {
                talker.send("PRIVMSG #joinlines :line " + i);
            }
            talker.send("NOTICE #joinlines :a notice");
            talker.send("PRIVMSG #joinlines :\u0001ACTION waves\u0001");
            // echo-message: the last one back means all six are in the room's history
            talker.await("the echo of the last", message("talker", "#joinlines", "\u0001ACTION waves\u0001"), WAIT);
            long after = System.currentTimeMillis();

            plain.send("JOIN #joinlines");
            timed.send("JOIN #joinlines");
            talker.await("plain's join", IrcClient.command("JOIN", "plain"), WAIT);
            talker.await("timed's join", IrcClient.command("JOIN", "timed"), WAIT);
            talker.send("PRIVMSG #joinlines :live");
            IrcLine plainLive = plain.await("the live line after the history", message("talker", "#joinlines", "live"),
                    WAIT);
            IrcLine timedLive = timed.await("the live line after the history", message("talker", "#joinlines", "live"),
                    WAIT);

            String from = ":talker!~talker@127.0.0.1 ";
            List<String> expected = List.of(from + "PRIVMSG #joinlines :line 4", from + "NOTICE #joinlines :a notice",
                    from + "PRIVMSG #joinlines :\u0001ACTION waves\u0001");
            assertEquals(expected, afterNames(plain), "the last " + JOIN_HISTORY_LINES + " lines, untagged");
            assertNull(plainLive.tags(), plainLive.raw());

            List<String> tagged = afterNames(timed);
            assertEquals(JOIN_HISTORY_LINES, tagged.size(), tagged.toString());
            long previous = before;
            for (int i = 0; i < tagged.size(); i++) {
                IrcLine line = IrcLine.parse(tagged.get(i));
                String time = line.tag("time");
                assertTrue(time != null && SERVER_TIME.matcher(time).matches(), line.raw());
                long millis = Instant.parse(time).toEpochMilli();
                assertTrue(millis >= previous && millis <= after, time + " is when it was sent, in order");
                previous = millis;
                assertEquals(expected.get(i), line.raw().substring(line.raw().indexOf(' ') + 1));
            }
            assertTrue(SERVER_TIME.matcher(timedLive.tag("time")).matches(), "live lines are tagged too: "
                    + timedLive.raw());

            // the talker's own lines are history too, when it comes back
            talker.send("PART #joinlines");
            talker.await("the own part", IrcClient.command("PART", "talker"), WAIT);
            talker.send("JOIN #joinlines");
            talker.await("the own join", IrcClient.command("JOIN", "talker"), WAIT);
            plain.send("PRIVMSG #joinlines :welcome back");  // committed after the join: it comes after the history
            talker.await("plain's line after the history", message("plain", "#joinlines", "welcome back"), WAIT);
            assertEquals(List.of(from + "NOTICE #joinlines :a notice",
                    from + "PRIVMSG #joinlines :\u0001ACTION waves\u0001", from + "PRIVMSG #joinlines :live"),
                    afterNames(talker));
        }
    }

    /**
     * The PRIVMSGs and NOTICEs received after the last 366 (end of NAMES) and not taken yet: a join's history (others'
     * joins may come in between).
     */
    private static List<String> afterNames(IrcClient c) {
        List<String> lines = c.rawLines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if ("366".equals(IrcLine.parse(lines.get(i)).command())) {
                return lines.subList(i + 1, lines.size()).stream()
                        .filter(raw -> List.of("PRIVMSG", "NOTICE").contains(IrcLine.parse(raw).command())).toList();
            }
        }
        throw new AssertionError("no 366 in " + lines);
    }
}
