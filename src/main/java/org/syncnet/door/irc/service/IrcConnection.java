package org.syncnet.door.irc.service;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.PasswordCredential;
import org.syncnet.chat.app.AccountDesk;
import org.syncnet.chat.app.ChatApplication;
import org.syncnet.chat.app.ChatConnection;
import org.syncnet.chat.app.ReplyOrder;
import org.syncnet.chat.app.SharedEncodings;
import org.syncnet.door.irc.IrcConfig;
import org.syncnet.door.irc.IrcOperators;
import org.syncnet.door.irc.IrcServerInfo;
import org.syncnet.door.irc.IrcSession;
import org.syncnet.door.irc.MessageForm;
import org.syncnet.door.irc.SlowCheck;
import org.syncnet.door.irc.net.TcpConnection;
import org.syncnet.door.irc.wire.FloodPenalty;
import org.syncnet.door.irc.wire.FramedLine;
import org.syncnet.door.irc.wire.IrcLimits;
import org.syncnet.door.irc.wire.IrcLineFramer;
import org.syncnet.door.irc.wire.IrcLineWriter;
import org.syncnet.door.irc.wire.IrcMessage;
import org.syncnet.door.irc.wire.IrcMessageParser;
import org.syncnet.door.irc.wire.IrcSyntaxException;

/**
 * One IRC client's connection: the bytes of its socket framed into lines, held back while its RFC 1459 penalty
 * clock runs ahead, parsed and handed to its {@link IrcSession}; the session's events go to the chat's log, and the
 * chat's outcomes come back as lines. Idle clients get a PING and are dropped if they stay silent.
 * <p>
 * Threads: input, ticks and the close run on the connector's loop thread; outcomes arrive on the chat's applier
 * thread. The session is only touched under {@code sessionLock}, so the two never meet inside it. The chat state's
 * lock is taken only around what reads the state: a command that {@link IrcSession#readsState reads it}
 * ({@link ChatApplication#read}), and on the applier, the outcomes; parsing, flood control, writing the lines,
 * submitting to the log and the socket run without it. Lock order: the chat state, then {@code sessionLock}, then
 * {@code outLock}; the loop thread never waits for the chat state while it holds the session. Outgoing lines of
 * outcomes wait in {@code unflushed} until the applier's {@link #flush()}, so a busy moment leaves in one write.
 * <p>
 * Reply order: the client gets the replies to its commands in the order it sent them. Lines answered at once wait in
 * the {@link ReplyOrder} (under {@code outLock}) behind the connection's events still in the log's hands, and a
 * command that is not {@link IrcSession#pipelined pipelined} is not even handled until they are applied (or given up
 * on after the reply timeout), so it sees their effect; the log's applier wakes the loop for it.
 */
final class IrcConnection implements ChatConnection {
    private static final Logger LOG = Logger.getLogger("org.syncnet.irc");
    private final TcpConnection<IrcConnection> tcp;
    /** Whether the client came over TLS. */
    private final boolean secure;
    /** Guards the session: the loop thread's input and the applier's outcomes. */
    private final Object sessionLock = new Object();
    private final IrcSession session;
    private final IrcServerInfo server;
    private final IrcConfig config;
    private final ChatApplication chat;
    /** Where passwords are checked: slow by design, so never on the connector's loop. */
    private final Executor checker;
    private final IrcAccounts accounts;
    private final IrcLineFramer framer;
    private final FloodPenalty penalty;
    /**
     * Lines the penalty clock or the reply order holds back, parsed (loop thread only). Small at first, like the other
     * queues of a connection: most connections are idle, and a deque grows when it must.
     */
    private final ArrayDeque<Input> held = new ArrayDeque<>(1);
    private int heldBytes;
    private long lastHeardNanos;
    /** When a PING went out unanswered; 0: none outstanding. */
    private long pingSentNanos;

    private final Object outLock = new Object();
    private final List<byte[]> unflushed = new ArrayList<>(2);
    private final ReplyOrder<byte[]> order = new ReplyOrder<>();
    /** Whether the held input waits for the connection's events to be applied (then the applier wakes the loop). */
    private volatile boolean inputWaits;
    /** Whether a password is being checked: all input waits for its answer, which the checker's wake lets go on. */
    private volatile boolean checking;

