package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ClientId;

/** TIME, INFO and LUSERS: about the server and the cluster (modern.ircdocs.horse 391, 371/374, 251–266). */
class IrcServerQueriesTest {
    private final IrcWorld world = new IrcWorld();

    @Test
    void timeTellsTheTimeThePassedInClockSays() {
        IrcSession alice = world.register("server1", 1, "10.0.0.1", "alice");
        world.now = 1_795_000_000_999L;
        String time = ":server1.syncnet 391 alice server1.syncnet 1795000000 :Wed, 18 Nov 2026 11:06:40 GMT";
        assertEquals(List.of(time), world.send(alice, "TIME"));
        assertEquals(List.of(time), world.send(alice, "TIME SERVER1.syncnet"));
        assertEquals(List.of(time), world.send(alice, "TIME *.syncnet"));
        // Another server of the cluster: the door cannot ask it, so it answers with its own clock, under its own name.
        assertEquals(List.of(time), world.send(alice, "TIME server3.syncnet"));
        assertEquals(List.of(":server1.syncnet 402 alice irc.example.org :No such server"),
                world.send(alice, "TIME irc.example.org"));
        assertEquals(List.of(":server1.syncnet 402 alice server4.syncnet :No such server"),
                world.send(alice, "TIME server4.syncnet"));
        world.now = 1_795_086_400_000L;
        assertEquals(List.of(":server1.syncnet 391 alice server1.syncnet 1795086400 :Thu, 19 Nov 2026 11:06:40 GMT"),
                world.send(alice, "TIME"));
        assertEquals(List.of(), world.lastReply.toLog());
    }

    @Test
    void timeAndInfoNeedRegistrationAndNoState() {
        IrcSession s = world.connect("server1", 1, "10.0.0.1");
        assertEquals(List.of(":server1.syncnet 451 * :You have not registered"), world.send(s, "TIME"));
        assertEquals(List.of(":server1.syncnet 451 * :You have not registered"), world.send(s, "INFO"));
    }

    @Test
    void infoDescribesTheSoftwareAndTheCluster() {
        IrcSession alice = world.register("server2", 1, "10.0.0.1", "alice");
        assertEquals(List.of(
                ":server2.syncnet 371 alice :syncnet-test: SyncNet, a distributed, fault-tolerant chat server",
                ":server2.syncnet 371 alice :server2.syncnet is one of the 3 servers of this SyncNet cluster.",
                ":server2.syncnet 371 alice :Every chat event takes its place in one totally ordered log that every"
                        + " server applies,",
                ":server2.syncnet 371 alice :so all servers show the same rooms, nicks and messages.",
                ":server2.syncnet 371 alice :IRC clients and browsers chat in the same rooms, whichever server they"
                        + " are connected to.",
                ":server2.syncnet 374 alice :End of INFO list"), world.send(alice, "INFO"));
    }

    @Test
    void lusersCountsTheConfiguredServersAndKeepsTheHighestUserCounts() {
        IrcSession alice = world.register("server1", 1, "10.0.0.1", "alice");
        IrcSession bob = world.register("server1", 2, "10.0.0.2", "bob");
        ClientId webby = world.browser("server1", 3, "webby");
        world.register("server2", 1, "10.0.0.3", "carol");
        world.send(alice, "JOIN #a");
        List<String> lusers = List.of(
                ":server1.syncnet 251 alice :There are 4 users and 0 invisible on 3 servers",
                ":server1.syncnet 254 alice 1 :channels formed",
                ":server1.syncnet 255 alice :I have 3 clients and 2 servers",
                ":server1.syncnet 265 alice 3 3 :Current local users 3, max 3",
                ":server1.syncnet 266 alice 4 4 :Current global users 4, max 4");
        assertEquals(lusers, world.send(alice, "LUSERS"), "no 252 or 253: no operators, no unknown connections");

        world.sendUncommitted(bob, "QUIT");
        world.commit("server1", new ChatEvent.ClientGone(bob.id(), "Client Quit"));
        world.commit("server1", new ChatEvent.ClientGone(webby, "gone"));
        world.drain(alice);
        assertEquals(List.of(
                ":server1.syncnet 251 alice :There are 2 users and 0 invisible on 3 servers",
                ":server1.syncnet 254 alice 1 :channels formed",
                ":server1.syncnet 255 alice :I have 1 clients and 2 servers",
                ":server1.syncnet 265 alice 1 3 :Current local users 1, max 3",
                ":server1.syncnet 266 alice 2 4 :Current global users 2, max 4"), world.send(alice, "LUSERS"));

        // The peaks are the door's: another server's door has seen other counts.
        IrcSession dave = world.register("server3", 1, "10.0.0.4", "dave");
        assertEquals(List.of(
                ":server3.syncnet 251 dave :There are 3 users and 0 invisible on 3 servers",
                ":server3.syncnet 254 dave 1 :channels formed",
                ":server3.syncnet 255 dave :I have 1 clients and 2 servers",
                ":server3.syncnet 265 dave 1 1 :Current local users 1, max 1",
                ":server3.syncnet 266 dave 3 3 :Current global users 3, max 3"), world.send(dave, "LUSERS"));
    }

    @Test
    void aServerAloneHasNoLinks() {
        IrcSession solo = new IrcSession(new ClientId("solo", 1),
                IrcServerInfo.forServer("solo", "v1", "today", List.of()), "10.0.0.1", 0);
        solo.onMessage(Lines.parse("NICK solo"), world.state, world.now);
        for (ChatEvent e : solo.onMessage(Lines.parse("USER solo 0 * :Solo"), world.state, world.now).toLog()) {
            world.state.apply(1, "solo", e).forEach(o -> solo.onOutcome(o, world.state));
        }
        assertEquals(List.of(
                ":solo.syncnet 251 solo :There are 1 users and 0 invisible on 1 servers",
                ":solo.syncnet 254 solo 0 :channels formed",
                ":solo.syncnet 255 solo :I have 1 clients and 0 servers",
                ":solo.syncnet 265 solo 1 1 :Current local users 1, max 1",
                ":solo.syncnet 266 solo 1 1 :Current global users 1, max 1"),
                Lines.render(solo.onMessage(Lines.parse("LUSERS"), world.state, world.now).send()));
    }
}
