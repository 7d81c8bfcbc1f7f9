package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.syncnet.it.ChatClient.type;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The browser chat end to end, in two headless Chromiums, against the three managed servers of arquillian.xml's
 * group "cluster" (HTTP 8180-8182). Alice's page is served by server1, Bob's (phone-sized) by server2; both chat
 * in #lobby. Then server1 is frozen (SIGSTOP) so that Alice's next message stays unconfirmed, Bob talks
 * meanwhile, and server1 is killed (SIGKILL). Alice's page must say so, reconnect to another server by itself,
 * resend her message with the same id and show what Bob said: every message exactly once, in the same order on
 * both pages. Then both pages scroll back through a room with more messages than a join's history holds, to its first
 * message, through the history API: Alice's by keyboard on a page whose own server is gone, Bob's by wheel on his
 * phone-sized page. Last, Alice creates a room, so she is its operator, and kicks Bob out of it through her page's
 * member controls: both pages show it. Skipped only when /usr/bin/chromium or /usr/bin/chromedriver is missing
 * (.ci/run installs them).
 */
class BrowserChatIT extends ThreeServerCluster {
    static final Duration PAGE_BOUND = Duration.ofSeconds(30);
    /** Failure detection is 5 s; the page reconnects at once, so this only bounds a busy machine. */
    static final Duration FAILOVER_BOUND = Duration.ofSeconds(40);
    static final String MIDDOT = "\u00b7";
    static final String OLD_ROOM = "#scrollback";
    static final String MODERATED_ROOM = "#moderation";
    /** 18 connections of 16 messages: 288, more than the 200 of a join's history; each within the rate burst. */
    static final int SENDERS = 18;
    static final int PER_SENDER = 16;
    static final int JOIN_HISTORY = 200;
    static final Duration WAIT = Duration.ofSeconds(20);

    /** The pages live through both steps (JUnit makes an instance per step). */
    private static final List<ChatPage> pages = new ArrayList<>();
    private static ChatPage alice;
    private static ChatPage bob;

    @Override
    int lastStep() {
        return 3;
    }

