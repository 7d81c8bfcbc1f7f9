package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The page in headless Chromium over HTTPS on the three managed servers: a user registers her nick from the start
 * screen, chats over WSS, and stays logged in and chatting when her server dies and the page fails over to another
 * (its token, issued on the dead server, logs in there); an IRC user on the third server sees her messages and her
 * account.
 */
class BrowserChatLoginIT extends ThreeServerCluster {
    static final Duration PAGE_BOUND = Duration.ofSeconds(30);
    static final Duration FAILOVER_BOUND = Duration.ofSeconds(40);
    static final Duration WAIT = Duration.ofSeconds(20);
    static final int HTTPS1 = 8443 + 100;
    static final int IRC3 = 8000 + 102;

    private static ChatPage erin;
    private static IrcClient watcher;

    @Override
    int lastStep() {
        return 1;
    }

    @BeforeAll
    static void browserIsInstalled() {
        assumeTrue(ChatPage.browserInstalled(), "skipped: needs " + ChatPage.CHROMIUM + " and " + ChatPage.CHROMEDRIVER
                + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
    }

    @AfterAll
    static void closeClients() {
        if (erin != null) {
            erin.close();
        }
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    @Order(1)
    void aLoggedInPageStaysLoggedInAcrossAFailover() throws Exception {
        startAllWithServer3Leading();
        watcher = IrcClient.register("watcher", IRC3, WAIT);
        watcher.send("JOIN #lobby");

        erin = ChatPage.open("erin", "https://127.0.0.1:" + HTTPS1 + "/syncnet/", 1000, 800);
        erin.account("erin", "pencil-sharpener", true);
        erin.await("erin registered over HTTPS on server1", PAGE_BOUND, p -> p.accountLine().equals("logged in as erin")
                && p.status().startsWith("connected to server1 ") && p.webSocketUrl().startsWith("wss://"));
        erin.say("hello over wss");
        watcher.await("erin's message", IrcClient.message("erin", "#lobby", "hello over wss"), WAIT);

        killJvm("server1");
        erin.await("erin reconnected to another server, still logged in", FAILOVER_BOUND,
                p -> p.status().startsWith("connected to server") && !p.status().startsWith("connected to server1 ")
                        && p.accountLine().equals("logged in as erin"));
        assertTrue(erin.webSocketUrl().startsWith("wss://"), erin.webSocketUrl());
        erin.say("still me after the failover");
        watcher.await("erin's message after the failover",
                IrcClient.message("erin", "#lobby", "still me after the failover"), WAIT);
        watcher.send("WHOIS erin");
        assertEquals(List.of("watcher", "erin", "erin"), watcher.await("330: logged in on her new server too",
                IrcClient.numeric("330"), WAIT).params().subList(0, 3));
        stepPassed(1);
    }
}
