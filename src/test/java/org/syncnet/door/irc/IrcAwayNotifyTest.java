package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Identity;

/**
 * IRCv3 away-notify: a client that negotiated it hears of its room mates' away changes (IRC or browser users, any
 * server) once per change, however many rooms they share, and of an away user's away message right after its JOIN;
 * the one who changed gets 305/306 as ever, and clients without the capability nothing. Also what a browser user's
 * nick change, topic and action look like here.
 */
class IrcAwayNotifyTest {
    private static final String CAROL = "carol!~carol@10.0.0.3";

    private final IrcWorld world = new IrcWorld();
    private IrcSession alice;
    private IrcSession bob;
    private IrcSession carol;
    private IrcSession dave;

    /** alice (away-notify) and bob (without) share #a and #b with carol; dave (away-notify) shares nothing. */
    @BeforeEach
    void roomMates() {
        alice = world.register("server1", 1, "10.0.0.1", "alice");
        bob = world.register("server2", 1, "10.0.0.2", "bob");
        carol = world.register("server3", 1, "10.0.0.3", "carol");
        dave = world.register("server1", 2, "10.0.0.4", "dave");
        world.send(alice, "CAP REQ :away-notify");
        world.send(dave, "CAP REQ away-notify");
        for (IrcSession s : List.of(alice, bob, carol)) {
            world.send(s, "JOIN #a,#b");
        }
        world.send(dave, "JOIN #elsewhere");
        for (IrcSession s : List.of(alice, bob, carol, dave)) {
            world.drain(s);
        }
    }

    @Test
    void theCapabilityIsOfferedAndListed() {
        IrcSession s = world.connect("server1", 9, "10.0.0.9");
        assertTrue(world.send(s, "CAP LS").get(0).contains(" away-notify "));
        assertEquals(List.of(":server1.syncnet CAP alice LIST away-notify"), world.send(alice, "CAP LIST"));
    }

    @Test
    void roomMatesWithTheCapabilityHearEachChangeOnce() {
        assertEquals(List.of(":server3.syncnet 306 carol :You have been marked as being away"),
                world.send(carol, "AWAY :out to lunch"), "the one who changed: 306 only");
        assertEquals(List.of(":" + CAROL + " AWAY :out to lunch"), world.drain(alice), "once, though two rooms shared");
        assertEquals(List.of(), world.drain(bob), "no capability: nothing");
        assertEquals(List.of(), world.drain(dave), "no shared room: nothing");

        world.send(carol, "AWAY :out to lunch");
        assertEquals(List.of(), world.drain(alice), "no change: nothing");
        world.send(carol, "AWAY :still at lunch");
        assertEquals(List.of(":" + CAROL + " AWAY :still at lunch"), world.drain(alice));
        assertEquals(List.of(":server3.syncnet 305 carol :You are no longer marked as being away"),
                world.send(carol, "AWAY"));
        assertEquals(List.of(":" + CAROL + " AWAY"), world.drain(alice), "back: AWAY without a parameter");
        world.send(carol, "AWAY");
        assertEquals(List.of(), world.drain(alice), "back while back: nothing");

        world.send(alice, "CAP REQ -away-notify");
        world.send(carol, "AWAY :gone");
        assertEquals(List.of(), world.drain(alice), "disabled: nothing");
    }

    @Test
    void aBrowserUsersAwayIsToldAsAnAwayLine() {
        ClientId web = world.browser("server2", 7, "webby");
        world.commit("server2", new ChatEvent.RoomJoined(web, "#a"));
        world.drain(alice);
        world.commit("server2", new ChatEvent.AwaySet(web, "brb"));
        assertEquals(List.of(":webby!web@server2 AWAY brb"), world.drain(alice));
        world.commit("server2", new ChatEvent.AwaySet(web, ""));
        assertEquals(List.of(":webby!web@server2 AWAY"), world.drain(alice));
    }

    @Test
    void anAwayUserWhoJoinsIsFollowedByItsAwayLine() {
        world.send(dave, "JOIN #c");
        world.send(bob, "JOIN #c");
        world.send(carol, "AWAY :out to lunch");
        world.drain(dave);
        world.drain(bob);
        assertEquals(List.of(":" + CAROL + " JOIN #c"), world.send(carol, "JOIN #c").subList(0, 1),
                "the joiner itself: its JOIN burst, no AWAY line");
        assertEquals(List.of(":" + CAROL + " JOIN #c", ":" + CAROL + " AWAY :out to lunch"), world.drain(dave));
        assertEquals(List.of(":" + CAROL + " JOIN #c"), world.drain(bob), "no capability: the JOIN only");

        world.send(dave, "CAP REQ extended-join");
        world.send(carol, "PART #c");
        world.drain(dave);
        world.send(carol, "JOIN #c");
        assertEquals(List.of(":" + CAROL + " JOIN #c * Carol", ":" + CAROL + " AWAY :out to lunch"),
                world.drain(dave), "after the extended JOIN");
        world.send(carol, "AWAY");
        world.send(carol, "PART #c");
        world.drain(dave);
        world.send(carol, "JOIN #c");
        assertEquals(List.of(":" + CAROL + " JOIN #c * Carol"), world.drain(dave), "back: no AWAY line");
    }

    /** A browser user's nick change, topic and action reach an IRC user as an IRC user's would. */
    @Test
    void aBrowserUsersNickTopicAndActionAsIrcLines() {
        ClientId web = world.browser("server2", 7, "webby");
        world.commit("server2", new ChatEvent.RoomJoined(web, "#a"));
        world.drain(alice);
        world.commit("server2", new ChatEvent.NickClaimed(web, "webster", "",
                new Identity(Identity.WEB_USER, "server2", "")));
        assertEquals(List.of(":webby!web@server2 NICK webster"), world.drain(alice));
        world.send(alice, "MODE #a -t");
        world.commit("server2", new ChatEvent.TopicSet(web, "#a", "news of the day"));
        List<String> topic = world.drain(alice);
        assertEquals(":webster!web@server2 TOPIC #a :news of the day", topic.get(topic.size() - 1));
        world.commit("server2", new ChatEvent.MessagePosted(web, "#a", "\u0001ACTION waves\u0001", "w1", 5));
        assertEquals(List.of(":webster!web@server2 PRIVMSG #a :\u0001ACTION waves\u0001"), world.drain(alice));
    }
}