    /**
     * A client line as framed, in the order of the client's lines: its size for the penalty clock, and the message,
     * or why it is not one (a syntax error, or too long when both are null).
     */
    private record Input(int bytes, IrcMessage message, IrcSyntaxException error) {
        static final Input TOO_LONG = new Input(IrcLimits.MAX_LINE_BYTES, null, null);

        static Input parse(FramedLine.Line line) {
            try {
                return new Input(line.bytes(), IrcMessageParser.parse(line.text()), null);
            } catch (IrcSyntaxException e) {
                return new Input(line.bytes(), null, e);
            }
        }
    }

    /** @param lineWork where the framer gathers lines: shared by the connections of one connector loop */
    IrcConnection(TcpConnection<IrcConnection> tcp, ClientId id, IrcServerInfo server, IrcConfig config,
                  ChatApplication chat, Executor checker, IrcAccounts accounts, byte[] lineWork, long nowNanos) {
        this.tcp = tcp;
        this.framer = new IrcLineFramer(lineWork);
        this.secure = tcp.secure();
        this.server = server;
        this.config = config;
        this.chat = chat;
        this.checker = checker;
        this.accounts = accounts;
        this.session = new IrcSession(id, server, address(), config.joinHistoryLines(), accounts.options(secure));
        this.penalty = new FloodPenalty(config.floodPenaltyMillis(), config.floodWindowMillis());
        this.lastHeardNanos = nowNanos;
    }

    @Override
    public ClientId id() {
        return session.id();
    }

    @Override
    public String door() {
        return "irc";
    }

    /** Whether the client's connection is encrypted (it came through the TLS port and finished its handshake). */
    boolean secure() {
        return secure;
    }

    // ---- input, on the loop thread ----

    void received(ByteBuffer bytes, long nowNanos) {
        lastHeardNanos = nowNanos;
        pingSentNanos = 0;
        framer.feed(bytes, this::framed);
    }

    private void framed(FramedLine line) {
        if (!tcp.isOpen()) {
            return;
        }
        if (line instanceof FramedLine.Binary) {
            closeWith("Binary data is not IRC");
        } else {
            Input input = line instanceof FramedLine.Line l ? Input.parse(l) : Input.TOO_LONG;
            held.add(input);
            heldBytes += input.bytes();
            release();
            if (heldBytes > config.floodMaxHeldBytes()) {
                closeWith("Excess Flood");
            }
        }
    }

    /**
     * Processes the held lines the penalty clock admits now, up to one that must wait for the connection's events in
     * flight (then {@link #applied} or {@link #expireReplies} wakes the loop for it).
     */
    private void release() {
        long now = System.currentTimeMillis();
        while (!held.isEmpty() && tcp.isOpen()) {
            Input next = held.peek();
            if (mustWait(next)) {
                return;
            }
            if (!penalty.admit(now, next.bytes())) {
                return;
            }
            held.poll();
            heldBytes -= next.bytes();
            process(next, now);
        }
    }

    /** Whether {@code input} must wait for the connection's events in flight; if so, the loop is woken once they are. */
    private boolean mustWait(Input input) {
        if (checking) {
            return true;
        }
        if (input.message() == null || IrcSession.pipelined(input.message())) {
            return false;  // a syntax error's reply waits in the reply order
        }
        synchronized (outLock) {
            inputWaits = order.waiting();
            return inputWaits;
        }
    }

    private void process(Input input, long nowMillis) {
        if (input.message() == null) {
            IrcSession.Reply reply;
            synchronized (sessionLock) {
                reply = input.error() == null ? session.onLineTooLong() : session.onSyntaxError(input.error().command());
            }
            handle(reply);
            return;
        }
        IrcMessage m = input.message();
        handle(IrcSession.readsState(m) ? chat.read(state -> command(m, state, nowMillis))
                : command(m, null, nowMillis));
    }

    /** The loop's call after {@link TcpConnection#wake}: the held input may go on. */
    void woken() {
        if (!held.isEmpty()) {
            release();
        }
    }

    /** The session's answer to a command; with the chat state (locked by the caller) if the command reads it. */
    private IrcSession.Reply command(IrcMessage m, ChatState state, long nowMillis) {
        synchronized (sessionLock) {
            return session.onMessage(m, state, nowMillis);
        }
    }

