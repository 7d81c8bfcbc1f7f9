package org.syncnet.door.irc;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.Identity;
import org.syncnet.chat.Member;
import org.syncnet.chat.PasswordCredential;
import org.syncnet.chat.app.AccountDesk;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * One IRC connection's protocol state, so the TCP glue only moves lines: a parsed message goes in and comes out as
 * lines to send at once, events for the log and possibly an instruction to close; the outcome of a committed event
 * goes in and comes out as lines. Pure: no socket, no clock (message times are passed in), no threads — the glue
 * calls it for one connection at a time, and the session only reads the state. The glue holds the chat state's lock
 * only while the session reads it: for the outcomes, and for the commands that {@link #readsState read it}; the
 * others get no state.
 * <p>
 * Before registration only CAP, AUTHENTICATE, PASS (checked where the server has a password), NICK, USER, PING, PONG
 * and QUIT are allowed (else 451); the welcome burst comes when the log accepts the nick claim ({@link Registration});
 * commands that arrive while the claim is in the log wait for it (see {@link #pipelined}). After registration, PASS
 * and USER get 462, unknown commands 421. Accounts are {@link SaslLogin}'s (SASL), {@link AccountCommands}' (REGISTER,
 * VERIFY) and {@link NickServ}'s, their outcomes {@link AccountLines}'; slow password work goes to the glue
 * ({@link SlowCheck}). The commands that change the chat are in {@link ChatCommands}, channel operators' MODE, KICK
 * and INVITE in {@link ChannelModes} and {@link ChannelModeration}, server operators' OPER, KILL and WALLOPS in
 * {@link OperCommands}, the queries in {@link ChannelQueries}, {@link UserQueries}, {@link UserModes},
 * {@link WhowasQuery}, {@link WelcomeBurst} and {@link ServerQueries}, outcomes in {@link OutcomeLines} (a join's
 * outcome also brings the room's recent messages).
 */
public final class IrcSession {
    /**
     * What one input leads to.
     *
     * @param send        lines to send to the client at once, in order
     * @param toLog       events to submit to the log, in order
     * @param closeReason null: the connection stays open; else send {@code send}, then close it and log the client's
     *                    end with this reason ({@code "Quit: bye"}, {@code "Client Quit"})
     */
    public record Reply(List<IrcMessage> send, List<ChatEvent> toLog, String closeReason, SlowCheck check) {
        public static final Reply NONE = new Reply(List.of(), List.of(), null);

        public Reply {
            send = List.copyOf(send);
            toLog = List.copyOf(toLog);
        }

        public Reply(List<IrcMessage> send, List<ChatEvent> toLog, String closeReason) {
            this(send, toLog, closeReason, null);
        }

        /** Nothing yet: the glue does the slow work and hands the result back ({@link SlowCheck}). */
        static Reply check(SlowCheck check) {
            return new Reply(List.of(), List.of(), null, check);
        }
    }

    /** The commands whose handling reads the chat state; every other one is answered from the session alone. */
    private static final Set<String> READING_STATE = Set.of("CAP", "NICK", "USER", "JOIN", "PART", "PRIVMSG",
            "NOTICE", "TOPIC", "NAMES", "LIST", "WHO", "WHOIS", "USERHOST", "ISON", "MODE", "LUSERS", "KICK", "INVITE",
            "KILL", "WALLOPS", "WHOWAS", "AUTHENTICATE", "REGISTER", "NICKSERV", "NS");
    /**
     * The commands handled as soon as they arrive even while the connection's earlier events are still in the log's
     * hands: messages (so a client's stream of them is not slowed to one commit at a time; the log keeps their order)
     * and PING/PONG (whose PONG waits behind the earlier replies all the same). Every other command waits until the
     * connection's earlier events are applied, so it sees their effect (NAMES after JOIN lists the joiner); so do
     * messages to NickServ, which has at most one account request of a connection in the log.
     */
    private static final Set<String> PIPELINED = Set.of("PRIVMSG", "NOTICE", "PING", "PONG");
    private static final String QUIT_PREFIX = "Quit: ";
    private static final String CLIENT_QUIT = "Client Quit";
    /** The reason for a connection whose nick a resuming client took over (only browser clients resume). */
    static final String REPLACED = "Replaced by a resumed session";

    private final ClientId id;
    private final IrcServerInfo server;
    private final String host;
    private final Replies replies;
    private final CapNegotiation caps;
    private final Registration registration;
    private final ChatCommands commands;
    private final ChannelQueries channels;
    private final UserQueries users;
    private final ChannelModes channelModes;
    private final ChannelModeration moderation;
    private final WelcomeBurst burst;
    private final ServerQueries serverQueries;
    private final OperCommands opers;
    private final UserModes userModes;
    private final WhowasQuery whowas;
    private final OutcomeLines outcomes;
    private final SessionOptions options;
    private final AccountAnswers accountAnswers;
    private final AccountLines accountLines;
    private final AccountCommands accounts;
    private final NickServ nickServ;
    private final SaslLogin sasl;
    /** PASS gave the server's password (only asked where one is configured). */
    private boolean serverPasswordGiven;
    private String closeReason;

    /**
     * @param clientHost       the client's address as the glue sees it ({@code 127.0.0.1}, {@code ::1}); the host of
     *                         its {@code nick!user@host}
     * @param joinHistoryLines how many of a room's last messages the client gets when it joins (0: none; at most
     *                         {@link ChatLimits#HISTORY_PER_ROOM}, all a room keeps)
     */
    public IrcSession(ClientId id, IrcServerInfo server, String clientHost, int joinHistoryLines) {
        this(id, server, clientHost, joinHistoryLines, SessionOptions.PLAIN);
    }

    public IrcSession(ClientId id, IrcServerInfo server, String clientHost, int joinHistoryLines,
                      SessionOptions options) {
        if (joinHistoryLines < 0 || joinHistoryLines > ChatLimits.HISTORY_PER_ROOM) {
            throw new IllegalArgumentException("join history of " + joinHistoryLines + " lines, not 0 to "
                    + ChatLimits.HISTORY_PER_ROOM);
        }
        this.id = id;
        this.server = server;
        this.options = options;
        this.caps = new CapNegotiation(String.join(",", options.saslMechanisms()), options.sts());
        this.host = IrcIdentity.host(clientHost);
        this.replies = new Replies(server.name(), () -> nick() == null ? "*" : nick());
        this.registration = new Registration(id, host, replies, caps);
        this.commands = new ChatCommands(id, replies);
        ChannelStatus status = new ChannelStatus(id, caps);
        this.channels = new ChannelQueries(replies, status);
        this.users = new UserQueries(server, replies, id, status);
        this.channelModes = new ChannelModes(id, replies);
        this.moderation = new ChannelModeration(id, replies);
        this.burst = new WelcomeBurst(server, replies);
        this.serverQueries = new ServerQueries(server, replies);
        this.opers = new OperCommands(id, replies);
        this.userModes = new UserModes(id, replies);
        this.whowas = new WhowasQuery(server, replies);
        this.outcomes = new OutcomeLines(id, replies, caps, channels, joinHistoryLines);
        this.accountAnswers = new AccountAnswers(replies);
        this.accountLines = new AccountLines(id, replies, caps, accountAnswers, options.nickGraceMillis());
        this.accounts = new AccountCommands(id, host, accountAnswers, accountLines);
        this.nickServ = new NickServ(id, accountAnswers, accounts);
        this.sasl = new SaslLogin(id, host, replies, options, accountLines);
    }

    public ClientId id() {
        return id;
    }

    /** Whether the log accepted this connection's nick (the welcome burst was sent). */
    public boolean registered() {
        return registration.registered();
    }

    /** The connection's nick as the chat knows it; null until registered. */
    public String nick() {
        return registration.nick();
    }

    /**
     * Null while the connection is open; else why it must be closed: a QUIT (also in its {@link Reply}) or a resume
     * of its nick elsewhere (an outcome, whose lines end with an ERROR). A closed session ignores all input.
     */
    public String closeReason() {
        return closeReason;
    }

    /**
     * Whether handling {@code m} reads the chat state: then {@link #onMessage} needs it, consistent (locked) while it
     * runs; else it is answered from the session alone (PING, PONG, PASS, QUIT, AWAY, MOTD, unknown commands).
     */
    public static boolean readsState(IrcMessage m) {
        String command = m.command().toUpperCase(Locale.ROOT);
        return READING_STATE.contains(command);
    }

    /** Whether {@code m} is handled at once even while earlier events of the connection are in flight. */
    public static boolean pipelined(IrcMessage m) {
        return PIPELINED.contains(m.command().toUpperCase(Locale.ROOT)) && !NickServ.isAddressed(m.param(0));
    }

    /**
     * One message from the client.
     *
     * @param state the chat state, unchanged while this runs; may be null for a message that does not
     *              {@link #readsState read it}
     */
    public Reply onMessage(IrcMessage m, ChatState state, long nowMillis) {
        if (closeReason != null) {
            return Reply.NONE;
        }
        String command = m.command().toUpperCase(Locale.ROOT);
        switch (command) {
            case "CAP":
                return cap(m, state, nowMillis);
            case "PASS":
                return pass(m);
            case "NICK":
                return registering(registration.onNick(m, state), nowMillis);
            case "USER":
                return registration.registered() ? reply(replies.standard(IrcNumeric.ERR_ALREADYREGISTERED))
                        : registering(registration.onUser(m, state), nowMillis);
            case "AUTHENTICATE":
                return sasl.authenticate(m, state, registration.registered(), caps.has(CapNegotiation.Cap.SASL),
                        registration.nickSoFar(), nowMillis);
            case "PING":
                return m.param(0) == null ? reply(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, command))
                        : reply(replies.command("PONG", server.name(), m.param(0)));
            case "PONG":
                return Reply.NONE;
            case "QUIT":
                return quit(m.param(0));
            default:
                break;
        }
        if (!registration.started()) {
            // A NOTICE gets no error, not even this one.
            return command.equals("NOTICE") ? Reply.NONE
                    : command.equals("REGISTER") ? accountAnswers.refuse(AccountRequest.REGISTER_COMMAND,
                    ErrorCode.NOT_REGISTERED, "*")
                    : reply(replies.standard(IrcNumeric.ERR_NOTREGISTERED));
        }
        return registeredCommand(command, m, state, nowMillis);
    }

    private Reply registeredCommand(String command, IrcMessage m, ChatState state, long nowMillis) {
        if ((command.equals("PRIVMSG") || command.equals("NOTICE")) && NickServ.isAddressed(m.param(0))) {
            return command.equals("NOTICE") ? Reply.NONE : nickServ.handle(m.param(1), nick(), state, nowMillis);
        }
        switch (command) {
            case "NICKSERV":
            case "NS":
                return nickServ.handle(String.join(" ", m.params()), nick(), state, nowMillis);
            case "REGISTER":
                return accounts.register(m, nick(), state, nowMillis);
            case "VERIFY":
                return accounts.verify(m);
            case "JOIN":
                return commands.join(m, state, nowMillis);
            case "PART":
                return commands.part(m, state);
            case "PRIVMSG":
                return commands.message(m, false, state, nowMillis);
            case "NOTICE":
                return commands.message(m, true, state, nowMillis);
            case "TOPIC":
                return topic(m, state);
            case "AWAY":
                return commands.away(m);
            case "NAMES":
                return lines(channels.names(m, state));
            case "LIST":
                return lines(channels.list(m, state));
            case "WHO":
                return lines(users.who(m, state));
            case "WHOIS":
                return lines(users.whois(m, state));
            case "USERHOST":
                return lines(users.userhost(m, state));
            case "ISON":
                return lines(users.ison(m, state));
            case "MODE":
                return ChannelModes.isChannelMode(m) ? channelModes.mode(m, state, nowMillis)
                        : userModes.mode(m, state);
            case "KICK":
                return moderation.kick(m, state);
            case "INVITE":
                return moderation.invite(m, state);
            case "MOTD":
                return lines(burst.motd());
            case "LUSERS":
                return lines(burst.lusers(id, state));
            case "TIME":
                return lines(serverQueries.time(m, nowMillis));
            case "INFO":
                return lines(serverQueries.info());
            case "OPER":
                return opers.oper(m);
            case "KILL":
                return opers.kill(m, state);
            case "WALLOPS":
                return opers.wallops(m, state);
            case "WHOWAS":
                return lines(whowas.whowas(m, state));
            default:
                return reply(replies.standard(IrcNumeric.ERR_UNKNOWNCOMMAND, command));
        }
    }

    /** The glue checked this session's OPER ({@link SlowCheck.OperAttempt}). */
    public Reply onOperChecked(String name, IrcOperators.Check check) {
        return closeReason != null ? Reply.NONE : opers.checked(name, check);
    }

    /** The glue checked an account password ({@link SlowCheck.AccountPassword}). */
    public Reply onLoginChecked(SlowCheck.AccountPassword check, AccountDesk.Login login, long nowMillis) {
        if (closeReason != null) {
            return Reply.NONE;
        }
        return check.request() == AccountRequest.SASL ? sasl.onPlainChecked(check, login, registration.registered(),
                registration.nickSoFar(), nowMillis) : accounts.onLoginChecked(check, login, nowMillis);
    }

    /** The glue made the credential of a new password ({@link SlowCheck.NewPassword}). */
    public Reply onCredential(SlowCheck.NewPassword request, PasswordCredential credential, long nowMillis) {
        return closeReason != null ? Reply.NONE : accounts.onCredential(request, credential, nick(), nowMillis);
    }

    /** The glue checked PASS against the server's password ({@link SlowCheck.ServerPassword}). */
    public Reply onServerPasswordChecked(boolean matches) {
        if (closeReason != null) {
            return Reply.NONE;
        }
        serverPasswordGiven = matches;
        return matches ? Reply.NONE : reply(replies.standard(IrcNumeric.ERR_PASSWDMISMATCH));
    }

    /** The glue's line framer met a line longer than IRC allows (and dropped it). */
    public Reply onLineTooLong() {
        return closeReason != null ? Reply.NONE : reply(replies.standard(IrcNumeric.ERR_INPUTTOOLONG));
    }

    /**
     * The glue's parser could not read a line: a registered client hears of an unknown command (the word it sent, or
     * {@code *} where that word cannot be a parameter); a line with no command at all, or one before registration,
     * gets nothing.
     */
    public Reply onSyntaxError(String word) {
        if (closeReason != null || word == null || nick() == null) {
            return Reply.NONE;
        }
        return reply(replies.standard(IrcNumeric.ERR_UNKNOWNCOMMAND,
                word.isEmpty() || word.startsWith(":") ? "*" : word));
    }

    /**
     * The cluster refused one of this session's events at once (no leader with a quorum): told as the log's own
     * refusal would be ({@code UNAVAILABLE}: a server NOTICE, nothing for a NOTICE), a join's room settled.
     */
    public List<IrcMessage> onRefused(ChatEvent e, ChatState state) {
        String detail = e instanceof ChatEvent.RoomJoined j ? j.room()
                : "the cluster cannot take events now (no leader with a quorum); try again";
        return onOutcome(new ChatOutcome.Rejected(id, ErrorCode.UNAVAILABLE, detail, e.clientEventId()), state);
    }

    /**
     * The log did not apply one of this session's events within the reply timeout: the error the client gets for it
     * (437 for a join or a nick, a server NOTICE otherwise, nothing for a NOTICE or the connection's end). The event
     * may still commit later; its outcome then arrives as usual.
     */
    public List<IrcMessage> onTimedOut(ChatEvent e) {
        if (closeReason != null || e instanceof ChatEvent.ClientGone || EventIds.isNotice(e.clientEventId())) {
            return List.of();
        }
        if (e instanceof ChatEvent.RoomJoined j) {
            commands.joinSettled(j.room());  // a new JOIN of it must go to the log again
            return List.of(replies.standard(IrcNumeric.ERR_UNAVAILRESOURCE, j.room()));
        } else if (e instanceof ChatEvent.NickClaimed n) {
            return List.of(replies.standard(IrcNumeric.ERR_UNAVAILRESOURCE, n.nick()));
        }
        return List.of(replies.command("NOTICE", replies.target(), "*** " + commandOf(e)
                + " not confirmed in time: the cluster has no leader with a quorum now; it may still take effect"));
    }

    private static String commandOf(ChatEvent e) {
        if (e instanceof ChatEvent.MessagePosted m) {
            return "PRIVMSG to " + m.room();
        } else if (e instanceof ChatEvent.PrivateMessage m) {
            return "PRIVMSG to " + m.target();
        } else if (e instanceof ChatEvent.RoomLeft l) {
            return "PART " + l.room();
        } else if (e instanceof ChatEvent.TopicSet t) {
            return "TOPIC " + t.room();
        } else if (e instanceof ChatEvent.AwaySet) {
            return "AWAY";
        }
        return "Your command";
    }

    /**
     * The glue closes the connection for a reason of its own (a flood, binary data, a ping timeout, the server
     * stopping): the ERROR line to send last. The session takes no more input.
     */
    public IrcMessage onClosing(String reason) {
        return close(reason);
    }

    /**
     * The lines for the outcome of a committed event whose {@link ChatOutcome#to()} includes this connection; reads
     * the state as it is now. Updates the registration (welcome, nick changes, a refused claim).
     */
    public List<IrcMessage> onOutcome(ChatOutcome outcome, ChatState state) {
        if (closeReason != null) {
            return List.of();
        }
        if (AccountLines.handles(outcome)) {
            ChatOutcome.Rejected refused = outcome instanceof ChatOutcome.Rejected r ? r : null;
            if (refused != null && refused.code() == ErrorCode.ACCOUNT_REQUIRED) {
                commands.joinSettled(refused.detail());  // a refused join's detail is its room
            }
            return accountLines.lines(outcome);
        }
        if (outcome instanceof ChatOutcome.NickAccepted o && o.client().equals(id)) {
            return registration.onAccepted(o.nick())
                    ? concat(welcome(state), accountLines.onNick(o.nick(), state, sasl.loginComing())) : List.of();
        } else if (outcome instanceof ChatOutcome.NickResumed o) {
            if (o.replaced().equals(id)) {
                return List.of(close(REPLACED));
            }
            return o.client().equals(id) && registration.onAccepted(o.nick()) ? welcome(state) : List.of();
        } else if (outcome instanceof ChatOutcome.Rejected o && o.client().equals(id)) {
            if (o.code() == ErrorCode.NICK_IN_USE) {
                registration.onNickInUse();
            } else if (o.code() == ErrorCode.NOT_REGISTERED) {
                commands.forgetPendingJoins();
            } else if (o.detail() != null) {
                commands.joinSettled(o.detail());  // a refused join's detail is its room
            }
        } else if (outcome instanceof ChatOutcome.Joined o && o.member().client().equals(id)) {
            commands.joinSettled(o.room());
        } else if (outcome instanceof ChatOutcome.NickChanged o && o.client().equals(id)) {
            registration.onRenamed(o.newNick());
            return concat(outcomes.lines(outcome, state), accountLines.onNick(o.newNick(), state, false));
        } else if (outcome instanceof ChatOutcome.Killed o && o.victim().client().equals(id)) {
            return List.of(close(OutcomeLines.killReason(o)));
        } else if (outcome instanceof ChatOutcome.Killed o && o.by().client().equals(id)) {
            return concat(outcomes.lines(outcome, state), accountLines.onKilled(o));
        } else if (outcome instanceof ChatOutcome.Kicked o && o.target().client().equals(id)) {
            commands.joinSettled(o.room());  // out of the room: a JOIN of it must go to the log again
        }
        return outcomes.lines(outcome, state);
    }

    /**
     * The form in which a room message reaches this connection, null for none: the line {@link #onOutcome} gives for
     * it is {@code form.line(outcome.message())}, so the glue can share each form's encoding among its recipients.
     */
    public MessageForm postedForm(ChatOutcome.Posted outcome) {
        return closeReason != null ? null : outcomes.postedForm(outcome.message());
    }

    /**
     * PASS before registration: checked by the glue where the server has a password ({@code syncnet.irc.password}),
     * else accepted and ignored, as servers without one do.
     */
    private Reply pass(IrcMessage m) {
        if (registration.registered()) {
            return reply(replies.standard(IrcNumeric.ERR_ALREADYREGISTERED));
        } else if (m.param(0) == null) {
            return reply(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "PASS"));
        }
        return options.serverPasswordRequired() ? Reply.check(new SlowCheck.ServerPassword(m.param(0))) : Reply.NONE;
    }

    /**
     * A registration step's reply: if it makes the first nick claim, the server's password must have been given (else
     * 464 and the connection closes), and a SASL login made before registering follows the claim into the log.
     */
    private Reply registering(Reply step, long nowMillis) {
        boolean firstClaim = registration.phase() == Registration.Phase.CLAIMING
                && step.toLog().stream().anyMatch(e -> e instanceof ChatEvent.NickClaimed);
        if (!firstClaim) {
            return step;
        }
        if (options.serverPasswordRequired() && !serverPasswordGiven) {
            IrcMessage error = close("Bad password");
            return new Reply(List.of(replies.standard(IrcNumeric.ERR_PASSWDMISMATCH), error), List.of(), closeReason);
        }
        ChatEvent login = sasl.loginAfterClaim();
        return login == null ? step : new Reply(step.send(), Stream.concat(step.toLog().stream(), Stream.of(login))
                .toList(), step.closeReason(), step.check());
    }

    private List<IrcMessage> welcome(ChatState state) {
        Identity who = registration.identity();
        return burst.welcome(new Member(id, nick(), who.user(), who.host()), state);
    }

    private Reply cap(IrcMessage m, ChatState state, long nowMillis) {
        List<IrcMessage> lines = caps.handle(m, registration.registered(), replies);
        if (registration.phase() == Registration.Phase.NEW && !caps.holdsRegistration()) {
            Reply claim = registering(registration.onCapEnd(state), nowMillis);
            return new Reply(concat(lines, claim.send()), claim.toLog(), claim.closeReason());
        }
        return lines(lines);
    }

    private Reply topic(IrcMessage m, ChatState state) {
        String room = m.param(0);
        if (room == null || room.isEmpty()) {
            return reply(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "TOPIC"));
        }
        if (m.param(1) == null) {
            return lines(channels.topic(room, state));
        }
        return commands.setTopic(room, m.param(1), state);
    }

    /** QUIT: the reason the glue logs ("Quit: msg", or "Client Quit"), and ERROR before the connection closes. */
    private Reply quit(String message) {
        String text = message == null ? ""
                : IrcText.clean(message, ChatLimits.MAX_REASON_BYTES - QUIT_PREFIX.length()).trim();
        IrcMessage error = close(text.isEmpty() ? CLIENT_QUIT : QUIT_PREFIX + text);
        return new Reply(List.of(error), List.of(), closeReason);
    }

    private IrcMessage close(String reason) {
        closeReason = reason;
        registration.close();
        return IrcMessage.of(null, "ERROR", "Closing Link: " + host + " (" + reason + ")");
    }

    private static Reply reply(IrcMessage line) {
        return new Reply(List.of(line), List.of(), null);
    }

    private static Reply lines(List<IrcMessage> lines) {
        return new Reply(lines, List.of(), null);
    }

    private static List<IrcMessage> concat(List<IrcMessage> a, List<IrcMessage> b) {
        return b.isEmpty() ? a : Stream.concat(a.stream(), b.stream()).toList();
    }
}
