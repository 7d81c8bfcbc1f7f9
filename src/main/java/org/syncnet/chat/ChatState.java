package org.syncnet.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.syncnet.chat.ChatEvent.AccountDropped;
import org.syncnet.chat.ChatEvent.AccountRegistered;
import org.syncnet.chat.ChatEvent.AwaySet;
import org.syncnet.chat.ChatEvent.ClientGone;
import org.syncnet.chat.ChatEvent.Invited;
import org.syncnet.chat.ChatEvent.Kicked;
import org.syncnet.chat.ChatEvent.Killed;
import org.syncnet.chat.ChatEvent.LoggedIn;
import org.syncnet.chat.ChatEvent.LoggedOut;
import org.syncnet.chat.ChatEvent.LoginFailed;
import org.syncnet.chat.ChatEvent.MessagePosted;
import org.syncnet.chat.ChatEvent.ModesChanged;
import org.syncnet.chat.ChatEvent.NickClaimed;
import org.syncnet.chat.ChatEvent.NickEnforced;
import org.syncnet.chat.ChatEvent.NickRecovered;
import org.syncnet.chat.ChatEvent.OperUp;
import org.syncnet.chat.ChatEvent.PasswordChanged;
import org.syncnet.chat.ChatEvent.PrivateMessage;
import org.syncnet.chat.ChatEvent.RoomJoined;
import org.syncnet.chat.ChatEvent.RoomLeft;
import org.syncnet.chat.ChatEvent.ServerGone;
import org.syncnet.chat.ChatEvent.SessionIssued;
import org.syncnet.chat.ChatEvent.TopicSet;
import org.syncnet.chat.ChatEvent.UserModesSet;
import org.syncnet.chat.ChatEvent.Wallops;
import org.syncnet.chat.ChatOutcome.Rejected;

/**
 * The chat as the committed log says it is: who is online under which nick, who is in which room, each room's
 * topic and recent history. Every server applies the same events in the same order and so holds the same state
 * and computes the same {@link ChatOutcome}s; nothing here reads a clock, a random source or anything local,
 * and iteration is over insertion-ordered maps only.
 * <p>
 * This class applies the events and answers the queries; the rules live next to the code that enforces them:
 * <ul>
 *   <li>{@link ClientRegistry}: nicks (claims, renames, resumes), who is online from its claim until it is gone,
 *       and WHOWAS; {@link Client} is one registered connection.</li>
 *   <li>{@link RoomRegistry}: rooms (creation, the bound on their number, who becomes operator), joins and parts,
 *       and each room's history.</li>
 *   <li>{@link Messaging}: room and private messages, and resends.</li>
 *   <li>{@link ChannelModeration}: channel operators and modes: who may join, post and set the topic; MODE, KICK and
 *       INVITE (with {@link ModeApplier} and {@link RoomState}).</li>
 *   <li>{@link ServerOperatorActions}: OPER, user modes, KILL and WALLOPS.</li>
 *   <li>{@link AccountActions}: accounts, logins, browser sessions and registered nicks (with
 *       {@link AccountRegistry}).</li>
 * </ul>
 * Rules of the whole: events from a connection without a nick are refused ({@code NOT_REGISTERED}), except a failed
 * login (SASL comes before the nick); events of a
 * client already gone are refused the same way, and a second goodbye ({@link ClientGone}) is ignored. An away
 * message is set as given (empty: back; {@link ClientRegistry#away}).
 * <p>
 * Not thread-safe: the log's delivery thread applies and reads it, or callers synchronize.
 */
public final class ChatState {
    RoomRegistry rooms;
    ClientRegistry clients;
    Messaging messaging;
    private ChannelModeration moderation;
    private ServerOperatorActions operators;
    AccountRegistry accountRegistry = new AccountRegistry();
    private AccountActions accounts;
    long lastSeq;
    private boolean accountsRequired;

    public ChatState() {
        this(ChatLimits.HISTORY_PER_ROOM, ChatLimits.MAX_ROOMS);
    }

    /** Smaller limits for tests; in production every server must use the same (the defaults). */
    public ChatState(int historyLimit, int maxRooms) {
        this(historyLimit, maxRooms, ChatLimits.RESUME_BUFFER_CHARS);
    }

