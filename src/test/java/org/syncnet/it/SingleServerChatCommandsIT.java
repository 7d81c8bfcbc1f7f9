package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.syncnet.it.ChatClient.presence;
import static org.syncnet.it.ChatClient.type;
import static org.syncnet.it.IrcClient.command;
import static org.syncnet.it.IrcClient.message;
import static org.syncnet.it.IrcClient.numeric;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.syncnet.testclient.IrcLine;

/**
 * The browser's chat commands of protocol version 5 (nick, away, actions) against a real server, with an IRC client
 * in the same rooms that negotiated {@code away-notify} and {@code echo-message}: each reaches the other door as that
 * door's own users' would, once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SingleServerChatCommandsIT {
    static final int HTTP = SingleServerIT.HTTP;
    static final int IRC = SingleServerIrcIT.IRC;
    static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static WebArchive syncnet() {
        return TestWars.withSettings("syncnet.war", SingleServerIT.GOOD, null);
    }

    private static JsonObject frame(String type, String... fieldsAndValues) {
        var b = Json.createObjectBuilder().add("type", type);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            b.add(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return b.build();
    }

    private static Predicate<JsonObject> away(String nick, String message) {
        return type("away", "nick", nick).and(f -> message.equals(f.getString("message")));
    }

    /** Everything the IRC client got before this PING's PONG is in (its replies keep their order). */
    private static void barrier(IrcClient irc, String token) throws InterruptedException {
        irc.send("PING :" + token);
        irc.await("PONG " + token, l -> "PONG".equals(l.command()) && token.equals(l.last()), WAIT);
    }

    @Test
    void aBrowserAndAnIrcClientSeeEachOthersCommands() throws Exception {
        try (ChatClient web = ChatClient.connect("webber", HTTP, 5);
             IrcClient irc = IrcClient.register("ircer", IRC, WAIT, "away-notify", "echo-message")) {
            web.hello("webber", "webber-session", 0);
            web.await("welcome", type("welcome", "nick", "webber"), WAIT);
            for (String room : List.of("#cmds", "#cmds2")) {
                web.join(room, 0);
                web.await("members of " + room, type("members", "room", room), WAIT);
                irc.send("JOIN " + room);
                irc.await("366 of " + room, numeric("366").and(l -> room.equals(l.param(1))), WAIT);
            }
            web.await("ircer's joins", f -> web.frames().stream().filter(presence("ircer", "join")).count() == 2,
                    WAIT);

            // A nick change: the browser gets its nick frame, the IRC client a NICK line from the old mask, once.
            web.send(frame("nick", "nick", "webster"));
            JsonObject renamed = web.await("nick frame", type("nick", "newNick", "webster"), WAIT);
            assertEquals("webber", renamed.getString("nick"));
            IrcLine nick = irc.await("NICK", command("NICK", "webber"), WAIT);
            assertEquals("webber!web@solo", nick.prefix());
            assertEquals("webster", nick.last());

            // The topic, set by the browser user (the room's creator, so its operator): TOPIC.
            web.send(frame("topic", "room", "#cmds", "topic", "commands day"));
            IrcLine topic = irc.await("TOPIC", command("TOPIC", "webster"), WAIT);
            assertEquals(List.of("#cmds", "commands day"), topic.params());

            // An action: confirmed to the browser in its CTCP form, a PRIVMSG with CTCP ACTION on IRC.
            web.send(Json.createObjectBuilder().add("type", "message").add("id", "act-1").add("room", "#cmds")
                    .add("text", "waves").add("action", true).build());
            assertEquals("\u0001ACTION waves\u0001",
                    web.await("the action confirmed", type("event", "id", "act-1"), WAIT).getString("text"));
            irc.await("the action", message("webster", "#cmds", "\u0001ACTION waves\u0001"), WAIT);

            // Away and back: confirmed to the browser, an AWAY line each on IRC, once though two rooms are shared.
            web.send(frame("away", "message", "gone to lunch"));
            web.await("own away confirmed", away("webster", "gone to lunch"), WAIT);
            IrcLine gone = irc.await("AWAY", command("AWAY", "webster"), WAIT);
            assertEquals(List.of("gone to lunch"), gone.params());
            barrier(irc, "away");
            assertFalse(irc.has(command("AWAY", "webster")), "one AWAY line: " + irc.rawLines());
            web.send(frame("away", "message", ""));
            web.await("own back confirmed", away("webster", ""), WAIT);
            assertEquals(List.of(), irc.await("AWAY back", command("AWAY", "webster"), WAIT).params());

            // The IRC user goes away: the browser hears of it once.
            irc.send("AWAY :out to lunch");
            irc.await("306", numeric("306"), WAIT);
            web.await("ircer away", away("ircer", "out to lunch"), WAIT);

            // A private message to the away IRC user: confirmed, then its away message (IRC's 301).
            web.send(frame("private", "id", "p-1", "to", "ircer", "text", "are you there?"));
            web.await("private confirmed", type("private", "id", "p-1"), WAIT);
            irc.await("the private message", message("webster", "ircer", "are you there?"), WAIT);
            web.await("the away frame right after the confirmation", f -> {
                List<JsonObject> frames = web.frames();  // all of them: f may be the confirmation or what follows
                for (int i = 1; i < frames.size(); i++) {
                    if (type("private", "id", "p-1").test(frames.get(i - 1))
                            && away("ircer", "out to lunch").test(frames.get(i))) {
                        return true;
                    }
                }
                return false;
            }, WAIT);
            assertEquals(2, web.frames().stream().filter(away("ircer", "out to lunch")).count(),
                    "one as a room mate (once for two rooms), one after the private message: " + web.frames());

            // The IRC user's /me to the browser user: a private frame with the CTCP text.
            irc.send("PRIVMSG webster :\u0001ACTION nods\u0001");
            JsonObject nods = web.await("the IRC action", type("private", "from", "ircer"), WAIT);
            assertEquals("\u0001ACTION nods\u0001", nods.getString("text"));
            irc.send("AWAY");
            web.await("ircer back", away("ircer", ""), WAIT);
            assertTrue(!web.closed().isDone(), "still connected: " + web.frames());
        }
    }

    /** A renamed browser reconnects with its new nick and its session, and takes over its nick and rooms. */
    @Test
    void aRenamedBrowserResumesUnderItsNewNick() throws Exception {
        try (ChatClient first = ChatClient.connect("first", HTTP, 5)) {
            first.hello("roamer", "roamer-session", 0);
            first.await("welcome", type("welcome", "nick", "roamer"), WAIT);
            first.join("#roam", 0);
            first.await("members", type("members", "room", "#roam"), WAIT);
            first.send(frame("nick", "nick", "rover"));
            first.await("renamed", type("nick", "newNick", "rover"), WAIT);
            try (ChatClient second = ChatClient.connect("second", HTTP, 5)) {
                second.hello("rover", "roamer-session", first.lastSeq());
                second.await("welcome", type("welcome", "nick", "rover"), WAIT);
                JsonObject members = second.await("the rooms back", type("members", "room", "#roam"), WAIT);
                assertEquals(List.of("rover"), members.getJsonArray("nicks").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString).toList());
                first.await("replaced", type("error", "code", "REPLACED"), WAIT);
            }
        }
    }
}
