package org.syncnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The page's everyday features in headless Chromium against one server (container "single"), each with an IRC user
 * on the other side: unread counts, mentions, the divider and the title and icon; links, with hostile text; private
 * conversations; the commands and what IRC users see of them; Tab completion and Alt+arrows; desktop notifications,
 * allowed and refused; days and times; and the page at 1280 and 360 pixels, light and dark (screenshots in
 * target/screenshots, to look at). Nicks are fresh each test. Skipped only without Chromium and chromedriver.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SingleServerBrowserFeaturesIT {
    static final int HTTP = SingleServerIT.HTTP;
    static final int IRC = SingleServerIrcIT.IRC;
    static final String URL = "http://127.0.0.1:" + HTTP + "/syncnet/";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final List<AutoCloseable> opened = new ArrayList<>();

    @Deployment(testable = false)
    static WebArchive syncnet() {
        return TestWars.withSettings("syncnet.war", SingleServerIT.GOOD, null);
    }

    @BeforeAll
    static void browserIsInstalled() {
        assumeTrue(ChatPage.browserInstalled(), "skipped: needs " + ChatPage.CHROMIUM + " and " + ChatPage.CHROMEDRIVER
                + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    static String fresh(String prefix) {
        return prefix + ThreadLocalRandom.current().nextInt(1000, 10_000);
    }

    /** A page on the start screen, chatting as {@code nick} in #lobby once welcomed. */
    ChatPage chatting(String nick, int width, int height, Boolean notifications) throws IOException {
        ChatPage page = ChatPage.open(nick, URL, width, height, notifications);
        opened.add(page);
        page.chooseNick(nick);
        page.await(nick + " in #lobby", WAIT, p -> p.status().startsWith("connected to ") && p.roomName().equals("#lobby")
                && p.members().contains(nick));
        return page;
    }

    IrcClient irc(String nick, String... caps) throws Exception {
        IrcClient c = IrcClient.register(nick, IRC, WAIT, caps);
        opened.add(c);
        return c;
    }

    /** An IRC user in #lobby, once the page lists it among the members. */
    IrcClient inLobby(ChatPage page, String nick) throws Exception {
        IrcClient c = irc(nick);
        c.send("JOIN #lobby");
        page.await(nick + " in #lobby", WAIT, p -> p.members().contains(nick));
        return c;
    }

    @Test
    void unreadCountsMentionsTheDividerAndTheTitleAndIconFollowWhatTheUserHasNotSeen() throws Exception {
        String alice = fresh("alice");
        String bob = fresh("bob");
        String room = "#" + fresh("side");
        ChatPage page = chatting(alice, 1280, 800, null);
        IrcClient b = irc(bob);
        b.send("JOIN #lobby");
        b.send("JOIN " + room);
        page.await("bob in #lobby", WAIT, p -> p.members().contains(bob));

        page.say("/join " + room);
        page.await(room + " shown", WAIT, p -> p.roomName().equals(room) && p.members().contains(bob));
        assertEquals(List.of("#lobby", room + "*"), page.entries());
        assertEquals("SyncNet", page.title());

        b.send("PRIVMSG #lobby :first unread");
        b.send("PRIVMSG #lobby :malice is no mention, " + alice.toUpperCase() + ": this is");
        b.send("PRIVMSG #lobby :third");
        page.await("three unread in #lobby, one a mention", WAIT,
                p -> p.entries().equals(List.of("#lobby @3", room + "*")));
        assertEquals("(3) SyncNet", page.title());
        assertEquals("mention", page.js("return document.getElementById('favicon').dataset.activity"));
        assertTrue(((String) page.js("return document.getElementById('favicon').href")).startsWith("data:image/svg+xml,"));

        page.showRoom("#lobby");
        page.await("#lobby read", WAIT, p -> p.entries().equals(List.of("#lobby*", room)));
        assertEquals("SyncNet", page.title());
        assertEquals("none", page.js("return document.getElementById('favicon').dataset.activity"));
        assertEquals("first unread", page.js("const d = document.querySelector('#messages .divider');"
                + " let n = d.nextElementSibling; while (!n.matches('li.msg')) n = n.nextElementSibling;"
                + " return n.querySelector('.text').textContent"), "the divider stands before the first unread");
        assertEquals(List.of(alice.toUpperCase()), page.js("return [...document.querySelectorAll('#messages li.mention"
                + " mark.me')].map(m => m.textContent)"), "the mention is marked, 'malice' is not");

        // In another room, a message there is unread; the icon shows a dot, not the mention's badge.
        page.showRoom(room);
        b.send("PRIVMSG #lobby :while you were in " + room);
        page.await("one unread again", WAIT, p -> p.entries().equals(List.of("#lobby 1", room + "*")));
        assertEquals("unread", page.js("return document.getElementById('favicon').dataset.activity"));

        // A reload keeps the read position: the page comes back in #lobby, the divider above what was not read.
        page.reload();
        page.chooseNick(alice);
        page.await("back in #lobby after a reload", WAIT, p -> p.status().startsWith("connected to ")
                && p.roomName().equals("#lobby") && !p.messages().isEmpty());
        assertEquals("while you were in " + room, page.js("const d = document.querySelector('#messages .divider');"
                + " let n = d && d.nextElementSibling; while (n && !n.matches('li.msg')) n = n.nextElementSibling;"
                + " return n && n.querySelector('.text').textContent"));
    }

    @Test
    void httpAndHttpsBecomeSafeLinksAndEverythingElseStaysText() throws Exception {
        String alice = fresh("alice");
        String mallory = fresh("mallory");
        ChatPage page = chatting(alice, 1280, 800, null);
        IrcClient m = irc(mallory);
        m.send("JOIN #lobby");
        String longWord = "x".repeat(400);
        List<String> hostile = List.of(
                "see https://example.org/a?b=1#c and http://127.0.0.1:8080/p, then stop.",
                "javascript:alert(1) JaVaScRiPt:alert(2) data:text/html,<script>alert(3)</script> vbscript:x",
                "<img src=x onerror=alert(4)> <b>bold</b> <a href=\"https://evil.example\">click</a>",
                "https://bank.example\u202e/moc.live and https://pay\u200b.example.org",
                "https://bank.example@evil.example/login ftp://files.example file:///etc/passwd",
                longWord);
        for (String line : hostile) {
            m.send("PRIVMSG #lobby :" + line);
        }
        page.await("every line shown", WAIT, p -> p.messages().stream().filter(x -> x.contains(mallory)).count() == 6);

        assertEquals(List.of(
                        List.of("https://example.org/a?b=1#c", "https://example.org/a?b=1#c"),
                        List.of("http://127.0.0.1:8080/p", "http://127.0.0.1:8080/p"),
                        List.of("https://evil.example", "https://evil.example/"),
                        List.of("https://bank.example", "https://bank.example/"),
                        List.of("https://pay", "https://pay/")),
                page.js("return [...document.querySelectorAll('#messages .text a')].map(a => [a.textContent, a.href])"),
                "only http(s) URLs are links; bidi and zero-width characters end one; a user name makes none");
        assertEquals(List.of("noopener noreferrer|_blank"), page.js("return [...new Set([...document.querySelectorAll("
                + "'#messages .text a')].map(a => a.rel + '|' + a.target))]"));
        assertEquals(0, page.injectedElements(), "no element but the page's links came from the text");
        List<String> texts = page.messages().stream().filter(x -> x.contains(mallory + ": "))
                .map(x -> x.substring(x.indexOf(mallory + ": ") + mallory.length() + 2)).toList();
        assertEquals(hostile, texts, "every text shown as it was sent");
        assertEquals(Boolean.TRUE, page.js("const l = document.getElementById('messages');"
                + " return l.scrollWidth <= l.clientWidth"), "a very long word wraps instead of widening the page");
    }

    @Test
    void aPrivateConversationHasItsOwnEntryBothWays() throws Exception {
        String alice = fresh("alice");
        String bob = fresh("bob");
        ChatPage page = chatting(alice, 1280, 800, null);
        IrcClient b = inLobby(page, bob);

        b.send("PRIVMSG " + alice + " :psst, " + alice);
        page.await("bob's conversation listed, unread", WAIT, p -> p.entries().equals(List.of("#lobby*", bob + " @1")));
        assertFalse(page.messages().stream().anyMatch(x -> x.contains("psst")), "not in the room shown");
        page.showRoom(bob);
        page.await("the conversation shown", WAIT, p -> p.roomName().equals(bob)
                && p.messages().stream().anyMatch(x -> x.endsWith(bob + ": psst, " + alice)));
        page.say("hi back");
        b.await("alice's answer", IrcClient.message(alice, bob, "hi back"), WAIT);
        page.await("her answer confirmed in the conversation", WAIT, p -> p.pending().isEmpty()
                && p.messages().stream().anyMatch(x -> x.endsWith(alice + ": hi back")));

        // From a member of a room: its name opens a private message.
        String carol = fresh("carol");
        IrcClient c = irc(carol);
        c.send("JOIN #lobby");
        page.showRoom("#lobby");
        page.await("carol in #lobby", WAIT, p -> p.members().contains(carol));
        page.js("[...document.querySelectorAll('#members button.member-name')].find(b =>"
                + " b.querySelector('.member-nick').textContent === arguments[0]).click()", carol);
        page.find(By.cssSelector("button[data-focus='" + carol + "|query']")).click();
        page.await("carol's conversation open", WAIT, p -> p.roomName().equals(carol));
        page.say("/me waves at carol");
        c.await("the action", IrcClient.message(alice, carol, "\u0001ACTION waves at carol\u0001"), WAIT);
        page.await("shown as an action", WAIT, p -> p.messages().stream().anyMatch(x -> x.endsWith("* " + alice
                + ": waves at carol")));

        // /msg and /query from a room, and /close.
        page.showRoom("#lobby");
        page.say("/msg " + bob + " one more");
        b.await("the /msg", IrcClient.message(alice, bob, "one more"), WAIT);
        assertEquals("#lobby", page.roomName(), "/msg stays where it is");
        page.say("/query " + carol + " and you?");
        c.await("the /query", IrcClient.message(alice, carol, "and you?"), WAIT);
        page.await("/query shows the conversation", WAIT, p -> p.roomName().equals(carol));
        page.say("/close");
        page.await("closed", WAIT, p -> p.entries().equals(List.of("#lobby*", bob)));

        // The server keeps no private messages; the tab does, so a reload shows the conversation again.
        page.reload();
        page.chooseNick(alice);
        page.await("the conversation back after a reload", WAIT, p -> p.entries().equals(List.of("#lobby*", bob)));
        page.showRoom(bob);
        page.await("with its messages", WAIT, p -> p.messages().stream().map(x -> x.substring(x.indexOf(' ') + 1))
                .toList().equals(List.of(bob + ": psst, " + alice, alice + ": hi back", alice + ": one more")));
    }

    @Test
    void commandsChangeTheChatAndIrcUsersSeeThemAsIrcLines() throws Exception {
        String alice = fresh("alice");
        String bob = fresh("bob");
        ChatPage page = chatting(alice, 1280, 800, null);
        IrcClient b = irc(bob, "away-notify");
        String room = "#" + fresh("cmd");
        page.say("/join " + room);
        page.await(room + " shown", WAIT, p -> p.roomName().equals(room));
        b.send("JOIN " + room);
        page.await("bob in " + room, WAIT, p -> p.members().contains(bob));

        page.say("/me waves");
        b.await("ACTION", IrcClient.message(alice, room, "\u0001ACTION waves\u0001"), WAIT);
        page.await("the page shows the action", WAIT, p -> p.messages().stream().anyMatch(x -> x.endsWith("* " + alice
                + ": waves")));
        page.say("/topic Release on Friday");
        b.await("TOPIC", l -> "TOPIC".equals(l.command()) && alice.equals(l.nick()) && "Release on Friday".equals(l.last()),
                WAIT);
        page.await("topic shown", WAIT, p -> p.find(By.id("topic")).getText().equals("Release on Friday"));
        page.say("/away lunch");
        b.await("AWAY lunch", l -> "AWAY".equals(l.command()) && alice.equals(l.nick()) && "lunch".equals(l.last()), WAIT);
        page.await("marked away", WAIT, p -> p.notes().contains("you are marked away: lunch"));
        page.say("/back");
        b.await("AWAY without a message", l -> "AWAY".equals(l.command()) && alice.equals(l.nick())
                && l.params().isEmpty(), WAIT);
        b.send("AWAY :in a meeting");
        page.await("bob's away shown in the members", WAIT, p -> Boolean.TRUE.equals(p.js("return [...document"
                + ".querySelectorAll('#members li.member.away .member-nick')].some(e => e.textContent === arguments[0])",
                bob)));
        String renamed = fresh("alicia");
        page.say("/nick " + renamed);
        b.await("NICK", l -> "NICK".equals(l.command()) && alice.equals(l.nick()) && renamed.equals(l.last()), WAIT);
        page.await("the page holds the new nick", WAIT, p -> p.members().contains(renamed) && !p.members().contains(alice));
        page.say("/nick 9lives");
        page.await("a bad nick refused with the server's reason", WAIT, p -> p.notice().contains("9lives"));
        page.say("/frobnicate");
        page.await("an unknown command", WAIT, p -> p.notice().startsWith("unknown command /frobnicate"));
        assertEquals("/frobnicate", page.typed(), "a line that could not go stays in the box");
        page.find(By.id("text")).clear();
        page.say("/help");
        page.await("help listed", WAIT, p -> p.notes().stream().anyMatch(n -> n.startsWith("/away [message]")));

        // Tab completes a nick of the room; Alt+Up and Alt+Down go through the rooms.
        page.type(bob.substring(0, 3), Keys.TAB);
        assertEquals(bob + ": ", page.typed());
        page.find(By.id("text")).clear();
        page.altArrow(false);
        assertEquals("#lobby", page.roomName());
        page.altArrow(true);
        assertEquals(room, page.roomName());

        page.say("/part " + room + " done here");
        b.await("PART", l -> "PART".equals(l.command()) && renamed.equals(l.nick()) && "done here".equals(l.last()), WAIT);
        page.await("the room left", WAIT, p -> p.entries().equals(List.of("#lobby*")));
    }

    /**
     * The page's Notification replaced by one that records what it is asked: permission requests and notifications;
     * and, in localStorage, which a tab of the same origin reads, the page's visibility as the page last heard of it
     * and how many notifications it showed.
     */
    static final String SPY = "const Real = window.Notification; window.spy = { asked: 0, shown: [] };"
            + "localStorage.setItem('spy.shown', '0');"
            + "document.addEventListener('visibilitychange', () =>"
            + " localStorage.setItem('spy.visibility', document.visibilityState));"
            + "window.Notification = new Proxy(Real, {"
            + " construct(target, args) { window.spy.shown.push(args[0] + ' | ' + args[1].body);"
            + " localStorage.setItem('spy.shown', String(window.spy.shown.length));"
            + " return Reflect.construct(target, args); },"
            + " get(target, name) { if (name === 'requestPermission') return () => { window.spy.asked++;"
            + " return Real.requestPermission(); }; return target[name]; } });";

    /** A page whose Notification is {@link #SPY} from its first script on, chatting as {@code nick}. */
    ChatPage spiedOn(String nick, Boolean notifications) throws IOException {
        ChatPage page = ChatPage.open(nick, URL, 1280, 800, notifications);
        opened.add(page);
        page.beforeEachLoad(SPY);
        page.reload();
        page.chooseNick(nick);
        page.await(nick + " in #lobby", WAIT, p -> p.status().startsWith("connected to ") && p.roomName().equals("#lobby"));
        return page;
    }

    @Test
    void permissionIsAskedForOnlyWhenTheUserTurnsNotificationsOn() throws Exception {
        String alice = fresh("alice");
        String bob = fresh("bob");
        ChatPage page = spiedOn(alice, null);
        IrcClient b = irc(bob);
        b.send("JOIN #lobby");
        b.send("PRIVMSG #lobby :" + alice + ": a mention");
        b.send("PRIVMSG " + alice + " :a private message");
        page.await("both arrived", WAIT, p -> p.entries().equals(List.of("#lobby*", bob + " @1")));
        assertEquals(0L, page.js("return window.spy.asked"), "nothing asked before the user opts in");
        assertFalse(page.find(By.id("notify")).isSelected());

        page.find(By.id("notify")).click();
        page.await("asked once, and the answer shown", WAIT, p -> Long.valueOf(1).equals(p.js("return window.spy.asked"))
                && !p.find(By.id("notify-state")).getText().isEmpty());
        assertEquals(page.js("return Notification.permission === 'granted'"), page.find(By.id("notify")).isSelected(),
                "on exactly when the browser said yes");
    }

    @Test
    void grantedNotificationsShowMentionsAndPrivateMessagesOnlyWhileTheUserIsElsewhere() throws Exception {
        String alice = fresh("alice");
        String bob = fresh("bob");
        ChatPage page = spiedOn(alice, true);
        IrcClient b = inLobby(page, bob);

        page.find(By.id("notify")).click();
        page.await("turned on", WAIT, p -> p.find(By.id("notify-state")).getText().startsWith("on:"));
        assertTrue(page.find(By.id("notify")).isSelected());

        b.send("PRIVMSG #lobby :" + alice + ": while you look");
        page.await("the mention", WAIT, p -> p.messages().stream().anyMatch(x -> x.endsWith("while you look")));
        assertEquals(List.of(), page.js("return window.spy.shown"), "no notification while the tab is focused");

        // The other tab is of the same origin: it reads what the chat's tab heard of its visibility.
        page.lookElsewhere(URL + "status.html");
        page.await("the chat's tab knows it is hidden", WAIT,
                p -> "hidden".equals(p.js("return localStorage.getItem('spy.visibility')")));
        b.send("PRIVMSG #lobby :" + alice + ": are you there?");
        b.send("PRIVMSG #lobby :not for alice");
        b.send("PRIVMSG " + alice + " :privately");
        // Looking back before the chat's tab has shown them would leave them unshown: it reads them while visible.
        page.await("two notified while the chat's tab is hidden", WAIT,
                p -> "2".equals(p.js("return localStorage.getItem('spy.shown')")));
        page.lookBack();
        assertEquals(List.of(bob + " in #lobby | " + alice + ": are you there?", bob + " (private) | privately"),
                page.js("return window.spy.shown"));

        page.find(By.id("notify")).click();
        page.await("turned off", WAIT, p -> p.find(By.id("notify-state")).getText().equals("off"));
        page.reload();
        page.chooseNick(alice);
        page.await("after a reload", WAIT, p -> p.status().startsWith("connected to "));
        assertFalse(page.find(By.id("notify")).isSelected(), "still off");
    }

    @Test
    void aRefusedPermissionLeavesNotificationsOffAndSaysWhy() throws Exception {
        ChatPage page = spiedOn(fresh("dora"), false);
        assertEquals("blocked in this browser\u2019s site settings", page.find(By.id("notify-state")).getText());
        page.find(By.id("notify")).click();
        page.await("refused", WAIT, p -> p.find(By.id("notify-state")).getText().startsWith("the browser refused"));
        assertFalse(page.find(By.id("notify")).isSelected());
        assertEquals(0L, page.js("return window.spy.shown.length"));
    }

    @Test
    void messagesCarryTheirDayAndTheFullTimeOnHover() throws Exception {
        String alice = fresh("alice");
        ChatPage page = chatting(alice, 1280, 800, null);
        page.say("what time is it?");
        page.await("confirmed", WAIT, p -> p.pending().isEmpty()
                && p.messages().stream().anyMatch(x -> x.endsWith("what time is it?")));
        assertEquals("Today", page.js("return document.querySelector('#messages li.day').textContent"));
        @SuppressWarnings("unchecked")
        List<String> time = (List<String>) page.js("const t = [...document.querySelectorAll('#messages li.msg')].pop()"
                + ".querySelector('time'); return [t.textContent, t.dateTime, t.title]");
        assertTrue(time.get(0).matches("\\d{1,2}:\\d{2}( [AP]M)?"), time.toString());
        assertTrue(time.get(1).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), time.toString());
        assertTrue(time.get(2).contains(":") && time.get(2).length() > time.get(0).length(), time.toString());
    }

    @Test
    void thePageIsAccessibleAndFitsAPhoneInLightAndDark() throws Exception {
        String alice = fresh("alice");
        String bob = fresh("bob");
        ChatPage page = chatting(alice, 1280, 800, null);
        IrcClient b = irc(bob);
        b.send("JOIN #lobby");
        b.send("PRIVMSG #lobby :" + alice + ": the docs are at https://example.org/docs \u2014 have a look");
        b.send("PRIVMSG #lobby :\u0001ACTION waves\u0001");
        page.await("bob's lines", WAIT, p -> p.messages().stream().anyMatch(x -> x.endsWith("waves")));
        page.say("thanks " + bob);
        page.await("confirmed", WAIT, p -> p.pending().isEmpty());

        assertEquals(List.of("banner", "navigation", "main", "complementary"), page.js("return ['header', 'nav',"
                + " 'main', 'aside'].filter(t => document.querySelector(t)).map(t => ({ header: 'banner',"
                + " nav: 'navigation', main: 'main', aside: 'complementary' })[t])"));
        assertEquals(List.of(), page.js("return [...document.querySelectorAll('input, textarea')].filter(e =>"
                + " !e.labels.length && !e.getAttribute('aria-label')).map(e => e.id)"), "every input has a label");
        assertEquals("polite", page.js("return document.getElementById('announce').getAttribute('aria-live')"));
        page.await("the live region said bob's action", WAIT, p -> ("" + p.js("return document.getElementById("
                + "'announce').textContent")).equals(bob + " waves"));
        b.send("PRIVMSG " + alice + " :psst");
        page.await("a conversation with an unread message", WAIT, p -> p.entries().equals(List.of("#lobby*", bob + " @1")));
        assertEquals("private, " + bob + ": psst", page.js("return document.getElementById('announce').textContent"),
                "a private message elsewhere is said too");

        String lightColour = (String) page.js("return getComputedStyle([...document.querySelectorAll('#messages .nick')]"
                + ".find(e => e.textContent === arguments[0])).color", bob);
        for (int width : new int[] {1280, 360}) {
            if (width == 360) { // a phone's page starts with its panels folded
                page.resize(360, 740);
                page.reload();
                page.chooseNick(alice);
                page.await("back after the reload", WAIT, p -> p.messages().stream().anyMatch(x -> x.endsWith("waves")));
            }
            for (String scheme : new String[] {"light", "dark"}) {
                page.colourScheme(scheme);
                page.screenshot(SCREENSHOTS.resolve("chat-" + width + "-" + scheme + ".png"));
                assertEquals(Boolean.TRUE, page.js("return document.documentElement.scrollWidth <= window.innerWidth"),
                        "nothing wider than the window at " + width + " px, " + scheme);
            }
        }
        String darkColour = (String) page.js("return getComputedStyle([...document.querySelectorAll('#messages .nick')]"
                + ".find(e => e.textContent === arguments[0])).color", bob);
        assertNotEquals(lightColour, darkColour, "a nick's colour has a dark variant");
        assertEquals("rgb(20, 23, 29)", page.js("return getComputedStyle(document.body).backgroundColor"),
                "the dark scheme follows prefers-color-scheme");
    }
}