    /** @param resumeChars the size of the buffer resumes are answered from beyond a room's history */
    public ChatState(int historyLimit, int maxRooms, long resumeChars) {
        if (historyLimit < 1 || maxRooms < 1) {
            throw new IllegalArgumentException("history limit " + historyLimit + ", rooms " + maxRooms);
        }
        this.rooms = new RoomRegistry(historyLimit, maxRooms, resumeChars);
        this.clients = new ClientRegistry(rooms);
        this.messaging = new Messaging(clients, rooms);
        this.moderation = new ChannelModeration(clients, rooms);
        this.operators = new ServerOperatorActions(clients);
        this.accounts = new AccountActions(accountRegistry, clients, rooms);
    }

    /**
     * Takes over everything {@code loaded} holds (a state read from a {@link ChatStateSnapshot}); this state must be
     * new (nothing applied). Its own setting ({@link #requireAccounts}) stays.
     */
    void takeOver(ChatState loaded) {
        if (lastSeq != 0) {
            throw new IllegalStateException("state already at seq " + lastSeq);
        }
        rooms = loaded.rooms;
        clients = loaded.clients;
        messaging = loaded.messaging;
        moderation = loaded.moderation;
        operators = loaded.operators;
        accountRegistry = loaded.accountRegistry;
        accounts = loaded.accounts;
        lastSeq = loaded.lastSeq;
    }

    /**
     * From now on a client must be logged in to an account to join rooms and send messages ({@code ACCOUNT_REQUIRED});
     * every server of a cluster must say the same, before it applies anything.
     */
    public void requireAccounts() {
        accountsRequired = true;
    }

    /**
     * Applies a committed log entry as the log delivers it: {@code originServer} is the server that put it in the
     * log. A server speaks only for its own connections, so an event about another server's client is skipped
     * (consuming its sequence, with no outcome) — a confused or buggy server cannot make others' clients say,
     * join or quit anything. {@link ServerGone} is exempt: the leader logs it for a failed server.
     */
    public List<ChatOutcome> apply(long seq, String originServer, ChatEvent event) {
        Objects.requireNonNull(event, "event");
        ClientId client = clientOf(event);
        if (client != null && !client.server().equals(originServer)) {
            advance(seq);
            return List.of();
        }
        return apply(seq, event);
    }

    /** The client an event is about; null for a {@link ServerGone}. */
    private static ClientId clientOf(ChatEvent event) {
        return event instanceof ChatEvent.ClientEvent e ? e.client() : null;
    }

    private void advance(long seq) {
        if (seq <= lastSeq) {
            throw new IllegalArgumentException("sequence " + seq + " not after " + lastSeq);
        }
        lastSeq = seq;
    }

    /**
     * Applies the committed event at log position {@code seq}, which must be above every earlier one: the log
     * delivers each event once, in order, and a repeat would be a bug upstream that must not fork the state.
     * Trusts the event's client id; the log's delivery calls {@link #apply(long, String, ChatEvent)}.
     */
    public List<ChatOutcome> apply(long seq, ChatEvent event) {
        Objects.requireNonNull(event, "event");
        advance(seq);
        if (event instanceof NickClaimed e) {
            return clients.claim(e);
        } else if (event instanceof ServerGone e) {
            return clients.removeServer(e);
        } else if (event instanceof LoginFailed e) {
            return accounts.failed(e);
        }
        ClientId id = clientOf(event);
        Client c = clients.get(id);
        if (c == null) {
            return event instanceof ClientGone ? List.of() : List.of(new Rejected(id, ErrorCode.NOT_REGISTERED,
                    "no nick, or already gone", event.clientEventId()));
        }
        return dispatch(seq, c, event);
    }

