package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;

/**
 * OPER (checked by the glue, granted through the log), KILL, WALLOPS, user modes and WHOWAS, as every server of the
 * world sees them.
 */
class IrcServerOperatorsTest {
    private final IrcWorld world = new IrcWorld();
    private IrcSession alice;
    private IrcSession bob;

    @BeforeEach
    void twoUsersInARoom() {
        alice = world.register("server1", 1, "10.0.0.1", "alice");
        bob = world.register("server3", 1, "10.0.0.3", "bob");
        world.send(alice, "JOIN #a");
        world.send(bob, "JOIN #a");
        world.drain(alice);
    }

    /** OPER as the glue runs it: the session asks for a check, the glue answers with its result. */
    private List<String> oper(IrcSession s, String name, IrcOperators.Check result) {
        IrcSession.Reply ask = s.onMessage(Lines.parse("OPER " + name + " secret"), world.state, world.now);
        assertNotNull(ask.check(), "the session asks the glue to check");
        assertEquals(new SlowCheck.OperAttempt(name, "secret"), ask.check());
        assertEquals("OPER " + name, ask.check().toString(), "never the password");
        return world.take(s, s.onOperChecked(name, result));
    }

    @Test
    void operNeedsANameAndAPasswordAndRegistration() {
        assertEquals(List.of(":server1.syncnet 461 alice OPER :Not enough parameters"),
                world.send(alice, "OPER alice"));
        IrcSession fresh = world.connect("server1", 9, "10.0.0.9");
        assertEquals(List.of(":server1.syncnet 451 * :You have not registered"), world.send(fresh, "OPER a b"));
    }

    @Test
    void aRefusedOperChangesNothing() {
        assertEquals(List.of(":server1.syncnet 491 alice :No O-lines for your host"),
                oper(alice, "nobody", IrcOperators.Check.NO_SUCH_OPERATOR));
        assertEquals(List.of(":server1.syncnet 464 alice :Password incorrect"),
                oper(alice, "alice", IrcOperators.Check.WRONG_PASSWORD));
        assertEquals(List.of(":server1.syncnet 481 alice :Permission Denied- You're not an IRC operator"),
                world.send(alice, "KILL bob :go"));
        assertEquals(List.of(":server1.syncnet 221 alice +"), world.send(alice, "MODE alice"));
    }

    @Test
    void aGrantedOperIsKnownOnEveryServer() {
        assertEquals(List.of(":server1.syncnet 381 alice :You are now an IRC operator", ":alice MODE alice +o"),
                oper(alice, "admin", IrcOperators.Check.ACCEPTED));
        assertEquals(List.of(":server1.syncnet 221 alice +o"), world.send(alice, "MODE alice"));
        List<String> whois = world.send(bob, "WHOIS alice");
        assertTrue(whois.contains(":server3.syncnet 313 bob alice :is an IRC operator"), whois.toString());
        List<String> lusers = world.send(bob, "LUSERS");
        assertTrue(lusers.contains(":server3.syncnet 252 bob 1 :operator(s) online"), lusers.toString());
        assertEquals(List.of(":alice MODE alice -o"), world.send(alice, "MODE alice -o"));
        assertEquals(List.of(), world.send(alice, "MODE alice +o"), "only OPER grants it");
        assertTrue(!world.send(bob, "WHOIS alice").toString().contains(" 313 "));
    }

    @Test
    void killEndsTheVictimsConnectionWhereverItIsAndOthersSeeAQuit() {
        oper(alice, "admin", IrcOperators.Check.ACCEPTED);
        assertEquals(List.of(":server1.syncnet 461 alice KILL :Not enough parameters"), world.send(alice, "KILL"));
        assertEquals(List.of(":server1.syncnet 401 alice nobody :No such nick/channel"),
                world.send(alice, "KILL nobody :x"));
        assertEquals(List.of(":bob!~bob@10.0.0.3 QUIT :Killed (alice (spamming))"),
                world.send(alice, "KILL bob :spamming"));
        assertEquals(List.of("ERROR :Closing Link: 10.0.0.3 (Killed (alice (spamming)))"), world.drain(bob));
        assertEquals("Killed (alice (spamming))", bob.closeReason());
        assertEquals(List.of(":server1.syncnet 401 alice bob :No such nick/channel"), world.send(alice, "KILL bob"));
    }