    @BeforeAll
    static void browserIsInstalled() {
        assumeTrue(ChatPage.browserInstalled(), "skipped: needs " + ChatPage.CHROMIUM + " and " + ChatPage.CHROMEDRIVER
                + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
    }

    @Test
    @Order(1)
    void twoUsersOnDifferentServersKeepChattingWhenOnesServerDies() throws Exception {
        startAllWithServer3Leading();

        alice = open("alice", HTTP1, 1000, 800);
        bob = open("bob", HTTP2, 390, 760); // phone-sized
        alice.chooseNick("alice");
        alice.await("alice in #lobby on server1", PAGE_BOUND, p -> p.status().equals(
                "connected to server1 " + MIDDOT + " leader server3") && p.roomName().equals("#lobby"));
        bob.chooseNick("bob");
        bob.await("bob in #lobby on server2", PAGE_BOUND, p -> p.status().equals(
                "connected to server2 " + MIDDOT + " leader server3") && p.roomName().equals("#lobby"));
        for (ChatPage page : List.of(alice, bob)) {
            page.await("both in the members list", PAGE_BOUND, p -> p.members().containsAll(List.of("alice", "bob")));
        }
        assertTrue(bob.isDisplayed("text"), "the message box fits a phone screen");
        assertFalse(bob.panelOpen("rooms-panel") || bob.panelOpen("members-panel"), "a phone starts with panels folded");

        alice.say("hello from alice");
        bob.await("alice's greeting", PAGE_BOUND, p -> texts(p).contains("alice: hello from alice"));
        String markup = "<b>hi</b> alice & <img src=x>";
        bob.say(markup);
        alice.await("bob's answer, as text", PAGE_BOUND, p -> texts(p).contains("bob: " + markup));
        assertEquals(0, alice.injectedElements(), "text is never rendered as HTML");

        // Freeze server1: Alice's next message reaches its socket but is never confirmed there.
        freeze("server1");
        alice.say("alice while server1 is frozen");
        assertEquals(List.of("alice while server1 is frozen"), alice.pending(), "shown as not yet confirmed");
        bob.say("bob while alice is cut off");
        bob.await("bob's message confirmed by the cluster", PAGE_BOUND,
                p -> texts(p).contains("bob: bob while alice is cut off"));
        assertFalse(texts(alice).contains("bob: bob while alice is cut off"), "server1 is frozen: alice cannot see it");

        long killAt = killJvm("server1");

        alice.await("the page says the connection was lost", FAILOVER_BOUND,
                p -> p.notes().contains("lost the connection to server1; reconnecting"));
        alice.await("alice reconnected elsewhere, nothing pending, bob's message there", FAILOVER_BOUND,
                p -> p.status().startsWith("connected to server") && !p.status().startsWith("connected to server1 ")
                        && p.pending().isEmpty() && texts(p).contains("bob: bob while alice is cut off")
                        && texts(p).contains("alice: alice while server1 is frozen"));
        log("SIGKILL of server1 -> alice's page on " + alice.status() + " with her message confirmed after "
                + (System.nanoTime() - killAt) / 1_000_000 + " ms");
        bob.await("alice's resent message", FAILOVER_BOUND,
                p -> texts(p).contains("alice: alice while server1 is frozen"));

        alice.say("alice after the failover");
        for (ChatPage page : List.of(alice, bob)) {
            page.await("the message after the failover", PAGE_BOUND,
                    p -> texts(p).contains("alice: alice after the failover"));
        }
        // Frozen server1 never read Alice's message: it entered the log only when resent, after Bob's.
        List<String> expected = List.of("alice: hello from alice", "bob: " + markup, "bob: bob while alice is cut off",
                "alice: alice while server1 is frozen", "alice: alice after the failover");
        for (ChatPage page : List.of(alice, bob)) {
            assertEquals(expected, texts(page).stream().filter(expected::contains).toList(),
                    page.name + ": every message once, in order");
        }
        assertEquals(bob.messages(), alice.messages(), "both pages show the same messages with the same seqs");
        log("alice now: " + alice.status() + "; messages " + alice.messages());
        stepPassed(1);
    }

    /**
     * 288 messages in a new room, sent fast from 18 WebSocket connections; the pages join it afterwards and get the
     * last 200, then scroll up until the top says "beginning of #scrollback": every message exactly once, in the
     * cluster's order, an IRC {@code /me} and markup shown as live ones are (as text). Each older page appears above
     * the message the user was looking at, which stays in place. Alice's page came from server1, which is dead: she
     * reads the history from the server she is connected to (cross-origin).
     */
    @Test
    @Order(2)
    void bothPagesScrollBackThroughARoomsWholeHistory() throws Exception {
        requireStepsPassed(1);
        long filling = System.nanoTime();
        List<String> expected = fillOldRoom();
        log(OLD_ROOM + ": " + expected.size() + " messages sent and persisted in "
                + (System.nanoTime() - filling) / 1_000_000 + " ms");
        List<String> lobby = alice.messages();

        long started = System.nanoTime();
        alice.joinAndShow(OLD_ROOM);
        bob.joinAndShow(OLD_ROOM);
        for (ChatPage page : List.of(alice, bob)) {
            page.await("the room's join history: its last " + JOIN_HISTORY + " messages", PAGE_BOUND,
                    p -> p.roomName().equals(OLD_ROOM) && p.messages().size() == JOIN_HISTORY);
            assertEquals(expected.subList(expected.size() - JOIN_HISTORY, expected.size()), page.messages(),
                    page.name + ": the join history");
        }
        scrollBackToTheStart(alice, ChatPage::scrollToTopByKeyboard);
        scrollBackToTheStart(bob, ChatPage::scrollUpByWheel);
        for (ChatPage page : List.of(alice, bob)) {
            assertEquals(expected, page.messages(), page.name + ": the whole room, every message once, in order");
            assertEquals(0, page.injectedElements(), "older text is never rendered as HTML either");
        }
        log("both pages scrolled back through " + expected.size() + " messages in "
                + (System.nanoTime() - started) / 1_000_000 + " ms (joins included)");

        // Rooms page back separately: #lobby, too short to scroll, reached its beginning by itself, unchanged.
        alice.showRoom("#lobby");
        alice.await("#lobby shown, at its beginning", PAGE_BOUND,
                p -> p.roomName().equals("#lobby") && p.olderMarker().equals("beginning of #lobby"));
        assertEquals(lobby, alice.messages(), "#lobby: nothing lost or doubled");
        stepPassed(2);
    }

    /**
     * Alice creates a room and is its operator ({@code @}, listed first); Bob, who joins it, is not and gets no
     * controls. Alice kicks him through her members list, with a reason: her page says so and lists her alone, his
     * says who kicked him and why, and no longer lists the room.
     */
    @Test
    @Order(3)
    void anOperatorKicksAUserThroughThePage() {
        requireStepsPassed(2);
        alice.joinAndShow(MODERATED_ROOM);
        alice.await("alice, who created the room, is its operator", PAGE_BOUND,
                p -> p.roomName().equals(MODERATED_ROOM) && p.memberEntries().equals(List.of("@alice")));
        bob.joinAndShow(MODERATED_ROOM);
        for (ChatPage page : List.of(alice, bob)) {
            page.await("both in the room, alice first as its operator", PAGE_BOUND,
                    p -> p.roomName().equals(MODERATED_ROOM) && p.memberEntries().equals(List.of("@alice", "bob")));
        }
        assertTrue(alice.hasOperatorControls(), "the operator gets controls");
        assertFalse(bob.hasOperatorControls(), "bob is no operator: no controls");

        alice.kick("bob", "enough for today");
        alice.await("the kick in alice's room", PAGE_BOUND,
                p -> p.notes().contains("alice kicked bob (enough for today)")
                        && p.memberEntries().equals(List.of("@alice")));
        bob.await("bob told he was kicked, the room gone from his page", PAGE_BOUND,
                p -> p.notice().equals("alice kicked you from " + MODERATED_ROOM + " (enough for today)")
                        && !p.rooms().contains(MODERATED_ROOM));
        stepPassed(3);
    }

    /** Sends the old room's messages and returns them as a page shows them ("seq nick: text"), in log order. */
    private static List<String> fillOldRoom() throws Exception {
        List<ChatClient> clients = new ArrayList<>();
        try {
            // Every connection registers and joins at once (the round trips through the leader overlap).
            for (int s = 0; s <= SENDERS; s++) {
                String nick = s == SENDERS ? "watcher" : "old" + s;
                ChatClient c = ChatClient.connect(nick, s % 2 == 0 ? HTTP2 : HTTP3);
                clients.add(c);
                c.hello(nick, nick + "-session", 0);
            }
            for (ChatClient c : clients) {
                c.await("welcome", type("welcome"), WAIT);
                c.join(OLD_ROOM, 0);
            }
            for (ChatClient c : clients) {
                c.await("the room's history", type("history", "room", OLD_ROOM), WAIT);
            }
            for (int s = 0; s < SENDERS; s++) {
                for (int k = 0; k < PER_SENDER; k++) {
                    clients.get(s).say(OLD_ROOM, "old" + s + "-" + k, oldText(s, k));
                }
            }
            ChatClient watcher = clients.get(SENDERS);
            int total = SENDERS * PER_SENDER;
            watcher.awaitMessages("all " + total + " messages", m -> m.size() == total, WAIT);
            List<JsonObject> log = watcher.messages();
            awaitPersisted(log.get(log.size() - 1).getJsonNumber("seq").longValue());
            return log.stream().map(m -> m.getJsonNumber("seq") + " " + shown(m.getString("nick"), m.getString("text")))
                    .toList();
        } finally {
            clients.forEach(ChatClient::close);
        }
    }

    /** The room's very first messages, read from the history API only, include an IRC /me and markup. */
    private static String oldText(int sender, int k) {
        if (sender == 0 && k == 0) {
            return "\u0001ACTION waves from the start\u0001";
        }
        if (sender == 0 && k == 1) {
            return "<b>old</b> & <img src=x>";
        }
        return "old message " + k + " of old" + sender;
    }

    /** "nick: text" as the page shows it: a /me as "* nick: action". */
    private static String shown(String nick, String text) {
        return text.startsWith("\u0001ACTION ") ? "* " + nick + ": " + text.substring(8, text.length() - 1)
                : nick + ": " + text;
    }

    /** The history API answers what was persisted up to a quarter of a second ago: wait until server2 and 3 hold it. */
    private static void awaitPersisted(long seq) throws InterruptedException {
        ClusterViews http = new ClusterViews();
        for (int port : new int[] {HTTP2, HTTP3}) {
            String url = "http://127.0.0.1:" + port + "/syncnet/api/history";
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!http.get(url).map(ClusterViews.Answer::json)
                    .map(j -> j.getJsonNumber("highestSeq").longValue() >= seq).orElse(false)) {
                assertTrue(System.nanoTime() < deadline, url + ": seq " + seq + " not persisted within " + WAIT);
                TimeUnit.MILLISECONDS.sleep(25); // the poll's pace
            }
        }
    }

