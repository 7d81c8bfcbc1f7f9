package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatLimits;

/**
 * Channel statuses as clients see them (modern.ircdocs.horse): the highest prefix before a nick in 353, after the
 * away flag in 352 and before a channel in 319 — all of them with {@code multi-prefix} — 353's channel type ({@code =}
 * public, {@code @} secret), secret rooms hidden from outsiders; and 004/005 agreeing with what MODE accepts.
 */
class IrcChannelStatusTest {
    private final IrcWorld world = new IrcWorld();
    private IrcSession alice;
    private IrcSession bob;
    private IrcSession carol;

    /** alice created #a (so she is @), bob is @ and +, carol is +, dave has no status. */
    @BeforeEach
    void aRoomWithEveryStatus() {
        alice = world.register("server1", 1, "10.0.0.1", "alice");
        bob = world.register("server2", 1, "10.0.0.2", "bob");
        carol = world.register("server3", 1, "10.0.0.3", "carol");
        IrcSession dave = world.register("server1", 2, "10.0.0.4", "dave");
        for (IrcSession s : List.of(alice, bob, carol, dave)) {
            world.send(s, "JOIN #a");
        }
        world.send(alice, "MODE #a +ovv bob bob carol");
        for (IrcSession s : List.of(alice, bob, carol, dave)) {
            world.drain(s);
        }
    }

    @Test
    void namesShowTheHighestPrefixOrAllWithMultiPrefix() {
        assertEquals(List.of(":server1.syncnet 353 alice = #a :@alice @bob +carol dave",
                ":server1.syncnet 366 alice #a :End of /NAMES list"), world.send(alice, "NAMES #a"));
        world.send(alice, "CAP REQ multi-prefix");
        assertEquals(List.of(":server1.syncnet 353 alice = #a :@alice @+bob +carol dave",
                ":server1.syncnet 366 alice #a :End of /NAMES list"), world.send(alice, "NAMES #a"));
    }

    @Test
    void theJoinBurstShowsThePrefixes() {
        IrcSession erin = world.register("server2", 2, "10.0.0.5", "erin");
        world.send(erin, "CAP REQ multi-prefix");
        assertEquals(List.of(":erin!~erin@10.0.0.5 JOIN #a",
                ":server2.syncnet 353 erin = #a :@alice @+bob +carol dave erin",
                ":server2.syncnet 366 erin #a :End of /NAMES list"), world.send(erin, "JOIN #a"));
    }

    @Test
    void whoFlagsEndWithTheStatus() {
        world.send(bob, "AWAY :out");
        List<String> who = world.send(alice, "WHO #a");
        assertEquals(List.of("H@", "G@", "H+", "H"), flags(who));
        world.send(alice, "CAP REQ multi-prefix");
        assertEquals(List.of("H@", "G@+", "H+", "H"), flags(world.send(alice, "WHO #a")));
        assertEquals(List.of("G@+"), flags(world.send(alice, "WHO bob")), "outside the channel form: its room's");
    }

    @Test
    void whoisShowsTheStatusInEachRoom() {
        world.send(bob, "JOIN #b");
        assertEquals(":server1.syncnet 319 alice bob :@#a @#b", world.send(alice, "WHOIS bob").get(1));
        world.send(alice, "CAP REQ multi-prefix");
        assertEquals(":server1.syncnet 319 alice bob :@+#a @#b", world.send(alice, "WHOIS bob").get(1));
    }

    @Test
    void aSecretRoomIsHiddenFromOutsiders() {
        world.send(bob, "JOIN #s");
        world.send(bob, "MODE #s +s");
        assertEquals(List.of(":server2.syncnet 353 bob @ #s @bob", ":server2.syncnet 366 bob #s :End of /NAMES list"),
                world.send(bob, "NAMES #s"), "@: a secret channel");
        assertEquals(List.of(":server1.syncnet 366 alice #s :End of /NAMES list"), world.send(alice, "NAMES #s"));
        assertEquals(List.of(":server1.syncnet 321 alice Channel :Users  Name", ":server1.syncnet 322 alice #a 4 :",
                ":server1.syncnet 323 alice :End of /LIST"), world.send(alice, "LIST"));
        assertEquals(List.of(":server1.syncnet 321 alice Channel :Users  Name",
                ":server1.syncnet 323 alice :End of /LIST"), world.send(alice, "LIST #s"));
        assertEquals(":server1.syncnet 319 alice bob @#a", world.send(alice, "WHOIS bob").get(1));
        assertEquals(":server2.syncnet 319 bob bob :@#a @#s", world.send(bob, "WHOIS bob").get(1), "one's own");
        assertEquals(List.of(":server1.syncnet 315 alice #s :End of WHO list"), world.send(alice, "WHO #s"));
        world.send(alice, "PART #a");
        assertTrue(world.send(alice, "WHO bob").get(0).startsWith(":server1.syncnet 352 alice #a "),
                "another's channel field is never a secret room the asker is not in");
        world.send(bob, "PART #a");
        assertTrue(world.send(alice, "WHO bob").get(0).startsWith(":server1.syncnet 352 alice * "));
    }

    @Test
    void myInfoAndIsupportAgreeWithWhatModeAccepts() {
        IrcSession erin = world.connect("server2", 2, "10.0.0.5");
        world.send(erin, "NICK erin");
        List<String> burst = world.send(erin, "USER erin 0 * :Erin");
        assertEquals(":server2.syncnet 004 erin server2.syncnet syncnet-test iow beIiklmnostv beIklov", burst.get(3));
        List<String> tokens = new ArrayList<>();
        for (String line : burst) {
            if (line.startsWith(":server2.syncnet 005 erin ")) {
                List<String> words = List.of(line.split(" "));
                tokens.addAll(words.subList(3, words.indexOf(":are")));
            }
        }
        assertTrue(tokens.containsAll(ChatLimits.ISUPPORT), tokens.toString());
        assertTrue(tokens.contains("TARGMAX=JOIN:,PART:,NAMES:,LIST:,PRIVMSG:4,NOTICE:4,WHOIS:1,KICK:4"),
                tokens.toString());
        Set<String> keys = new HashSet<>();
        for (String token : tokens) {
            assertTrue(keys.add(token.split("=")[0]), "announced once, so nothing contradicts it: " + token);
        }
        ChannelModeTypes announced = ChannelModeTypes.of(tokens);
        assertEquals("beIiklmnostv", announced.allLetters());
        for (char letter : "beIiklmnostv".toCharArray()) {
            assertTrue(announced.of(letter) != null, "MODE knows " + letter);
        }
    }

    private static List<String> flags(List<String> who) {
        List<String> flags = new ArrayList<>();
        for (String line : who) {
            String[] words = line.split(" ");
            if (words[1].equals("352")) {
                flags.add(words[8]);
            }
        }
        return flags;
    }
}
