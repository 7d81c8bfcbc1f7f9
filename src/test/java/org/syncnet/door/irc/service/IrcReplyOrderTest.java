package org.syncnet.door.irc.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.app.LocalChat;
import org.syncnet.door.irc.IrcConfig;
import org.syncnet.door.irc.IrcOperators;
import org.syncnet.door.irc.OperPassword;
import org.syncnet.door.irc.IrcServerInfo;
import org.syncnet.door.irc.net.TcpServer;
import org.syncnet.door.irc.net.TcpServerOptions;

/**
 * The IRC door's reply order through a real socket, with a log the test commits by hand: replies to a client's
 * commands come in the order it sent them, whether answered at once or through the log, and an event the log does not
 * apply in time is answered with an error so the commands behind it go on.
 */
class IrcReplyOrderTest {
    private final HandCommittedLog log = new HandCommittedLog();
    private final LocalChat chat = log.chat;
    private final ExecutorService applier = Executors.newSingleThreadExecutor();
    private final ExecutorService checker = Executors.newSingleThreadExecutor();
    private TcpServer<IrcConnection> server;
    private Socket socket;
    private BufferedReader in;

    @BeforeEach
    void start() throws IOException {
        chat.start(applier);
        String opers = "admin=" + OperPassword.hash("secret".toCharArray(), OperPassword.MIN_ITERATIONS);
        IrcConfig config = IrcConfig.fromSettings(name -> name.equals(IrcOperators.SETTING) ? opers : null);
        IrcServerInfo info = IrcServerInfo.forServer("server1", "test", "today", List.of());
        TcpServerOptions options = new TcpServerOptions("test: IRC", "127.0.0.1", 0, 10, IrcConnections.FULL, 1 << 20,
                Duration.ofMillis(20), Duration.ofMillis(500));
        server = new TcpServer<>(options, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }, new IrcConnections(chat, info, config, checker, TestAccounts.of(chat)));
        server.start();
        socket = new Socket("127.0.0.1", server.port());
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws IOException {
        socket.close();
        server.stop();
        chat.stop();
        applier.shutdownNow();
        checker.shutdownNow();
    }

    private void write(String lines) throws IOException {
        socket.getOutputStream().write(lines.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Lines until one whose command (second word) is {@code command}, that one included. */
    private List<String> readThrough(String command) throws IOException {
        socket.setSoTimeout(5000);
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = in.readLine();
            assertTrue(line != null, "closed; got " + lines);
            lines.add(line);
            String[] words = line.split(" ");
            if (words.length > 1 && words[1].equals(command)) {
                return lines;
            }
        }
    }

    /** Asserts that no line comes within a short while (what is held back stays held back). */
    private void assertSilent() throws IOException {
        socket.setSoTimeout(300);
        try {
            String line = in.readLine();
            throw new AssertionError("unexpected line " + line);
        } catch (SocketTimeoutException expected) {
            // nothing, as it should be
        }
    }

    private static List<String> commands(List<String> lines) {
        return lines.stream().map(l -> l.split(" ")[1]).toList();
    }

    private void register() throws Exception {
        write("NICK alice\r\nUSER a 0 * :Alice\r\n");
        log.commit(log.next());
        readThrough("422");  // the welcome burst ends with the missing MOTD
    }

    @Test
    void aPongWaitsForTheRepliesOfTheJoinSentBeforeIt() throws Exception {
        register();
        write("JOIN #a\r\nPING x\r\n");
        HandCommittedLog.Submitted join = log.next();
        assertSilent();
        log.commit(join);
        assertEquals(List.of("JOIN", "353", "366", "PONG"), commands(readThrough("PONG")));
    }

    @Test
    void aQueryAfterAJoinIsAnsweredOnceTheJoinIsAppliedAndSeesIt() throws Exception {
        register();
        write("JOIN #a\r\nNAMES #a\r\nAWAY :lunch\r\nPING x\r\n");
        HandCommittedLog.Submitted join = log.next();
        assertNull(log.poll(300), "AWAY waits behind NAMES, which waits for the JOIN");
        log.commit(join);
        List<String> joined = readThrough("366");
        assertEquals(List.of("JOIN", "353", "366"), commands(joined));
        List<String> names = readThrough("366");
        assertEquals(List.of("353", "366"), commands(names));
        assertTrue(names.get(0).endsWith(":@alice"), names.get(0));
        HandCommittedLog.Submitted away = log.next();
        assertSilent();
        log.commit(away);
        assertEquals(List.of("306", "PONG"), commands(readThrough("PONG")));
    }

    @Test
    void messagesGoToTheLogWithoutWaitingForEachOtherAndTheirRepliesStayInOrder() throws Exception {
        register();
        write("JOIN #a\r\n");
        log.commit(log.next());
        readThrough("366");
        write("PRIVMSG #a :one\r\nPRIVMSG #nowhere :two\r\nPRIVMSG #a :three\r\nPING x\r\n");
        HandCommittedLog.Submitted one = log.next();
        HandCommittedLog.Submitted three = log.next();  // the second message did not wait for the first to commit
        assertSilent();  // not even the refusal of the second, which the door answers itself
        log.commit(one);
        assertEquals(List.of("403"), commands(readThrough("403")));
        assertSilent();
        log.commit(three);
        assertEquals(List.of("PONG"), commands(readThrough("PONG")));
    }

    @Test
    void aCommandTheLogDoesNotApplyInTimeGetsAnErrorAndTheNextOnesGoOn() throws Exception {
        register();
        write("JOIN #a\r\nPING x\r\nNAMES #a\r\n");
        HandCommittedLog.Submitted join = log.next();
        assertSilent();
        chat.expireReplies(0);  // every event in flight is overdue
        List<String> lines = readThrough("366");
        assertEquals(List.of("437", "PONG", "366"), commands(lines), "the NAMES of a room that does not exist yet");
        log.commit(join);  // it commits after all: the client hears of it as of any change
        assertEquals(List.of("JOIN", "353", "366"), commands(readThrough("366")));
    }

    @Test
    void operIsCheckedOffTheLoopAndTheCommandsBehindItWaitForItsAnswer() throws Exception {
        register();
        write("OPER admin wrong\r\nPING x\r\nOPER admin secret\r\nPRIVMSG alice :hi\r\nPING y\r\n");
        assertEquals(List.of("464", "PONG"), commands(readThrough("PONG")));
        HandCommittedLog.Submitted operUp = log.next();
        HandCommittedLog.Submitted message = log.next();  // a message does not wait for the OPER's commit, only for its check
        assertSilent();
        log.commit(operUp);
        assertEquals(List.of("381", "MODE"), commands(readThrough("MODE")));
        assertSilent();
        log.commit(message);
        assertEquals(List.of("PRIVMSG", "PONG"), commands(readThrough("PONG")));
    }
}