    /**
     * Scrolls up (keyboard or wheel) until the top of the list says the room begins; after each older page the
     * message that was the oldest shown must still be in view, near the top where the user left it, with the new
     * page above it (scrolled out of view, not pushed over it).
     */
    private static void scrollBackToTheStart(ChatPage page, Consumer<ChatPage> scrollUp) {
        String start = "beginning of " + OLD_ROOM;
        for (int round = 1; !page.olderMarker().equals(start); round++) {
            assertTrue(round <= 5, page.name + ": still not at the beginning after " + (round - 1) + " scrolls");
            List<String> before = page.messages();
            String oldestSeq = before.get(0).substring(0, before.get(0).indexOf(' '));
            scrollUp.accept(page);
            page.await("an older page above seq " + oldestSeq, PAGE_BOUND, p -> p.messages().size() > before.size()
                    && !p.olderMarker().startsWith("loading"));
            List<Double> place = page.placeOf(oldestSeq);
            double offset = place.get(0);
            double height = place.get(1);
            double scrolled = place.get(2);
            log(page.name + ": scroll " + round + " -> " + page.messages().size() + " messages; seq " + oldestSeq
                    + " now " + Math.round(offset) + " px from the top of a " + Math.round(height) + " px list");
            assertTrue(offset >= 0 && offset < height / 2, page.name + ": seq " + oldestSeq
                    + " stayed where the user was reading, not pushed away by the page above it: " + place);
            assertTrue(scrolled > 0, page.name + ": the older page is above the view: " + place);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private ChatPage open(String name, int port, int width, int height) throws IOException {
        ChatPage page = ChatPage.open(name, "http://127.0.0.1:" + port + "/syncnet/", width, height);
        pages.add(page);
        return page;
    }

    /** "nick: text" of each confirmed message, in page order. */
    private static List<String> texts(ChatPage page) {
        return page.messages().stream().map(m -> m.substring(m.indexOf(' ') + 1)).toList();
    }

    private static void log(String line) {
        System.out.println("[BrowserChatIT] " + line);
    }

    /** Browsers closed, also when the scenario failed half-way; then the servers stop. */
    @Override
    void scenarioOver() {
        for (ChatPage page : pages) {
            try {
                page.close();
            } catch (RuntimeException e) {
                log("could not close " + page.name + "'s browser: " + e);
            }
        }
        pages.clear();
    }
}
