package org.syncnet.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One user's chat page (src/main/webapp/index.html) in its own headless Chromium, driven through chromedriver.
 * Uses Debian's /usr/bin/chromium and /usr/bin/chromedriver; Selenium Manager is never asked for a browser.
 * Reads the page as the user sees it (the DOM); every wait polls with a deadline.
 */
final class ChatPage implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration POLL = Duration.ofMillis(50);

    final String name;
    private final Path profile;
    private final ChromeDriver driver;
    /** The chat's tab while another is shown ({@link #lookElsewhere}). */
    private String chatWindow;

    private ChatPage(String name, Path profile, ChromeDriver driver) {
        this.name = name;
        this.profile = profile;
        this.driver = driver;
    }

    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A fresh browser (own temporary profile) on {@code url}, with a window of the given size. */
    static ChatPage open(String name, String url, int width, int height) throws IOException {
        return open(name, url, width, height, null);
    }

    /**
     * As {@link #open(String, String, int, int)}, with the browser's answer to the page's notification permission
     * request set beforehand: allowed ({@code true}), blocked ({@code false}) or asked ({@code null}).
     */
    static ChatPage open(String name, String url, int width, int height, Boolean notifications) throws IOException {
        Path profile = Files.createTempDirectory("syncnet-chromium-" + name);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                // A wheel or key scroll lands at once, as on a slow machine's page: where it lands is then testable.
                "--disable-smooth-scrolling",
                // The test servers' HTTPS certificate is self-signed (TestTls).
                "--ignore-certificate-errors");
        if (notifications != null) {
            options.setExperimentalOption("prefs",
                    java.util.Map.of("profile.default_content_setting_values.notifications", notifications ? 1 : 2));
        }
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
        ChatPage page = new ChatPage(name, profile, driver);
        try {
            driver.manage().window().setSize(new Dimension(width, height));
            driver.get(url);
        } catch (RuntimeException e) {
            page.close();
            throw e;
        }
        return page;
    }

    void chooseNick(String nick) {
        driver.findElement(By.id("nick")).clear();
        driver.findElement(By.id("nick")).sendKeys(nick, Keys.ENTER);
    }

    /** From the start screen: the account form's nick and password, then "Register" (or "Log in"). */
    void account(String nick, String password, boolean register) {
        driver.findElement(By.id("account-nick")).clear();
        driver.findElement(By.id("account-nick")).sendKeys(nick);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id(register ? "register" : "login")).click();
    }

    /** What the header says of the account: "logged in as alice", "not logged in". */
    String accountLine() {
        return driver.findElement(By.id("account-name")).getText();
    }

    /** Types one line into the message box and presses Enter. */
    void say(String text) {
        driver.findElement(By.id("text")).sendKeys(text, Keys.ENTER);
    }

    /**
     * Joins a room through the rooms panel and opens it, as a user does: on a phone the panel is unfolded for that
     * and folded again afterwards.
     */
    void joinAndShow(String room) {
        boolean folded = !panelOpen("rooms-panel");
        if (folded) {
            driver.findElement(By.cssSelector("#rooms-panel summary")).click();
        }
        driver.findElement(By.id("join-room")).sendKeys(room, Keys.ENTER);
        showRoom(room);
        if (folded) {
            driver.findElement(By.cssSelector("#rooms-panel summary")).click();
        }
    }

    /** Clicks the room in the rooms panel once it is listed there (found and clicked at once: the list is redrawn). */
    void showRoom(String room) {
        await(room + " listed among the rooms", Duration.ofSeconds(30), p -> Boolean.TRUE.equals(
                ((JavascriptExecutor) driver).executeScript("for (const b of document.querySelectorAll("
                        + "'button.room')) if (b.querySelector('.room-name').textContent === arguments[0])"
                        + " { b.click(); return true; } return false;", room)));
    }

    /** What the top of the message list says: "loading older messages…", "beginning of #room", an error, or "". */
    String olderMarker() {
        return driver.findElement(By.id("older-text")).getDomProperty("textContent");
    }

    /** A keyboard user: the message list takes the focus (Tab would reach it), then Home scrolls it to the top. */
    void scrollToTopByKeyboard() {
        driver.findElement(By.id("messages")).sendKeys(Keys.HOME);
    }

    /** A wheel (or a swipe's) scroll far up over the message list. */
    void scrollUpByWheel() {
        new Actions(driver).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(
                driver.findElement(By.id("messages"))), 0, -100_000).perform();
    }

    /**
     * Where the message with this seq is, in CSS pixels from the top of the message list's visible area (negative:
     * scrolled out above), and the list's visible height and scroll offset: {@code [offset, height, scrollTop]}.
     */
    List<Double> placeOf(String seq) {
        @SuppressWarnings("unchecked")
        List<Number> place = (List<Number>) ((JavascriptExecutor) driver).executeScript(
                "const list = document.getElementById('messages');"
                        + "const li = list.querySelector('li.msg[data-seq=\"' + arguments[0] + '\"]');"
                        + "return [li.getBoundingClientRect().top - list.getBoundingClientRect().top,"
                        + " list.clientHeight, list.scrollTop];", seq);
        return place.stream().map(Number::doubleValue).toList();
    }

    /** The URL of the page's WebSocket, or null while it has none. */
    String webSocketUrl() {
        return (String) ((JavascriptExecutor) driver).executeScript("return chat.ws && chat.ws.url");
    }

    String status() {
        return driver.findElement(By.id("status")).getText();
    }

    String roomName() {
        return driver.findElement(By.id("room-name")).getText();
    }

    /** Confirmed messages of the room shown, in page order, as "seq nick: text". */
    List<String> messages() {
        return strings("return [...document.querySelectorAll('#messages li.msg')].map(li => li.dataset.seq + ' '"
                + " + li.querySelector('.nick').textContent + ': ' + li.querySelector('.text').textContent)");
    }

    /** Messages typed but not yet confirmed, as "text". */
    List<String> pending() {
        return strings("return [...document.querySelectorAll('#pending li .text')].map(e => e.textContent)");
    }

    /** The page's notes in the room shown (connection lost, reconnected, someone joined...). */
    List<String> notes() {
        return strings("return [...document.querySelectorAll('#messages li.note')].map(e => e.textContent)");
    }

    /** The nicks in the members list, without their {@code @} or {@code +}. */
    List<String> members() {
        return strings("return [...document.querySelectorAll('#members li .member-nick')].map(e => e.textContent)");
    }

    /** The members list as shown: each nick with its {@code @} or {@code +}, operators first. */
    List<String> memberEntries() {
        return strings("return [...document.querySelectorAll('#members li.member')].map(li =>"
                + " li.querySelector('.prefix').textContent + li.querySelector('.member-nick').textContent)");
    }

    /** Whether the page offers this user operator controls (member actions or the room's settings). */
    boolean hasOperatorControls() {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('#members button.member-name')]"
                        + ".some(b => b.title.startsWith('operator actions'))"
                        + " || !document.getElementById('room-settings').hidden"));
    }

    /** As an operator does: opens the member's actions in the members list, types the reason, clicks Kick. */
    void kick(String nick, String reason) {
        WebElement toggle = (WebElement) ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('#members button.member-name')]"
                        + ".find(b => b.querySelector('.member-nick').textContent === arguments[0])", nick);
        toggle.click();
        driver.findElement(By.cssSelector(".member-actions .kick-reason")).sendKeys(reason);
        driver.findElement(By.cssSelector(".member-actions button[data-focus='" + nick + "|kick']")).click();
    }

    /** The page's line for what went wrong or happened to this user (a refusal, a kick). */
    String notice() {
        return driver.findElement(By.id("notice")).getDomProperty("textContent");
    }

    /** The rooms the page lists, as named there. */
    List<String> rooms() {
        return strings("return [...document.querySelectorAll('#rooms .room-name')].map(e => e.textContent)");
    }

    /**
     * Every room and conversation the list shows, as "name", "name 3" (unread) or "name @3" (a mention among them),
     * and "*" after the one shown: {@code ["#lobby 2", "#side*", "bob @1"]}.
     */
    List<String> entries() {
        return strings("return [...document.querySelectorAll('button.room')].map(b =>"
                + " b.querySelector('.room-name').textContent + (b.querySelector('.badge') ? ' '"
                + " + b.querySelector('.badge').textContent : '') + (b.getAttribute('aria-current') ? '*' : ''))");
    }

    /**
     * How many elements the messages list holds that a message could have injected as HTML: anything in a text but
     * the page's own links and mention marks.
     */
    long injectedElements() {
        return (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.querySelectorAll('#messages .text *:not(a.link):not(mark.me), #messages b,"
                        + " #messages img, #messages script').length");
    }

    /** Runs a script in the page (its arguments as {@code arguments[i]}) and returns what it returns. */
    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs {@code script} in every page this browser loads from now on, before the page's own scripts. */
    void beforeEachLoad(String script) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", script));
    }

    String title() {
        return driver.getTitle();
    }

    /** Types into the message box without sending. */
    void type(CharSequence... keys) {
        driver.findElement(By.id("text")).sendKeys(keys);
    }

    /** What the message box holds. */
    String typed() {
        return driver.findElement(By.id("text")).getDomProperty("value");
    }

    /** Presses Alt+Down (or Alt+Up) in the message box: the next (or previous) room or conversation. */
    void altArrow(boolean down) {
        driver.findElement(By.id("text")).sendKeys(Keys.chord(Keys.ALT, down ? Keys.ARROW_DOWN : Keys.ARROW_UP));
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    void reload() {
        driver.navigate().refresh();
    }

    /** Opens {@code url} in another tab and shows it: the chat's tab is then hidden, as when the user looks elsewhere. */
    void lookElsewhere(String url) {
        chatWindow = driver.getWindowHandle();
        driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        driver.get(url);
    }

    /** Closes the other tab and shows the chat's again. */
    void lookBack() {
        driver.close();
        driver.switchTo().window(chatWindow);
    }

    /** The system colour scheme the page sees: {@code dark} or {@code light}. */
    void colourScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                java.util.Map.of("features", List.of(java.util.Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** A screenshot of the window, as a PNG file. */
    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    boolean isDisplayed(String id) {
        return driver.findElement(By.id(id)).isDisplayed();
    }

    boolean panelOpen(String id) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                "return document.getElementById(arguments[0]).open", id));
    }

    /** Polls {@code condition} until it is true (or non-null), failing after {@code timeout} with {@code what}. */
    <T> T await(String what, Duration timeout, Function<ChatPage, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, POLL);
        wait.withMessage(() -> name + ": " + what + "; status '" + status() + "', entries " + entries()
                + ", messages " + messages()
                + ", pending " + pending() + ", notes " + notes());
        return wait.until((WebDriver d) -> condition.apply(this));
    }

    @SuppressWarnings("unchecked")
    private List<String> strings(String script) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(script);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
