package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Identity;

/**
 * WHO and WHOIS as modern.ircdocs.horse describes them: 352 {@code <client> <channel> <username> <host> <server>
 * <nick> <flags> :<hopcount> <realname>} and 315 with the mask as sent; 311, 319, 312, 301, and 318 with the nick
 * parameter exactly as sent.
 */
class IrcWhoTest {
    private static final String ALICE = "~alice 10.0.0.1 server1.syncnet alice H :0 Alice";
    /** bob created #zed and #a, webby #Web: each is operator ({@code @}) wherever WHO shows it. */
    private static final String BOB = "~bob 10.0.0.2 server2.syncnet bob H@ :1 Bob";
    private static final String WEBBY = "web server3 server3.syncnet webby H@ :1 ";
    private static final String CAROL = "~carol 192.168.7.9 server1.syncnet carol H :0 Carol Danvers";

    private final IrcWorld world = new IrcWorld();
    private IrcSession alice;
    private IrcSession bob;

    @BeforeEach
    void usersInRoomsAndOneInNone() {
        alice = world.register("server1", 1, "10.0.0.1", "alice");
        bob = world.register("server2", 1, "10.0.0.2", "bob");
        ClientId webby = world.browser("server3", 1, "webby");
        IrcSession carol = world.connect("server1", 2, "192.168.7.9");
        world.send(carol, "NICK carol");
        world.send(carol, "USER carol 0 * :Carol Danvers");
        world.send(bob, "JOIN #zed");
        world.send(bob, "JOIN #a");
        world.send(alice, "JOIN #a");
        world.commit("server3", new ChatEvent.RoomJoined(webby, "#Web"));
        world.drain(alice);
        world.drain(bob);
    }

    /** The reported bug: WHO for a user must give its 352, by exact nick and by a mask matching the nick. */
    @Test
    void whoOfANickOrANickMaskGivesIts352() {
        assertEquals(List.of(":server1.syncnet 352 alice #a " + BOB, ":server1.syncnet 315 alice bob :End of WHO list"),
                world.send(alice, "WHO bob"));
        assertEquals(List.of(":server1.syncnet 352 alice #a " + BOB,
                ":server1.syncnet 315 alice bob* :End of WHO list"), world.send(alice, "WHO bob*"));
        assertEquals(List.of(":server1.syncnet 352 alice #a " + BOB, ":server1.syncnet 315 alice BOB :End of WHO list"),
                world.send(alice, "WHO BOB"), "any case; 315 keeps the mask as sent");
        assertEquals(List.of(":server1.syncnet 352 alice #a " + BOB, ":server1.syncnet 315 alice ?o? :End of WHO list"),
                world.send(alice, "WHO ?o?"));
    }

    @Test
    void theChannelFieldIsARoomTheUserIsInPreferablyOneTheAskerShares() {
        assertEquals(":server2.syncnet 352 bob #zed " + BOB.replace(":1 ", ":0 "), world.send(bob, "WHO bob").get(0),
                "bob asking about himself (on his own server: 0 hops): his first room");
        assertEquals(":server1.syncnet 352 alice #a " + BOB, world.send(alice, "WHO bob").get(0),
                "alice shares #a, not #zed");
        assertEquals(":server1.syncnet 352 alice #Web " + WEBBY, world.send(alice, "WHO webby").get(0));
        assertEquals(":server1.syncnet 352 alice * " + CAROL, world.send(alice, "WHO carol").get(0),
                "in no room: *");
    }

    @Test
    void whoOfAChannelListsItsMembersWithThatChannel() {
        world.send(bob, "AWAY :busy");
        assertEquals(List.of(
                ":server1.syncnet 352 alice #a " + BOB.replace(" H@ ", " G@ "),
                ":server1.syncnet 352 alice #a " + ALICE,
                ":server1.syncnet 315 alice #A :End of WHO list"), world.send(alice, "WHO #A"));
        assertEquals(List.of(":server1.syncnet 315 alice #none :End of WHO list"), world.send(alice, "WHO #none"));
        assertEquals(List.of(":server1.syncnet 315 alice #a* :End of WHO list"), world.send(alice, "WHO #a*"),
                "a channel name is a name, not a mask");
    }

    @Test
    void aMaskMatchesNickUserHostServerOrRealName() {
        assertEquals(List.of(":server1.syncnet 352 alice #a " + ALICE, ":server1.syncnet 352 alice #a " + BOB,
                ":server1.syncnet 315 alice 10.0.0.* :End of WHO list"), world.send(alice, "WHO 10.0.0.*"), "host");
        assertEquals(List.of(":server1.syncnet 352 alice #a " + BOB,
                ":server1.syncnet 315 alice server2.syncnet :End of WHO list"),
                world.send(alice, "WHO server2.syncnet"),
                "server, without wildcards: not a nick, so matched as a mask");
        assertEquals(List.of(":server1.syncnet 352 alice * " + CAROL,
                ":server1.syncnet 315 alice *danvers :End of WHO list"), world.send(alice, "WHO *danvers"),
                "real name");
        assertEquals(List.of(":server1.syncnet 352 alice * " + CAROL,
                ":server1.syncnet 315 alice ~car* :End of WHO list"), world.send(alice, "WHO ~car*"), "user name");
        assertEquals(List.of(":server1.syncnet 352 alice #Web " + WEBBY,
                ":server1.syncnet 315 alice web :End of WHO list"), world.send(alice, "WHO web"), "user name");
        assertEquals(List.of(":server1.syncnet 352 alice * " + CAROL,
                ":server1.syncnet 315 alice *!*@192.168.* :End of WHO list"), world.send(alice, "WHO *!*@192.168.*"),
                "nick!user@host");
        assertEquals(List.of(":server1.syncnet 352 alice #a " + BOB,
                ":server1.syncnet 315 alice b*!~bob@* :End of WHO list"), world.send(alice, "WHO b*!~bob@*"));
        assertEquals(List.of(":server1.syncnet 315 alice nobody :End of WHO list"), world.send(alice, "WHO nobody"));
        assertEquals(List.of(":server1.syncnet 315 alice x* :End of WHO list"), world.send(alice, "WHO x*"));
    }

