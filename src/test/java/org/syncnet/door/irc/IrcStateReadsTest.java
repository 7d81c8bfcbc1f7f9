package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which commands read the chat state: the glue holds the state's lock only for those, and hands the others no state
 * at all (as {@link IrcWorld} does), so they must be answered from the session alone, before and after registration.
 */
class IrcStateReadsTest {
    private static final List<String> WITHOUT_STATE = List.of("PING :x", "PONG :x", "PASS secret", "AWAY :lunch",
            "AWAY", "MOTD", "TIME", "TIME server2.syncnet", "INFO", "OPER admin secret", "FOO bar",
            "quit :bye");
    private static final List<String> WITH_STATE = List.of("CAP LS 302", "NICK a", "USER a 0 * :A", "JOIN #a",
            "PART #a", "PRIVMSG #a :hi", "notice a :hi", "TOPIC #a", "NAMES #a", "LIST", "WHO #a", "WHOIS a",
            "USERHOST a", "ISON a", "MODE a", "MODE #a +m", "LUSERS", "KICK #a b", "INVITE b #a", "KILL b :x",
            "WALLOPS :x", "WHOWAS b");

    private final IrcWorld world = new IrcWorld();

    @Test
    void onlyTheCommandsThatReadTheStateAskForIt() {
        for (String line : WITHOUT_STATE) {
            assertFalse(IrcSession.readsState(Lines.parse(line)), line);
        }
        for (String line : WITH_STATE) {
            assertTrue(IrcSession.readsState(Lines.parse(line)), line);
        }
    }

    @Test
    void theCommandsWithoutTheStateAreAnsweredBeforeRegistration() {
        for (String line : WITHOUT_STATE) {
            IrcSession s = world.connect("server1", 100 + WITHOUT_STATE.indexOf(line), "10.0.0.9");
            world.send(s, line);  // no state: would fail if the session read it
        }
        IrcSession s = world.connect("server1", 99, "10.0.0.9");
        assertEquals(List.of(":server1.syncnet PONG server1.syncnet x"), world.send(s, "PING x"));
    }

    @Test
    void theCommandsWithoutTheStateAreAnsweredAfterRegistration() {
        for (String line : WITHOUT_STATE) {
            IrcSession s = world.register("server1", 200 + WITHOUT_STATE.indexOf(line), "10.0.0.9",
                    "u" + WITHOUT_STATE.indexOf(line));
            world.send(s, line);
        }
        IrcSession s = world.register("server1", 299, "10.0.0.9", "carol");
        assertEquals(List.of(":server1.syncnet 421 carol FOO :Unknown command"), world.send(s, "FOO bar"));
    }
}