    private void handle(IrcSession.Reply reply) {
        sendAll(reply.send());
        submitAll(reply.toLog());
        finish(reply);
    }

    /**
     * The answer to a slow check: its events go to the log before its lines go out, which then wait for them (the
     * reply order). So a client told of a wrong password cannot hang up before the failure is counted.
     */
    private void handleChecked(IrcSession.Reply reply) {
        submitAll(reply.toLog());
        sendAll(reply.send());
        finish(reply);
    }

    private void sendAll(List<IrcMessage> lines) {
        for (IrcMessage m : lines) {
            send(IrcLineWriter.write(m));
        }
    }

    private void submitAll(List<ChatEvent> events) {
        for (ChatEvent e : events) {
            logAccountEvent(e);
            long number = chat.submit(this, e);
            if (number == 0) {
                sendAll(chat.read(state -> refused(e, state)));
            } else {
                synchronized (outLock) {
                    order.submitted(number, e, System.nanoTime());
                }
            }
        }
    }

    private void finish(IrcSession.Reply reply) {
        if (reply.closeReason() != null) {
            tcp.closeAfterSending(new byte[0], reply.closeReason());
        }
        if (reply.check() != null) {
            runCheck(reply.check());
        }
    }

    /** Does the session's slow work on the checker; the input behind it waits for the answer. */
    private void runCheck(SlowCheck check) {
        checking = true;
        checker.execute(() -> {
            try {
                handleChecked(perform(check, System.currentTimeMillis()));
            } finally {
                checking = false;
                tcp.wake();
            }
        });
    }

    private IrcSession.Reply perform(SlowCheck check, long nowMillis) {
        if (check instanceof SlowCheck.OperAttempt a) {
            IrcOperators.Check result = config.operators().check(a.name(), a.password());
            logOper(a.name(), result);
            synchronized (sessionLock) {
                return session.onOperChecked(a.name(), result);
            }
        } else if (check instanceof SlowCheck.AccountPassword p) {
            AccountDesk.Login login = accounts.desk().login(p.account(), p.password(), address(), nowMillis);
            long checked = System.currentTimeMillis();  // a failure counts from when it was found, after the hash
            synchronized (sessionLock) {
                return session.onLoginChecked(p, login, checked);
            }
        } else if (check instanceof SlowCheck.NewPassword n) {
            PasswordCredential credential = accounts.desk().credential(n.password());
            synchronized (sessionLock) {
                return session.onCredential(n, credential, nowMillis);
            }
        }
        boolean matches = accounts.config().serverPassword().matches(((SlowCheck.ServerPassword) check).password());
        if (!matches) {
            LOG.warning(() -> id().server() + ": wrong server password (PASS) from " + address());
        }
        synchronized (sessionLock) {
            return session.onServerPasswordChecked(matches);
        }
    }

