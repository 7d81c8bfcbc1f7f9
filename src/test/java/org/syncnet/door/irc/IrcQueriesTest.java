package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ClientId;

/** NAMES, WHO, WHOIS, LIST, user MODE, USERHOST, ISON and LUSERS, answered from the replicated state. */
class IrcQueriesTest {
    private final IrcWorld world = new IrcWorld();
    private IrcSession alice;
    private IrcSession bob;
    private ClientId webby;

    @BeforeEach
    void ircAndBrowserUsersInOneRoom() {
        alice = world.register("server1", 1, "10.0.0.1", "alice");
        bob = world.register("server2", 1, "10.0.0.2", "bob");
        webby = world.browser("server3", 1, "webby");
        world.send(alice, "JOIN #a");
        world.commit("server3", new ChatEvent.RoomJoined(webby, "#a"));
        world.send(bob, "JOIN #a");
        world.drain(alice);
        world.drain(bob);
    }

    @Test
    void namesListsIrcAndBrowserUsers() {
        assertEquals(List.of(":server1.syncnet 353 alice = #a :@alice webby bob",
                ":server1.syncnet 366 alice #a :End of /NAMES list"), world.send(alice, "NAMES #A"));
        assertEquals(List.of(":server1.syncnet 353 alice = #a :@alice webby bob",
                ":server1.syncnet 366 alice #a :End of /NAMES list",
                ":server1.syncnet 366 alice #none :End of /NAMES list"), world.send(alice, "NAMES #a,#none"));
        assertEquals(List.of(":server1.syncnet 366 alice * :End of /NAMES list"), world.send(alice, "NAMES"));
    }