    /** An event of the registered client {@code c}. */
    private List<ChatOutcome> dispatch(long seq, Client c, ChatEvent event) {
        if (accountsRequired && !c.loggedIn() && needsAccount(event)) {
            return List.of(new Rejected(c.id, ErrorCode.ACCOUNT_REQUIRED, event instanceof RoomJoined j ? j.room()
                    : "", event.clientEventId()));
        }
        if (event instanceof RoomJoined e) {
            return rooms.join(c, e);
        } else if (event instanceof RoomLeft e) {
            return rooms.leave(c, e);
        } else if (event instanceof MessagePosted e) {
            return messaging.post(seq, c, e);
        } else if (event instanceof ClientGone e) {
            return List.of(clients.remove(c, e.reason()));
        } else if (event instanceof TopicSet e) {
            return moderation.topic(c, e);
        } else if (event instanceof PrivateMessage e) {
            return messaging.privateMessage(seq, c, e);
        } else if (event instanceof AwaySet e) {
            return List.of(clients.away(c, e.message()));
        } else if (event instanceof ModesChanged e) {
            return moderation.modes(c, e);
        } else if (event instanceof Kicked e) {
            return moderation.kick(c, e);
        } else if (event instanceof Invited e) {
            return moderation.invite(c, e);
        } else if (event instanceof OperUp) {
            return operators.operUp(c);
        } else if (event instanceof UserModesSet e) {
            return operators.userModes(c, e);
        } else if (event instanceof Killed e) {
            return operators.kill(c, e);
        } else if (event instanceof Wallops e) {
            return operators.wallops(c, e);
        } else if (event instanceof AccountRegistered e) {
            return accounts.register(c, e);
        } else if (event instanceof LoggedIn e) {
            return accounts.login(c, e);
        } else if (event instanceof LoggedOut e) {
            return accounts.logout(c, e);
        } else if (event instanceof PasswordChanged e) {
            return accounts.changePassword(c, e);
        } else if (event instanceof AccountDropped) {
            return accounts.drop(c);
        } else if (event instanceof SessionIssued e) {
            return accounts.issueSession(c, e);
        } else if (event instanceof NickRecovered e) {
            return accounts.recover(seq, c, e);
        } else if (event instanceof NickEnforced e) {
            return accounts.enforce(seq, c, e);
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    private static boolean needsAccount(ChatEvent e) {
        return e instanceof RoomJoined || e instanceof MessagePosted || e instanceof PrivateMessage
                || e instanceof TopicSet;
    }

    // ---- Queries, for welcome frames, NAMES, WHO, WHOIS, LIST and resumes ----

    /** Sequence of the last applied event (0: none). */
    public long lastSeq() {
        return lastSeq;
    }

    public Optional<Member> member(ClientId client) {
        Client c = clients.get(client);
        return c == null ? Optional.empty() : Optional.of(c.member());
    }

    /** The client's nick, or null if it has none; for every recipient of every message, so it allocates nothing. */
    public String nickOf(ClientId client) {
        Client c = clients.get(client);
        return c == null ? null : c.nick;
    }

    public Optional<Member> memberByNick(String nick) {
        return Optional.ofNullable(clients.memberByNick(nick));
    }

    /**
     * What WHOIS and WHO show of a client: its member, real name, away message (empty: not away), whether it is a
     * server operator, and its user modes (sorted letters).
     */
    public Optional<Profile> profile(ClientId client) {
        Client c = clients.get(client);
        return c == null ? Optional.empty()
                : Optional.of(new Profile(c.member(), c.identity.realname(), c.away, c.oper, c.modes()));
    }

    public record Profile(Member member, String realname, String away, boolean operator, String userModes) {
        /** A client that is not a server operator and has no user modes. */
        public Profile(Member member, String realname, String away) {
            this(member, realname, away, false, "");
        }
    }

    /** Whether the client is a server operator (user mode {@code o}). */
    public boolean isOperator(ClientId client) {
        Client c = clients.get(client);
        return c != null && c.oper;
    }

    /** The client's user modes as sorted letters, such as {@code iow}; empty if none or not online. */
    public String userModes(ClientId client) {
        Client c = clients.get(client);
        return c == null ? "" : c.modes();
    }

    /** Clients online with user mode {@code i} (LUSERS). */
    public int invisibleCount() {
        int n = 0;
        for (Client c : clients.all()) {
            n += c.invisible ? 1 : 0;
        }
        return n;
    }

    /** How many clients are server operators (IRC LUSERS 252). */
    public int operatorCount() {
        int n = 0;
        for (Client c : clients.all()) {
            n += c.oper ? 1 : 0;
        }
        return n;
    }

    /** What WHOWAS knows of {@code nick} (any case), newest first, at most {@code max} entries (≤ 0: all). */
    public List<WhowasEntry> whowas(String nick, int max) {
        return clients.whowas(nick, max);
    }

    // ---- Accounts ----

    /** The account of that name (any case), or empty. */
    public Optional<AccountView> account(String name) {
        Account a = accountRegistry.get(name);
        return a == null ? Optional.empty() : Optional.of(a.view());
    }

    /** The client's away message; empty if it is not away or not online. */
    public String awayOf(ClientId client) {
        Client c = clients.get(client);
        return c == null ? "" : c.away;
    }

    /** The account the client is logged in to; empty if none or not online. */
    public String accountOf(ClientId client) {
        Client c = clients.get(client);
        return c == null ? "" : c.account;
    }

    /**
     * Whether the client holds a registered nick without being logged in to its account (it gets a guest nick
     * when its grace period ends); false if it is not online.
     */
    public boolean holdsUnownedNick(ClientId client) {
        Client c = clients.get(client);
        return c != null && !accounts.ownsNick(c);
    }

    /** The account a browser token's hash logs in to at {@code now}, or empty if unknown, ended or expired. */
    public Optional<AccountView> sessionAccount(byte[] session, long now) {
        Account a = accountRegistry.bySession(session, now);
        return a == null ? Optional.empty() : Optional.of(a.view());
    }

    /** How long from {@code now} a login for {@code account} from {@code address} must wait (0: go ahead). */
    public long loginWaitMillis(String account, String address, long now) {
        return Math.max(accountRegistry.failuresByAccount.waitMillis(Casemapping.fold(account), now),
                accountRegistry.failuresByAddress.waitMillis(address, now));
    }

    /** Failed logins in a row for {@code account} as of {@code now} (for the log line of a failure). */
    public int loginFailures(String account, long now) {
        return accountRegistry.failuresByAccount.failures(Casemapping.fold(account), now);
    }

    /** Whether {@code address} may register another account at {@code now}. */
    public boolean registrationAllowed(String address, long now) {
        return accountRegistry.registrations.allows(address, now);
    }

    /** The REST view's account counters at {@code now}. */
    public AccountCounters accountCounters(long now) {
        return new AccountCounters(accountRegistry.count(), accountRegistry.failedLogins,
                accountRegistry.failuresByAccount.blocked(now), accountRegistry.failuresByAddress.blocked(now));
    }

    /**
     * @param failedLogins     every wrong password the log holds
     * @param blockedAccounts  accounts whose next login must wait
     * @param blockedAddresses addresses whose next login must wait
     */
    public record AccountCounters(int accounts, long failedLogins, int blockedAccounts, int blockedAddresses) {
    }

    /** The clients connected to {@code server}, in order of registration. */
    public List<ClientId> clientsOf(String server) {
        List<ClientId> of = new ArrayList<>();
        for (Client c : clients.all()) {
            if (c.id.server().equals(server)) {
                of.add(c.id);
            }
        }
        return of;
    }

    /** Whether a {@link ServerGone} for {@code server} with this bound would remove anyone. */
    public boolean hasClientsOf(String server, long beforeConnection) {
        return clientsOf(server).stream().anyMatch(c -> c.connection() < beforeConnection);
    }

    public boolean isNickTaken(String nick) {
        return clients.byNick(nick) != null;
    }

    /** Everyone online, in order of registration. */
    public List<Member> members() {
        List<Member> all = new ArrayList<>(clients.all().size());
        for (Client c : clients.all()) {
            all.add(c.member());
        }
        return all;
    }

    /** Display names of the rooms the client is in, in join order. */
    public List<String> roomsOf(ClientId client) {
        Client c = clients.get(client);
        return c == null ? List.of() : rooms.namesOf(c);
    }

    /** Display names of all rooms, oldest first. */
    public List<String> rooms() {
        return rooms.names();
    }

    /** Display names of the rooms {@code client} holds an unused invite to, oldest room first (IRC's INVITE list). */
    public List<String> invitesOf(ClientId client) {
        return rooms.invitedTo(client);
    }

    /** The room with its modes, statuses and lists, without history; empty if no such room exists. */
    public Optional<ChannelView> channel(String room) {
        RoomState r = rooms.get(room);
        return r == null ? Optional.empty() : Optional.of(r.view());
    }

    /** The room with its history after {@code afterSeq} (0: all held), or empty if no such room exists. */
    public Optional<RoomSnapshot> room(String room, long afterSeq) {
        return room(room, afterSeq, Long.MAX_VALUE);
    }

    /**
     * As {@link #room(String, long)}, with at most {@code maxResumeChars} (as the resume buffer counts them) of the
     * messages a resume reaches beyond the room's history: the newest, and the snapshot says it is incomplete.
     */
    public Optional<RoomSnapshot> room(String room, long afterSeq, long maxResumeChars) {
        RoomState r = rooms.get(room);
        return r == null ? Optional.empty() : Optional.of(rooms.snapshot(r, afterSeq, maxResumeChars));
    }
}
