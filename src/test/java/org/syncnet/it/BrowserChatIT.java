package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser chat end to end, in two headless Chromiums, against the three managed servers of arquillian.xml's
 * group "cluster" (HTTP 8180-8182). Alice's page is served by server1, Bob's (phone-sized) by server2; both chat
 * in #lobby. Then server1 is frozen (SIGSTOP) so that Alice's next message stays unconfirmed, Bob talks
 * meanwhile, and server1 is killed (SIGKILL). Alice's page must say so, reconnect to another server by itself,
 * resend her message with the same id and show what Bob said: every message exactly once, in the same order on
 * both pages. Skipped only when /usr/bin/chromium or /usr/bin/chromedriver is missing (.ci/run installs them).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserChatIT extends ThreeServerCluster {
    static final Duration START_BOUND = Duration.ofSeconds(60);
    static final Duration PAGE_BOUND = Duration.ofSeconds(30);
    /** Failure detection is 5 s; the page reconnects at once, so this only bounds a busy machine. */
    static final Duration FAILOVER_BOUND = Duration.ofSeconds(40);
    static final String MIDDOT = "\u00b7";

    private final List<ChatPage> pages = new ArrayList<>();

    @Override
    int lastStep() {
        return 1;
    }

    @BeforeAll
    static void browserIsInstalled() {
        assumeTrue(ChatPage.browserInstalled(), "skipped: needs " + ChatPage.CHROMIUM + " and " + ChatPage.CHROMEDRIVER
                + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
    }

    @Test
    void twoUsersOnDifferentServersKeepChattingWhenOnesServerDies() throws Exception {
        SERVERS.forEach(this::startAndDeploy);
        new ClusterViews().await("server3 leads all three with quorum", START_BOUND,
                ClusterViews.leaderWithQuorum("server3"), HTTP1, HTTP2, HTTP3);

        ChatPage alice = open("alice", HTTP1, 1000, 800);
        ChatPage bob = open("bob", HTTP2, 390, 760); // phone-sized
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
