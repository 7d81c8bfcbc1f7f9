package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ClientId;

/**
 * KICK and INVITE as modern.ircdocs.horse describes them: {@code :op!u@h KICK #chan victim :reason} to the room, the
 * victim included (one KICK line per victim); 341 {@code <client> <nick> <channel>} to the inviter and
 * {@code :inviter!u@h INVITE nick #chan} to the invited user and, with {@code invite-notify}, to the room's operators;
 * 336/337 for INVITE alone; 461, 403, 442, 482, 401, 441, 443.
 */
class IrcKickInviteTest {
    private static final String ALICE = "alice!~alice@10.0.0.1";

    private final IrcWorld world = new IrcWorld();
    private IrcSession alice;
    private IrcSession bob;
    private IrcSession carol;
    private ClientId webby;

    @BeforeEach
    void aliceOwnsTheRoomBobAndABrowserUserAreInCarolIsOutside() {
        alice = world.register("server1", 1, "10.0.0.1", "alice");
        bob = world.register("server2", 1, "10.0.0.2", "bob");
        carol = world.register("server3", 1, "10.0.0.3", "carol");
        webby = world.browser("server3", 2, "webby");
        world.send(alice, "JOIN #a");
        world.send(bob, "JOIN #a");
        world.commit("server3", new ChatEvent.RoomJoined(webby, "#a"));
        world.drain(alice);
        world.drain(bob);
    }

    @Test
    void aKickIsToldToTheWholeRoomAndTheVictimIsOut() {
        assertEquals(List.of(":" + ALICE + " KICK #a bob alice"), world.send(alice, "KICK #A BOB"),
                "the reason defaults to the kicker's nick");
        assertEquals(List.of(new ChatEvent.Kicked(alice.id(), "#a", "bob", "alice")), world.lastReply.toLog());
        assertEquals(List.of(":" + ALICE + " KICK #a bob alice"), world.drain(bob));
        assertEquals(List.of("#a"), world.state.roomsOf(alice.id()));
        assertEquals(List.of(), world.state.roomsOf(bob.id()));
        assertEquals(List.of(":server2.syncnet 404 bob #a :Cannot send to channel"), world.send(bob, "PRIVMSG #a :hi"));
        assertEquals(":bob!~bob@10.0.0.2 JOIN #a", world.send(bob, "JOIN #a").get(0), "and may come back");
    }

    @Test
    void aKickWithAReasonAndSeveralNicks() {
        assertEquals(List.of(":server1.syncnet 441 alice carol #a :They aren't on that channel",
                ":" + ALICE + " KICK #a bob :go away", ":" + ALICE + " KICK #a webby :go away"),
                world.send(alice, "KICK #a bob,carol,webby :go away"));
        assertEquals(2, world.lastReply.toLog().size(), "one event a victim");
    }

    @Test
    void kickRefusals() {
        assertEquals(List.of(":server1.syncnet 461 alice KICK :Not enough parameters"), world.send(alice, "KICK"));
        assertEquals(List.of(":server1.syncnet 461 alice KICK :Not enough parameters"), world.send(alice, "KICK #a"));
        assertEquals(List.of(":server1.syncnet 403 alice #none :No such channel"), world.send(alice, "KICK #none bob"));
        assertEquals(List.of(":server2.syncnet 482 bob #a :You're not channel operator"),
                world.send(bob, "KICK #a alice"));
        assertEquals(List.of(":server3.syncnet 442 carol #a :You're not on that channel"),
                world.send(carol, "KICK #a alice"));
        assertEquals(List.of(":server1.syncnet 401 alice nobody :No such nick/channel"),
                world.send(alice, "KICK #a nobody"));
        assertEquals(List.of(), world.lastReply.toLog());
    }

    @Test
    void theStatesKickRefusalComesBackAs441() {
        IrcSession.Reply kick = world.sendUncommitted(alice, "KICK #a bob");
        world.send(bob, "PART #a");
        world.drain(alice);
        world.commit(alice, kick);
        assertEquals(List.of(":server1.syncnet 441 alice bob #a :They aren't on that channel"), world.drain(alice));
    }

