package org.syncnet.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chat page's own speed in headless Chromium against a running cluster (scripts/bench_page.sh starts one and
 * runs this; not part of the test suite: its name ends in neither Test nor IT). Per round, in a fresh browser on
 * server1's page: the page's load (navigation start to the load event), joining #lobby (the nick submitted until its
 * history is shown) and a failover (server1 stopped gracefully; from the page saying it lost server1 until it says it
 * reconnected to another), after which server1 is started again. Prints each
 * round and the medians. Settings: {@code -Dbench.rounds} (10), {@code -Dbench.label}.
 */
class PageTimingBench {
    static final String URL = "http://127.0.0.1:8080/syncnet/";
    static final int IRC = 8000;
    static final int ROUNDS = Integer.getInteger("bench.rounds", 10);
    static final String LABEL = System.getProperty("bench.label", "page");
    static final int HISTORY = 200;
    static final Duration WAIT = Duration.ofSeconds(30);

    /** Notes when the page says it lost its server and when it says it reconnected, by the page's clock. */
    static final String WATCH = "window.watched = {}; new MutationObserver(() => {"
            + " const w = window.watched; const status = document.getElementById('status').textContent;"
            + " if (!w.lost && status.startsWith('lost')) w.lost = performance.now();"
            + " if (w.lost && !w.back && [...document.querySelectorAll('#messages li.note')]"
            + ".some(n => n.textContent.startsWith('reconnected to'))) w.back = performance.now();"
            + " }).observe(document.body, { subtree: true, childList: true, characterData: true });";

    @Test
    void loadJoinAndReconnect() throws Exception {
        assumeTrue(ChatPage.browserInstalled(), "needs " + ChatPage.CHROMIUM + " and " + ChatPage.CHROMEDRIVER);
        fillLobby();
        List<Long> loads = new ArrayList<>();
        List<Long> joins = new ArrayList<>();
        List<Long> reconnects = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String nick = "bench" + round + "x" + (System.nanoTime() % 10_000);
            try (ChatPage page = ChatPage.open(nick, URL, 1280, 800)) {
                long load = ((Number) page.js("const n = performance.getEntriesByType('navigation')[0];"
                        + " return Math.round(n.loadEventEnd - n.startTime)")).longValue();
                long start = System.nanoTime();
                page.chooseNick(nick);
                page.await("#lobby's history shown", WAIT, p -> p.messages().size() >= HISTORY);
                long join = (System.nanoTime() - start) / 1_000_000;
                page.js(WATCH);
                run("scripts/stop_server.sh", "1");
                page.await("reconnected", WAIT, p -> p.js("return window.watched.back") != null);
                long reconnect = ((Number) page.js("return Math.round(window.watched.back - window.watched.lost)"))
                        .longValue();
                run("scripts/start_server.sh", "1");
                loads.add(load);
                joins.add(join);
                reconnects.add(reconnect);
                System.out.printf("%s round %d: load %d ms, join %d ms, reconnect %d ms%n", LABEL, round, load, join,
                        reconnect);
            }
        }
        System.out.printf("%s medians over %d rounds: load %d ms, join with %d messages %d ms, reconnect %d ms%n",
                LABEL, ROUNDS, median(loads), HISTORY, median(joins), median(reconnects));
    }

    /** #lobby gets at least its history's worth of messages, from an IRC user, within the rate limit's burst. */
    private static void fillLobby() throws Exception {
        for (int batch = 0; batch < HISTORY / 20; batch++) {
            try (IrcClient filler = IrcClient.register("filler" + batch + "x" + (System.nanoTime() % 10_000), IRC, WAIT)) {
                filler.send("JOIN #lobby");
                for (int i = 0; i < 20; i++) {
                    filler.send("PRIVMSG #lobby :filler line " + i + " with a link https://example.org/" + i);
                }
                filler.send("PING :done");
                filler.await("all sent", l -> "PONG".equals(l.command()), WAIT);
            }
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