    @Test
    void longNamesListsAreSplitIntoLinesThatFit() {
        List<String> nicks = new ArrayList<>(List.of("@alice", "webby", "bob"));
        for (int i = 0; i < 60; i++) {
            String nick = "browser_user" + (1000 + i);  // 16 characters, the longest nick
            ClientId id = world.browser("server3", 100 + i, nick);
            world.commit("server3", new ChatEvent.RoomJoined(id, "#a"));
            nicks.add(nick);
        }
        world.drain(alice);
        List<String> lines = world.send(alice, "NAMES #a");
        List<String> listed = new ArrayList<>();
        for (String line : lines.subList(0, lines.size() - 1)) {
            String prefix = ":server1.syncnet 353 alice = #a :";
            assertTrue(line.startsWith(prefix), line);
            String names = line.substring(prefix.length());
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length + 2 <= 512, line);
            listed.addAll(List.of(names.split(" ")));
        }
        assertEquals(3, lines.size() - 1, "63 nicks of up to 17 bytes, 476 bytes a line: three lines");
        assertEquals(nicks, listed);
        assertEquals(":server1.syncnet 366 alice #a :End of /NAMES list", lines.get(lines.size() - 1));
    }

    @Test
    void whoShowsEveryMemberWithServerAndAwayFlag() {
        world.send(bob, "AWAY :busy");
        assertEquals(List.of(
                ":server1.syncnet 352 alice #a ~alice 10.0.0.1 server1.syncnet alice H@ :0 Alice",
                ":server1.syncnet 352 alice #a web server3 server3.syncnet webby H :1 ",
                ":server1.syncnet 352 alice #a ~bob 10.0.0.2 server2.syncnet bob G :1 Bob",
                ":server1.syncnet 315 alice #a :End of WHO list"), world.send(alice, "WHO #a"));
        assertEquals(List.of(":server1.syncnet 352 alice #a web server3 server3.syncnet webby H :1 ",
                ":server1.syncnet 315 alice Webby :End of WHO list"), world.send(alice, "WHO Webby"));
        assertEquals(List.of(":server1.syncnet 315 alice nobody :End of WHO list"), world.send(alice, "WHO nobody"));
        assertEquals(List.of(":server1.syncnet 315 alice #none :End of WHO list"), world.send(alice, "WHO #none"));
    }

    @Test
    void whoisOfAnIrcUserAndOfABrowserUser() {
        world.send(bob, "JOIN #b");
        world.send(bob, "AWAY :gone fishing");
        assertEquals(List.of(
                ":server1.syncnet 311 alice bob ~bob 10.0.0.2 * Bob",
                ":server1.syncnet 319 alice bob :#a @#b",
                ":server1.syncnet 312 alice bob server2.syncnet :SyncNet server server2",
                ":server1.syncnet 301 alice bob :gone fishing",
                ":server1.syncnet 318 alice BOB :End of /WHOIS list"), world.send(alice, "WHOIS BOB"));
        assertEquals(List.of(
                ":server1.syncnet 311 alice webby web server3 * :",
                ":server1.syncnet 319 alice webby #a",
                ":server1.syncnet 312 alice webby server3.syncnet :SyncNet server server3",
                ":server1.syncnet 318 alice webby :End of /WHOIS list"),
                world.send(alice, "WHOIS server3.syncnet webby"));
        assertEquals(List.of(":server1.syncnet 401 alice nobody :No such nick/channel",
                ":server1.syncnet 318 alice nobody :End of /WHOIS list"), world.send(alice, "WHOIS nobody"));
        assertEquals(List.of(":server1.syncnet 431 alice :No nickname given"), world.send(alice, "WHOIS"));
    }

    @Test
    void listShowsEveryRoomWithItsSizeAndTopic() {
        world.send(bob, "JOIN #b");
        world.send(bob, "TOPIC #b :bee things");
        assertEquals(List.of(":server1.syncnet 321 alice Channel :Users  Name",
                ":server1.syncnet 322 alice #a 3 :",
                ":server1.syncnet 322 alice #b 1 :bee things",
                ":server1.syncnet 323 alice :End of /LIST"), world.send(alice, "LIST"));
        assertEquals(List.of(":server1.syncnet 321 alice Channel :Users  Name",
                ":server1.syncnet 322 alice #b 1 :bee things",
                ":server1.syncnet 323 alice :End of /LIST"), world.send(alice, "LIST #b,#none"));
    }

    /** Channel MODE is {@link IrcChannelModesTest}'s. */
    @Test
    void modeOfTheClientsOwnNick() {
        assertEquals(List.of(":server1.syncnet 221 alice +"), world.send(alice, "MODE alice"));
        assertEquals(List.of(":alice MODE alice +i"), world.send(alice, "MODE Alice +i"));
        assertEquals(List.of(), world.send(alice, "MODE alice +io"), "nothing changed, nothing said");
        assertEquals(List.of(":server1.syncnet 221 alice +i"), world.send(alice, "MODE alice"));
        assertEquals(List.of(":alice MODE alice +w-i"), world.send(alice, "MODE alice -i+w"));
        assertEquals(List.of(":server1.syncnet 502 alice :Can't change mode for other users"),
                world.send(alice, "MODE bob +i"));
        assertEquals(List.of(":server1.syncnet 502 alice :Can't change mode for other users"),
                world.send(alice, "MODE bob"));
        assertEquals(List.of(":server1.syncnet 401 alice nobody :No such nick/channel"),
                world.send(alice, "MODE nobody"));
        assertEquals(List.of(), world.lastReply.toLog());
    }

    @Test
    void userhostIsonAndLusers() {
        world.send(bob, "AWAY :away");
        assertEquals(List.of(":server1.syncnet 302 alice :bob=-~bob@10.0.0.2 webby=+web@server3"),
                world.send(alice, "USERHOST bob nobody WEBBY"));
        assertEquals(List.of(":server1.syncnet 303 alice :bob webby"), world.send(alice, "ISON :BOB nobody webby"));
        assertEquals(List.of(":server1.syncnet 303 alice :"), world.send(alice, "ISON nobody"));
        assertEquals(List.of(":server1.syncnet 461 alice ISON :Not enough parameters"), world.send(alice, "ISON"));
        assertEquals(List.of(
                ":server1.syncnet 251 alice :There are 3 users and 0 invisible on 3 servers",
                ":server1.syncnet 254 alice 1 :channels formed",
                ":server1.syncnet 255 alice :I have 1 clients and 2 servers",
                ":server1.syncnet 265 alice 1 1 :Current local users 1, max 1",
                ":server1.syncnet 266 alice 3 3 :Current global users 3, max 3"), world.send(alice, "LUSERS"));
    }
}
