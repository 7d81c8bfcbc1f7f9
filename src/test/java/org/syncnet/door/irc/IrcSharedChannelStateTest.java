package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Channel operators, modes, bans and kicks are chat state in the one log, not a server's: what an operator on one
 * server does, a user on another sees and is held to, and both servers answer every query alike.
 */
class IrcSharedChannelStateTest {
    private final IrcWorld world = new IrcWorld();

    @Test
    void usersOnDifferentServersSeeTheSameModesBansAndKicks() {
        IrcSession alice = world.register("server1", 1, "10.0.0.1", "alice");
        IrcSession bob = world.register("server2", 1, "10.0.0.2", "bob");
        IrcSession carol = world.register("server3", 1, "10.0.0.3", "carol");
        world.send(alice, "JOIN #a");
        world.send(bob, "JOIN #a");
        world.send(carol, "JOIN #a");
        world.send(alice, "MODE #a +o bob");
        world.send(bob, "MODE #a +mk-t key *!*@10.0.0.66");  // an argument no letter takes is ignored
        world.send(bob, "MODE #a +b *!*@10.0.0.66");
        world.drain(alice);
        world.drain(carol);

        String mine = "+mnk key";
        assertEquals(List.of(":server1.syncnet 324 alice #a " + mine, ":server1.syncnet 329 alice #a 1795000000"),
                world.send(alice, "MODE #a"));
        assertEquals(List.of(":server2.syncnet 324 bob #a " + mine, ":server2.syncnet 329 bob #a 1795000000"),
                world.send(bob, "MODE #a"));
        String ban = " #a *!*@10.0.0.66 bob!~bob@10.0.0.2 1795000000";
        assertEquals(List.of(":server1.syncnet 367 alice" + ban,
                ":server1.syncnet 368 alice #a :End of channel ban list"), world.send(alice, "MODE #a b"));
        assertEquals(List.of(":server3.syncnet 367 carol" + ban,
                ":server3.syncnet 368 carol #a :End of channel ban list"), world.send(carol, "MODE #a b"));
        assertEquals(List.of(":server3.syncnet 353 carol = #a :@alice @bob carol",
                ":server3.syncnet 366 carol #a :End of /NAMES list"), world.send(carol, "NAMES #a"));

        assertEquals(List.of(":server3.syncnet 404 carol #a :Cannot send to channel (+m)"),
                world.send(carol, "PRIVMSG #a :hello?"), "server2's +m holds on server3");

        world.send(bob, "KICK #a carol :bye");
        String kick = ":bob!~bob@10.0.0.2 KICK #a carol bye";
        assertEquals(List.of(kick), world.drain(alice));
        assertEquals(List.of(kick), world.drain(carol));
        assertEquals(List.of(":server3.syncnet 475 carol #a :Cannot join channel (+k)"), world.send(carol, "JOIN #a"));
        assertEquals(List.of(":server1.syncnet 353 alice = #a :@alice @bob",
                ":server1.syncnet 366 alice #a :End of /NAMES list"), world.send(alice, "NAMES #a"));
    }
}
