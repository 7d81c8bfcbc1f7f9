package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ClientId;
import org.syncnet.door.irc.wire.IrcLineWriter;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * Random commands with random parameters (control characters, lone surrogates, long strings, odd names) from three
 * sessions: no input may make a session throw, hand the log an event the chat would refuse to build or apply, or
 * make a line the writer refuses (which would cost the client its connection).
 */
class IrcSessionFuzzTest {
    private static final String[] COMMANDS = {"CAP", "PASS", "NICK", "USER", "PING", "PONG", "JOIN", "PART",
        "PRIVMSG", "NOTICE", "TOPIC", "AWAY", "NAMES", "LIST", "WHO", "WHOIS", "MODE", "MOTD", "LUSERS", "USERHOST",
        "ISON", "TIME", "INFO", "KICK", "INVITE", "FOO", "001", "AUTHENTICATE", "REGISTER", "VERIFY", "NICKSERV", "NS"};
    private static final String[] PIECES = {"", "#", "#a", "#A", "#b,#a", "0", "alice", "bob", "Bob", ":", ",", " ",
        "LS", "REQ", "END", "server-time", "+i", "-i+w", "b", "+o", "\u0000", "\u0001", "\u0007", "\u0002", "\r",
        "\ud800", "😀", "é", "~", "!", "@", "*", "-", "9", "+o-v", "+b", "-k", "+kl", "+imnst-l", "e", "I", "+x",
        "*!*@", ":", "n0", "n1", "10", "PLAIN", "SCRAM-SHA-256", "NickServ", "IDENTIFY n1 pencil-sharpener",
        "REGISTER pencil-sharpener", "GHOST n1", "REGAIN n2", "DROP pencil-sharpener", "INFO", "LOGOUT",
        "SET PASSWORD x", "AG4xAHBlbmNpbC1zaGFycGVuZXI=", "sasl", "+", "pencil-sharpener", "a@b.c"};

    @Test
    void randomInputNeverBreaksASessionOrTheLog() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        IrcWorld world = new IrcWorld();
        List<IrcSession> sessions = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            sessions.add(connect(world, "server" + i, i, random));
        }
        int events = 0;
        Set<ClientId> registered = new HashSet<>();
        for (int step = 0; step < 20_000; step++) {
            IrcSession s = sessions.get(random.nextInt(sessions.size()));
            if (s.closeReason() != null) {
                sessions.set(sessions.indexOf(s), connect(world, s.id().server(), s.id().connection() + 10, random));
                continue;
            }
            List<String> params = new ArrayList<>();
            int n = random.nextInt(5);
            for (int p = 0; p < n; p++) {
                params.add(param(random));
            }
            String command = random.nextInt(300) == 0 ? "QUIT" : COMMANDS[random.nextInt(COMMANDS.length)];
            IrcMessage m = new IrcMessage(Map.of(), null, command, params);
            String context = "seed " + seed + ", step " + step + ": " + m;
            IrcSession.Reply reply = assertDoesNotThrow(() -> s.onMessage(m, world.state, 1000), context);
            while (reply != null) {
                for (IrcMessage line : reply.send()) {
                    assertNotNull(line.command(), context);
                    line.params().forEach(p -> assertNotNull(p, context));
                    assertDoesNotThrow(() -> IrcLineWriter.write(line), context + " -> " + line);
                }
                IrcSession.Reply done = reply;
                assertDoesNotThrow(() -> world.commit(s, done), context);
                events += reply.toLog().size();
                // the glue's slow work, as it does it (an OPER's check is the operator tests')
                reply = reply.check() == null || reply.check() instanceof SlowCheck.OperAttempt ? null
                        : assertDoesNotThrow(() -> world.perform(s, done.check()), context);
            }
            if (s.registered()) {
                registered.add(s.id());
            }
            for (IrcMessage line : world.drainMessages(s)) {
                assertDoesNotThrow(() -> IrcLineWriter.write(line), context + " -> " + line);
            }
        }
        // Not vacuous: clients got registered and their commands reached the log.
        assertTrue(registered.size() >= 3 && events >= 100, "seed " + seed + ": " + registered.size()
                + " registered, " + events + " events");
    }

    /** A session that (usually) registers: random parts come after. */
    private static IrcSession connect(IrcWorld world, String server, long connection, Random random) {
        IrcSession s = world.connect(server, connection, connection % 2 == 0 ? "::1" : "10.0.0." + connection);
        world.send(s, "NICK n" + random.nextInt(10));
        world.send(s, "USER " + param(random).replace(' ', '_').replace(":", "") + "x 0 * :" + param(random));
        return s;
    }

    private static String param(Random random) {
        StringBuilder b = new StringBuilder();
        int pieces = random.nextInt(4);
        for (int i = 0; i < pieces; i++) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        if (random.nextInt(20) == 0) {
            b.append("x".repeat(random.nextInt(5000)));
        }
        return b.toString();
    }
}