    @Test
    void zeroAndStarListEveryoneInOrderOfRegistration() {
        List<String> everyone = List.of(":server1.syncnet 352 alice #a " + ALICE,
                ":server1.syncnet 352 alice #a " + BOB, ":server1.syncnet 352 alice #Web " + WEBBY,
                ":server1.syncnet 352 alice * " + CAROL);
        assertEquals(concat(everyone, ":server1.syncnet 315 alice 0 :End of WHO list"), world.send(alice, "WHO 0"));
        assertEquals(concat(everyone, ":server1.syncnet 315 alice * :End of WHO list"), world.send(alice, "WHO *"));
    }

    @Test
    void operatorsOnlyListsNobodyAsNobodyIsAnOperator() {
        assertEquals(List.of(":server1.syncnet 315 alice * :End of WHO list"), world.send(alice, "WHO * o"));
        assertEquals(List.of(":server1.syncnet 315 alice #a :End of WHO list"), world.send(alice, "WHO #a o"));
    }

    @Test
    void whoWithoutAMaskIs461() {
        assertEquals(List.of(":server1.syncnet 461 alice WHO :Not enough parameters"), world.send(alice, "WHO"));
    }

    @Test
    void whoIsBoundedButAlwaysEnds() {
        for (int i = 0; i < WhoQuery.MAX_REPLIES + 50; i++) {
            world.commit("server3", new ChatEvent.NickClaimed(new ClientId("server3", 100 + i), "w" + i, "",
                    new Identity("web", "server3", "")));
        }
        List<String> lines = world.send(alice, "WHO *");
        assertEquals(WhoQuery.MAX_REPLIES + 1, lines.size());
        assertEquals(":server1.syncnet 315 alice * :End of WHO list", lines.get(lines.size() - 1));
    }

    @Test
    void whoisGivesUserChannelsServerAwayAndEndsWithTheNickAsSent() {
        world.send(bob, "AWAY :gone fishing");
        List<String> bobInfo = List.of(
                ":server1.syncnet 311 alice bob ~bob 10.0.0.2 * Bob",
                ":server1.syncnet 319 alice bob :@#zed @#a",
                ":server1.syncnet 312 alice bob server2.syncnet :SyncNet server server2",
                ":server1.syncnet 301 alice bob :gone fishing");
        assertEquals(concat(bobInfo, ":server1.syncnet 318 alice bob :End of /WHOIS list"),
                world.send(alice, "WHOIS bob"));
        assertEquals(concat(bobInfo, ":server1.syncnet 318 alice BoB :End of /WHOIS list"),
                world.send(alice, "WHOIS BoB"), "318 keeps the case the client sent");
        assertEquals(concat(bobInfo, ":server1.syncnet 318 alice bob,webby :End of /WHOIS list"),
                world.send(alice, "WHOIS bob,webby"), "one nick a WHOIS (TARGMAX WHOIS:1); 318 names the whole list");
        assertEquals(List.of(
                ":server1.syncnet 311 alice carol ~carol 192.168.7.9 * :Carol Danvers",
                ":server1.syncnet 312 alice carol server1.syncnet :SyncNet server server1",
                ":server1.syncnet 318 alice carol :End of /WHOIS list"), world.send(alice, "WHOIS carol"),
                "in no room: no 319");
    }

    @Test
    void whoisWithAServerOrNickTarget() {
        List<String> carol = world.send(alice, "WHOIS carol");
        assertEquals(carol, world.send(alice, "WHOIS server1.syncnet carol"));
        assertEquals(carol, world.send(alice, "WHOIS SERVER2.syncnet carol"), "any server of the cluster knows all");
        assertEquals(carol, world.send(alice, "WHOIS *.syncnet carol"));
        assertEquals(carol, world.send(alice, "WHOIS carol carol"), "the target may be the nick itself");
        assertEquals(carol, world.send(alice, "WHOIS bob carol"), "or any nick");
        assertEquals(List.of(":server1.syncnet 402 alice irc.example.org :No such server",
                ":server1.syncnet 318 alice carol :End of /WHOIS list"),
                world.send(alice, "WHOIS irc.example.org carol"));
    }

    @Test
    void whoisOfAnUnknownNickIs401Then318() {
        assertEquals(List.of(":server1.syncnet 401 alice Nobody :No such nick/channel",
                ":server1.syncnet 318 alice Nobody :End of /WHOIS list"), world.send(alice, "WHOIS Nobody"));
        assertEquals(List.of(":server1.syncnet 401 alice nobody :No such nick/channel",
                ":server1.syncnet 318 alice nobody,bob :End of /WHOIS list"), world.send(alice, "WHOIS nobody,bob"));
        assertEquals(List.of(":server1.syncnet 401 alice b* :No such nick/channel",
                ":server1.syncnet 318 alice b* :End of /WHOIS list"), world.send(alice, "WHOIS b*"),
                "no wildcards in WHOIS");
        assertEquals(List.of(":server1.syncnet 431 alice :No nickname given"), world.send(alice, "WHOIS"));
        assertEquals(List.of(":server1.syncnet 431 alice :No nickname given"),
                world.send(alice, "WHOIS server1.syncnet ,"));
    }

    private static List<String> concat(List<String> lines, String last) {
        List<String> all = new ArrayList<>(lines);
        all.add(last);
        return all;
    }
}