    @Test
    void wallopsReachTheUsersWithModeWOnly() {
        IrcSession carol = world.register("server2", 1, "10.0.0.2", "carol");
        assertEquals(List.of(":carol MODE carol +w"), world.send(carol, "MODE carol +w"));
        assertEquals(List.of(), world.send(carol, "MODE carol +w+x"), "nothing changed, unknown letters ignored");
        assertEquals(List.of(":server1.syncnet 481 alice :Permission Denied- You're not an IRC operator"),
                world.send(alice, "WALLOPS :hello"));
        oper(alice, "admin", IrcOperators.Check.ACCEPTED);
        assertEquals(List.of(":server1.syncnet 461 alice WALLOPS :Not enough parameters"),
                world.send(alice, "WALLOPS"));
        assertEquals(List.of(), world.send(alice, "WALLOPS :maintenance at noon"), "alice has no +w");
        assertEquals(List.of(":alice!~alice@10.0.0.1 WALLOPS :maintenance at noon"), world.drain(carol));
        assertEquals(List.of(), world.drain(bob));
    }

    @Test
    void invisibleUsersAreCountedApartAndOthersModesAreNotYours() {
        assertEquals(List.of(":alice MODE alice +i"), world.send(alice, "MODE alice +i"));
        List<String> lusers = world.send(bob, "LUSERS");
        assertTrue(lusers.contains(":server3.syncnet 251 bob :There are 1 users and 1 invisible on 3 servers"),
                lusers.toString());
        assertEquals(List.of(":server3.syncnet 502 bob :Can't change mode for other users"),
                world.send(bob, "MODE alice +i"));
        assertEquals(List.of(":server3.syncnet 401 bob nobody :No such nick/channel"),
                world.send(bob, "MODE nobody"));
        IrcSession carol = world.register("server2", 1, "10.0.0.2", "carol");
        List<String> who = world.send(carol, "WHO *");
        assertEquals(2, whoReplies(who), "carol sees bob and herself, not the invisible alice: " + who);
        assertTrue(who.stream().noneMatch(l -> l.contains(" alice ")), who.toString());
        assertEquals(1, whoReplies(world.send(carol, "WHO alice")), "an exact nick finds her");
        assertEquals(3, whoReplies(world.send(bob, "WHO *")), "bob shares #a with her");
    }

    private static long whoReplies(List<String> lines) {
        return lines.stream().filter(l -> l.contains(" 352 ")).count();
    }

    @Test
    void whowasTellsWhoLastUsedANickClusterWide() {
        assertEquals(List.of(":server1.syncnet 406 alice bob :There was no such nickname",
                ":server1.syncnet 369 alice bob :End of WHOWAS"), world.send(alice, "WHOWAS bob"));
        world.send(bob, "NICK robert");
        world.send(bob, "QUIT :bye");
        world.commit("server3", new ChatEvent.ClientGone(bob.id(), "Quit: bye"));
        world.drain(alice);
        assertEquals(List.of(":server1.syncnet 314 alice bob ~bob 10.0.0.3 * Bob",
                ":server1.syncnet 312 alice bob server3.syncnet :SyncNet server server3",
                ":server1.syncnet 369 alice bob :End of WHOWAS"), world.send(alice, "WHOWAS bob"));
        List<String> robert = world.send(alice, "WHOWAS Robert 1");
        assertEquals(3, robert.size(), robert.toString());
        assertEquals(List.of(":server1.syncnet 431 alice :No nickname given"), world.send(alice, "WHOWAS"));
        assertNull(alice.closeReason());
    }
}