    private void logOper(String name, IrcOperators.Check result) {
        String nick;
        synchronized (sessionLock) {
            nick = session.nick();
        }
        String who = id().server() + ": OPER as " + name + " by " + nick + " from " + address();
        if (result == IrcOperators.Check.ACCEPTED) {
            LOG.info(() -> who + " accepted");
        } else {
            LOG.warning(() -> who + " refused: " + result.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
    }

    /** Failed logins are logged (and counted, by the log), whichever way they came. */
    private void logAccountEvent(ChatEvent e) {
        if (e instanceof ChatEvent.LoginFailed f) {
            accounts.desk().failed(f.account(), f.address(), "IRC");
        } else if (e instanceof ChatEvent.LoggedIn in) {
            LOG.info(() -> id().server() + ": IRC client " + id() + " from " + address() + " logs in to account "
                    + in.account());
        } else if (e instanceof ChatEvent.AccountRegistered r) {
            LOG.info(() -> id().server() + ": IRC client " + id() + " from " + address() + " registers account "
                    + r.account());
        }
    }

    private String address() {
        return tcp.remoteAddress().getAddress().getHostAddress();
    }

    private List<IrcMessage> refused(ChatEvent e, ChatState state) {
        synchronized (sessionLock) {
            return session.onRefused(e, state);
        }
    }

    /** Every tick: PINGs an idle client, drops a silent one, releases held lines. */
    void tick(long nowNanos) {
        long idleNanos = config.pingIdleMillis() * 1_000_000;
        if (pingSentNanos != 0 && nowNanos - pingSentNanos > idleNanos) {
            closeWith("Ping timeout: " + config.pingIdleMillis() / 1000 + " seconds");
            return;
        }
        if (pingSentNanos == 0 && nowNanos - lastHeardNanos > idleNanos) {
            pingSentNanos = nowNanos;
            send(IrcLineWriter.write(IrcMessage.of(null, "PING", server.name())));
        }
        if (!held.isEmpty()) {
            release();
        }
    }

    /** Sends the session's ERROR for a reason of the connection's own and closes once it is written. */
    private void closeWith(String reason) {
        IrcMessage error;
        synchronized (sessionLock) {
            error = session.onClosing(reason);
        }
        tcp.closeAfterSending(IrcLineWriter.write(error), reason);
    }

    /**
     * A reply to the client's own input: written at once, after anything an outcome queued before, unless it must wait
     * for the connection's events in flight ({@link ReplyOrder}).
     */
    private void send(byte[] bytes) {
        synchronized (outLock) {
            if (!order.hold(bytes)) {
                unflushed.add(bytes);
                flush();
            }
        }
    }

    // ---- the chat's side, on the applier thread with the state locked ----

    @Override
    public void onOutcome(ChatOutcome outcome, ChatState state, String leader, SharedEncodings shared) {
        if (outcome instanceof ChatOutcome.Posted posted) {  // most outcomes: one of a room message's recipients
            MessageForm form;
            synchronized (sessionLock) {
                form = session.postedForm(posted);
            }
            if (form != null) {
                byte[] line = shared.get(form, f -> IrcLineWriter.write(f.line(posted.message())));
                synchronized (outLock) {
                    unflushed.add(line);
                }
            }
            return;
        }
        List<IrcMessage> lines;
        String closeReason;
        synchronized (sessionLock) {
            lines = session.onOutcome(outcome, state);
            closeReason = session.closeReason();
        }
        synchronized (outLock) {
            for (IrcMessage m : lines) {
                unflushed.add(shared.get(m, IrcLineWriter::write));
            }
        }
        if (closeReason != null) {
            flush();
            tcp.closeAfterSending(new byte[0], closeReason);
        }
    }

    @Override
    public void applied(long eventNumber) {
        synchronized (outLock) {
            order.applied(eventNumber, unflushed::add);
            wakeIfInputMayGo();
        }
    }

    /** Gives up on the events the log has not applied in time: an error line for each, then what waited behind it. */
    @Override
    public void expireReplies(long submittedBeforeNanos) {
        List<ReplyOrder.InFlight> overdue;
        synchronized (outLock) {
            overdue = order.overdue(submittedBeforeNanos);
        }
        if (overdue.isEmpty()) {
            return;
        }
        for (ReplyOrder.InFlight f : overdue) {
            List<IrcMessage> lines;
            synchronized (sessionLock) {
                lines = session.onTimedOut(f.event());
            }
            List<byte[]> errors = new ArrayList<>(lines.size());
            lines.forEach(m -> errors.add(IrcLineWriter.write(m)));
            synchronized (outLock) {
                order.giveUp(f.eventNumber(), errors, unflushed::add);
            }
        }
        synchronized (outLock) {
            flush();
            wakeIfInputMayGo();
        }
    }

    /** Caller holds outLock. */
    private void wakeIfInputMayGo() {
        if (inputWaits && !order.waiting()) {
            inputWaits = false;
            tcp.wake();
        }
    }

    @Override
    public void leaderChanged(String leader) {
        // IRC has no word for it: the chat only pauses while nobody leads.
    }

    @Override
    public void flush() {
        synchronized (outLock) {  // held while sending: a concurrent flush must not overtake these lines
            if (!unflushed.isEmpty()) {
                tcp.send(concat(unflushed));
                unflushed.clear();
            }
        }
    }

    @Override
    public void keepAlive() {
        // IRC has its own: PING after ping-idle, see tick
    }

    @Override
    public void serverStopping() {
        flush();
        closeWith("Server shutting down");
    }

    @Override
    public void endedByCluster(String reason) {
        flush();
        closeWith("Cut off from the cluster (" + reason + "); reconnect");
    }

    private static byte[] concat(List<byte[]> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        parts.forEach(all::put);
        return all.array();
    }
}
