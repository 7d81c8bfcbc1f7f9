package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;

/**
 * What channel modes do to joining, speaking and setting the topic, as the state decides and the door tells:
 * 471/473/474/475 {@code <client> <channel> :Cannot join channel (+l|+i|+b|+k)}, 404 with the reason for a message
 * refused by {@code +m} or a ban, 482 for a topic under {@code +t}; JOIN's keys by position.
 */
class IrcChannelAccessTest {
    private final IrcWorld world = new IrcWorld();
    private IrcSession alice;
    private IrcSession bob;

    @BeforeEach
    void aliceOwnsTheRoomBobIsOutside() {
        alice = world.register("server1", 1, "10.0.0.1", "alice");
        bob = world.register("server2", 1, "10.0.0.2", "bob");
        world.send(alice, "JOIN #a");
    }

    @Test
    void aJoinCarriesItsKeyByPositionAndItsTime() {
        world.send(alice, "MODE #a +k secret");
        assertEquals(List.of(":server2.syncnet 475 bob #a :Cannot join channel (+k)"), world.send(bob, "JOIN #a"));
        assertEquals(List.of(":server2.syncnet 475 bob #a :Cannot join channel (+k)"),
                world.send(bob, "JOIN #a Secret"), "keys are case-sensitive");
        world.send(bob, "JOIN #b,#a x,secret");
        assertEquals(List.of(new ChatEvent.RoomJoined(bob.id(), "#b", "x", world.now),
                new ChatEvent.RoomJoined(bob.id(), "#a", "secret", world.now)), world.lastReply.toLog());
        assertEquals(List.of("#b", "#a"), world.state.roomsOf(bob.id()));
        assertEquals(world.now, world.state.channel("#b").orElseThrow().created(), "the creating join's time");
    }

    @Test
    void aKeyThatCannotBeValidIsSentAsNone() {
        world.send(bob, "JOIN #c :a b");
        assertEquals(List.of(new ChatEvent.RoomJoined(bob.id(), "#c", "", world.now)), world.lastReply.toLog());
    }

    @Test
    void fullInviteOnlyAndBannedRoomsRefuseTheJoin() {
        world.send(alice, "MODE #a +l 1");
        assertEquals(List.of(":server2.syncnet 471 bob #a :Cannot join channel (+l)"), world.send(bob, "JOIN #a"));
        world.send(alice, "MODE #a -l+i");
        assertEquals(List.of(":server2.syncnet 473 bob #a :Cannot join channel (+i)"), world.send(bob, "JOIN #a"));
        world.send(alice, "MODE #a -i+b bob");
        assertEquals(List.of(":server2.syncnet 474 bob #a :Cannot join channel (+b)"), world.send(bob, "JOIN #a"));
        world.send(alice, "MODE #a +e *!~bob@*");
        assertEquals(":bob!~bob@10.0.0.2 JOIN #a", world.send(bob, "JOIN #a").get(0), "an exception lifts the ban");
    }

    @Test
    void anInviteExceptionLetsPastInviteOnly() {
        world.send(alice, "MODE #a +iI *!*@10.0.0.2");
        assertEquals(":bob!~bob@10.0.0.2 JOIN #a", world.send(bob, "JOIN #a").get(0));
    }

    @Test
    void aModeratedRoomOrABanSilencesWithAReason() {
        world.send(bob, "JOIN #a");
        world.send(alice, "MODE #a +m");
        world.drain(bob);
        assertEquals(List.of(":server2.syncnet 404 bob #a :Cannot send to channel (+m)"),
                world.send(bob, "PRIVMSG #a :hello"));
        assertEquals(List.of(), world.send(bob, "NOTICE #a :hello"), "a NOTICE gets no error");
        world.send(alice, "MODE #a +v bob");
        world.drain(bob);
        assertEquals(List.of(), world.send(bob, "PRIVMSG #a :voiced"));
        assertEquals(List.of(":bob!~bob@10.0.0.2 PRIVMSG #a voiced"), world.drain(alice));
        world.send(alice, "MODE #a -mv+b bob bob");
        world.drain(bob);
        assertEquals(List.of(":server2.syncnet 404 bob #a :Cannot send to channel (you are banned)"),
                world.send(bob, "PRIVMSG #a :still here"));
    }

    @Test
    void aRoomWithoutNTakesMessagesFromOutside() {
        assertEquals(List.of(":server2.syncnet 404 bob #a :Cannot send to channel"),
                world.send(bob, "PRIVMSG #a :knock knock"));
        world.send(alice, "MODE #a -n");
        assertEquals(List.of(), world.send(bob, "PRIVMSG #a :knock knock"));
        assertEquals(List.of(":bob!~bob@10.0.0.2 PRIVMSG #a :knock knock"), world.drain(alice));
    }

    @Test
    void onlyOperatorsSetTheTopicUnderT() {
        world.send(bob, "JOIN #a");
        assertEquals(List.of(":server2.syncnet 482 bob #a :You're not channel operator"),
                world.send(bob, "TOPIC #a :mine"));
        world.send(alice, "MODE #a -t");
        world.drain(bob);
        assertEquals(List.of(":bob!~bob@10.0.0.2 TOPIC #a mine"), world.send(bob, "TOPIC #a :mine"));
        assertEquals(List.of(":bob!~bob@10.0.0.2 TOPIC #a mine"), world.drain(alice));
    }
}