    @Test
    void anInviteLetsItsTargetPastInviteOnly() {
        world.send(alice, "MODE #a +i");
        assertEquals(List.of(":server3.syncnet 473 carol #a :Cannot join channel (+i)"), world.send(carol, "JOIN #a"));
        assertEquals(List.of(":server1.syncnet 341 alice carol #a"), world.send(alice, "INVITE Carol #A"));
        assertEquals(List.of(new ChatEvent.Invited(alice.id(), "#a", "carol")), world.lastReply.toLog());
        assertEquals(List.of(":" + ALICE + " INVITE carol #a"), world.drain(carol));
        assertEquals(":carol!~carol@10.0.0.3 JOIN #a", world.send(carol, "JOIN #a").get(0));
    }

    @Test
    void operatorsWithInviteNotifySeeTheInvite() {
        world.send(bob, "CAP REQ invite-notify");
        world.send(alice, "MODE #a +o bob");
        IrcSession dave = world.register("server1", 2, "10.0.0.4", "dave");
        world.send(dave, "JOIN #a");
        world.send(alice, "MODE #a +o dave");
        world.drain(bob);
        world.drain(dave);
        world.send(alice, "INVITE carol #a");
        assertEquals(List.of(":" + ALICE + " INVITE carol #a"), world.drain(bob), "an operator with invite-notify");
        assertEquals(List.of(), world.drain(dave), "an operator without it");
        world.send(alice, "MODE #a -o bob");
        world.drain(bob);
        world.send(alice, "INVITE carol #a");
        assertEquals(List.of(), world.drain(bob), "not an operator any more: the state does not tell it");
    }

    @Test
    void anAwayTargetIsSaidSo() {
        world.send(carol, "AWAY :lunch");
        assertEquals(List.of(":server1.syncnet 341 alice carol #a", ":server1.syncnet 301 alice carol lunch"),
                world.send(alice, "INVITE carol #a"));
    }

    @Test
    void inviteRefusals() {
        assertEquals(List.of(":server1.syncnet 461 alice INVITE :Not enough parameters"),
                world.send(alice, "INVITE carol"));
        assertEquals(List.of(":server1.syncnet 403 alice #none :No such channel"),
                world.send(alice, "INVITE carol #none"));
        assertEquals(List.of(":server3.syncnet 442 carol #a :You're not on that channel"),
                world.send(carol, "INVITE carol #a"));
        assertEquals(List.of(":server1.syncnet 401 alice nobody :No such nick/channel"),
                world.send(alice, "INVITE nobody #a"));
        assertEquals(List.of(":server1.syncnet 443 alice bob #a :is already on channel"),
                world.send(alice, "INVITE BOB #a"));
        assertEquals(List.of(":server2.syncnet 341 bob carol #a"), world.send(bob, "INVITE carol #a"),
                "on -i any member invites");
        world.send(alice, "MODE #a +i");
        world.drain(bob);
        assertEquals(List.of(":server2.syncnet 482 bob #a :You're not channel operator"),
                world.send(bob, "INVITE carol #a"), "on +i only operators");
        assertEquals(List.of(), world.lastReply.toLog());
    }

    @Test
    void inviteAloneListsTheInvitesHeld() {
        world.send(alice, "JOIN #b");
        world.send(alice, "INVITE carol #b");
        world.send(alice, "INVITE carol #a");
        world.drain(carol);
        assertEquals(List.of(":server3.syncnet 336 carol #a", ":server3.syncnet 336 carol #b",
                ":server3.syncnet 337 carol :End of /INVITE list"), world.send(carol, "INVITE"));
        world.send(carol, "JOIN #a");
        assertEquals(List.of(":server3.syncnet 336 carol #b", ":server3.syncnet 337 carol :End of /INVITE list"),
                world.send(carol, "INVITE"), "a join uses its invite up");
    }
}
