package org.syncnet.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.syncnet.chat.ChatEvent.AwaySet;
import org.syncnet.chat.ChatEvent.ClientGone;
import org.syncnet.chat.ChatEvent.MessagePosted;
import org.syncnet.chat.ChatEvent.NickClaimed;
import org.syncnet.chat.ChatEvent.PrivateMessage;
import org.syncnet.chat.ChatEvent.RoomJoined;
import org.syncnet.chat.ChatEvent.RoomLeft;
import org.syncnet.chat.ChatEvent.ServerGone;
import org.syncnet.chat.ChatEvent.TopicSet;
import org.syncnet.chat.ChatOutcome.AwayChanged;
import org.syncnet.chat.ChatOutcome.Duplicate;
import org.syncnet.chat.ChatOutcome.Joined;
import org.syncnet.chat.ChatOutcome.Left;
import org.syncnet.chat.ChatOutcome.NickAccepted;
import org.syncnet.chat.ChatOutcome.NickChanged;
import org.syncnet.chat.ChatOutcome.NickResumed;
import org.syncnet.chat.ChatOutcome.Posted;
import org.syncnet.chat.ChatOutcome.PrivateSent;
import org.syncnet.chat.ChatOutcome.Quit;
import org.syncnet.chat.ChatOutcome.Rejected;
import org.syncnet.chat.ChatOutcome.TopicChanged;

/**
 * The chat as the committed log says it is: who is online under which nick, who is in which room, each room's
 * topic and recent history. Every server applies the same events in the same order and so holds the same state
 * and computes the same {@link ChatOutcome}s; nothing here reads a clock, a random source or anything local,
 * and iteration is over insertion-ordered maps only.
 * <p>
 * Rules:
 * <ul>
 *   <li>Nicks and room names compare under {@link Casemapping rfc1459}; each keeps the spelling it was first
 *       given (a nick: its claim; a room: its creator's join).</li>
 *   <li>The first claim of a nick in the log wins; a later claim by another connection is {@link Rejected} with
 *       {@link ErrorCode#NICK_IN_USE} — unless it carries the holder's resume session, which moves the nick and its
 *       rooms to the new connection ({@link NickResumed}). A registered client claiming a free nick renames.</li>
 *   <li>A client exists in the state from its accepted nick claim until its {@link ClientGone} or its server's
 *       {@link ServerGone}. Events from a connection without a nick are refused ({@code NOT_REGISTERED}); events
 *       of a client already gone are refused the same way, and a second goodbye is ignored.</li>
 *   <li>The first join creates a room; it stays, with its topic and history, when its last member leaves (a
 *       whole cluster restarted ends every client, and its rooms must still be there). Joining a room one is in is
 *       ignored (no outcome); a client may be in {@link ChatLimits#MAX_ROOMS_PER_CLIENT} rooms, and at most
 *       {@link ChatLimits#MAX_ROOMS} rooms exist, which bounds the history held: a new room then replaces the
 *       oldest empty one, or is refused if none is empty.</li>
 *   <li>Only members post to a room and set its topic (IRC modes +n, and +t left off).</li>
 *   <li>Each room keeps its last {@code historyLimit} messages.</li>
 *   <li>A message (room or private) whose sender (by nick) and client event id match one of the last
 *       {@link ChatLimits#SENT_WINDOW} messages is a resend — typically by a client that reconnected to another
 *       server, where the log's own deduplication, keyed by connection, cannot recognize it. It is not sent again;
 *       only the sender hears of the original ({@link Duplicate}), as its confirmation. Clients must therefore not
 *       reuse an event id (the browser client uses a random prefix per page and a counter).</li>
 * </ul>
 * Not thread-safe: the log's delivery thread applies and reads it, or callers synchronize.
 */
public final class ChatState {
    private final int historyLimit;
    private final int maxRooms;
    private final Map<ClientId, Client> clients = new LinkedHashMap<>();
    private final Map<String, Client> clientsByNick = new LinkedHashMap<>();
    private final Map<String, RoomState> rooms = new LinkedHashMap<>();
    private final SentMessages sent = new SentMessages(ChatLimits.SENT_WINDOW);
    private final ResumeBuffer resume;
    private long lastSeq;

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
        this.historyLimit = historyLimit;
        this.maxRooms = maxRooms;
        this.resume = new ResumeBuffer(resumeChars);
    }

    /** A registered connection. */
    private static final class Client {
        ClientId id;
        String nick;
        final String session;
        final Identity identity;
        /** Empty: not away. */
        String away = "";
        /** Folded room names, in join order. */
        final Set<String> rooms = new LinkedHashSet<>();

        Client(ClientId id, String nick, String session, Identity identity) {
            this.id = id;
            this.nick = nick;
            this.session = session;
            this.identity = identity;
        }

        Member member() {
            return new Member(id, nick, identity.user(), identity.host());
        }
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

    private static ClientId clientOf(ChatEvent event) {
        if (event instanceof NickClaimed e) {
            return e.client();
        } else if (event instanceof RoomJoined e) {
            return e.client();
        } else if (event instanceof RoomLeft e) {
            return e.client();
        } else if (event instanceof MessagePosted e) {
            return e.client();
        } else if (event instanceof ClientGone e) {
            return e.client();
        } else if (event instanceof TopicSet e) {
            return e.client();
        } else if (event instanceof PrivateMessage e) {
            return e.client();
        } else if (event instanceof AwaySet e) {
            return e.client();
        }
        return null;  // ServerGone
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
            return claim(e);
        } else if (event instanceof RoomJoined e) {
            return join(e);
        } else if (event instanceof RoomLeft e) {
            return leave(e);
        } else if (event instanceof MessagePosted e) {
            return post(seq, e);
        } else if (event instanceof ClientGone e) {
            Client c = clients.get(e.client());
            return c == null ? List.of() : List.of(remove(c, e.reason()));
        } else if (event instanceof ServerGone e) {
            List<ChatOutcome> out = new ArrayList<>();
            for (Client c : List.copyOf(clients.values())) {
                if (c.id.server().equals(e.server()) && c.id.connection() < e.beforeConnection()) {
                    out.add(remove(c, e.reason()));
                }
            }
            return out;
        } else if (event instanceof TopicSet e) {
            return topic(e);
        } else if (event instanceof PrivateMessage e) {
            return privateMessage(seq, e);
        } else if (event instanceof AwaySet e) {
            return away(e);
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    private List<ChatOutcome> claim(NickClaimed e) {
        String key = Casemapping.fold(e.nick());
        Client holder = clientsByNick.get(key);
        Client self = clients.get(e.client());
        if (holder == null && self == null) {
            Client c = new Client(e.client(), e.nick(), e.session(), e.identity());
            clients.put(c.id, c);
            clientsByNick.put(key, c);
            return List.of(new NickAccepted(c.id, c.nick));
        }
        if (holder == null || holder == self) {
            if (self.nick.equals(e.nick())) {
                return List.of();  // IRC: NICK to one's own nick does nothing
            }
            Member before = self.member();
            clientsByNick.remove(Casemapping.fold(before.nick()));
            self.nick = e.nick();
            clientsByNick.put(key, self);
            for (String room : self.rooms) {
                rooms.get(room).members.put(self.id, self.member());  // same key: keeps its place in join order
            }
            Set<ClientId> to = new LinkedHashSet<>();
            to.add(self.id);
            to.addAll(roommates(self));
            return List.of(new NickChanged(before, self.nick, new ArrayList<>(to)));
        }
        if (self == null && !e.session().isEmpty() && e.session().equals(holder.session)) {
            return List.of(resume(holder, e.client()));
        }
        return List.of(new Rejected(e.client(), ErrorCode.NICK_IN_USE, e.nick()));
    }

    private NickResumed resume(Client holder, ClientId newId) {
        ClientId old = holder.id;
        clients.remove(old);
        holder.id = newId;
        clients.put(newId, holder);
        List<String> names = new ArrayList<>();
        for (String key : holder.rooms) {
            RoomState room = rooms.get(key);
            room.members.remove(old);
            room.members.put(newId, holder.member());
            names.add(room.name);
        }
        return new NickResumed(newId, old, holder.nick, names);
    }

    private List<ChatOutcome> join(RoomJoined e) {
        Client c = clients.get(e.client());
        if (c == null) {
            return notRegistered(e.client());
        }
        String key = Casemapping.fold(e.room());
        if (c.rooms.contains(key)) {
            return List.of();
        }
        if (c.rooms.size() >= ChatLimits.MAX_ROOMS_PER_CLIENT) {
            return List.of(new Rejected(c.id, ErrorCode.TOO_MANY_ROOMS, e.room()));
        }
        if (!rooms.containsKey(key) && rooms.size() >= maxRooms && !dropOldestEmptyRoom()) {
            return List.of(new Rejected(c.id, ErrorCode.ROOM_LIMIT, e.room()));
        }
        RoomState room = rooms.computeIfAbsent(key, k -> new RoomState(e.room(), historyLimit));
        room.members.put(c.id, c.member());
        c.rooms.add(key);
        return List.of(new Joined(room.name, c.member(), room.snapshot(0, resume, 0), room.audience()));
    }

    private List<ChatOutcome> leave(RoomLeft e) {
        Client c = clients.get(e.client());
        if (c == null) {
            return notRegistered(e.client());
        }
        String key = Casemapping.fold(e.room());
        if (!c.rooms.contains(key)) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_IN_ROOM, e.room()));
        }
        RoomState room = rooms.get(key);
        List<ClientId> to = room.audience();
        removeMembership(c, key);
        return List.of(new Left(room.name, c.member(), e.reason(), to));
    }

    private List<ChatOutcome> post(long seq, MessagePosted e) {
        Client c = clients.get(e.client());
        if (c == null) {
            return List.of(new Rejected(e.client(), ErrorCode.NOT_REGISTERED, "no nick, or already gone",
                    e.clientEventId()));
        }
        RoomState room = rooms.get(Casemapping.fold(e.room()));
        if (room == null || !room.members.containsKey(c.id)) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_IN_ROOM, e.room(), e.clientEventId()));
        }
        Duplicate resend = resend(c, e.clientEventId(), e.text());
        if (resend != null) {
            return List.of(resend);
        }
        HistoryEntry entry = new HistoryEntry(seq, room.name, c.member(), e.text(), e.time(), e.clientEventId(),
                e.notice());
        room.add(entry);
        resume.add(entry);
        sent.add(c.nick, e.clientEventId(), new SentMessages.Sent(seq, room.name, null, c.member(), e.time()));
        return List.of(new Posted(entry, room.audience()));
    }

    private List<ChatOutcome> privateMessage(long seq, PrivateMessage e) {
        Client c = clients.get(e.client());
        if (c == null) {
            return List.of(new Rejected(e.client(), ErrorCode.NOT_REGISTERED, "no nick, or already gone",
                    e.clientEventId()));
        }
        Duplicate resend = resend(c, e.clientEventId(), e.text());
        if (resend != null) {
            return List.of(resend);
        }
        Client target = clientsByNick.get(Casemapping.fold(e.target()));
        if (target == null) {
            return List.of(new Rejected(c.id, ErrorCode.NO_SUCH_NICK, e.target(), e.clientEventId()));
        }
        sent.add(c.nick, e.clientEventId(), new SentMessages.Sent(seq, null, target.nick, c.member(), e.time()));
        return List.of(new PrivateSent(seq, c.member(), target.member(), e.text(), e.time(), e.clientEventId(),
                e.notice()));
    }

    /** A resend of a message this nick already sent with this id (the text is the resend's: it is the same). */
    private Duplicate resend(Client c, String clientEventId, String text) {
        SentMessages.Sent earlier = sent.find(c.nick, clientEventId);
        return earlier == null ? null : new Duplicate(c.id, new HistoryEntry(earlier.seq(), earlier.room(),
                earlier.sender(), text, earlier.time(), clientEventId), earlier.recipient());
    }

    private List<ChatOutcome> topic(TopicSet e) {
        Client c = clients.get(e.client());
        if (c == null) {
            return notRegistered(e.client());
        }
        RoomState room = rooms.get(Casemapping.fold(e.room()));
        if (room == null || !room.members.containsKey(c.id)) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_IN_ROOM, e.room()));
        }
        room.topic = e.topic();
        return List.of(new TopicChanged(room.name, c.member(), room.topic, room.audience()));
    }

    private List<ChatOutcome> away(AwaySet e) {
        Client c = clients.get(e.client());
        if (c == null) {
            return notRegistered(e.client());
        }
        c.away = e.message();
        return List.of(new AwayChanged(c.id, c.away));
    }

    private Quit remove(Client c, String reason) {
        List<ClientId> to = new ArrayList<>(roommates(c));
        List<String> names = new ArrayList<>();
        for (String key : List.copyOf(c.rooms)) {
            names.add(rooms.get(key).name);
            removeMembership(c, key);
        }
        clients.remove(c.id);
        clientsByNick.remove(Casemapping.fold(c.nick));
        return new Quit(c.member(), reason, names, to);
    }

    private void removeMembership(Client c, String key) {
        rooms.get(key).members.remove(c.id);
        c.rooms.remove(key);
    }

    /** Makes room for a new room: the oldest room without members goes. False if every room has members. */
    private boolean dropOldestEmptyRoom() {
        for (Iterator<RoomState> it = rooms.values().iterator(); it.hasNext(); ) {
            if (it.next().members.isEmpty()) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** Everyone sharing a room with {@code c}, not {@code c} itself, each once, in a deterministic order. */
    private Set<ClientId> roommates(Client c) {
        Set<ClientId> to = new LinkedHashSet<>();
        for (String key : c.rooms) {
            to.addAll(rooms.get(key).members.keySet());
        }
        to.remove(c.id);
        return to;
    }

    private static List<ChatOutcome> notRegistered(ClientId client) {
        return List.of(new Rejected(client, ErrorCode.NOT_REGISTERED, "no nick, or already gone"));
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
        Client c = clientsByNick.get(Casemapping.fold(nick));
        return c == null ? Optional.empty() : Optional.of(c.member());
    }

    /** What WHOIS and WHO show of a client: its member, real name and away message (empty: not away). */
    public Optional<Profile> profile(ClientId client) {
        Client c = clients.get(client);
        return c == null ? Optional.empty() : Optional.of(new Profile(c.member(), c.identity.realname(), c.away));
    }

    public record Profile(Member member, String realname, String away) {
    }

    /** The clients connected to {@code server}, in order of registration. */
    public List<ClientId> clientsOf(String server) {
        List<ClientId> of = new ArrayList<>();
        for (ClientId c : clients.keySet()) {
            if (c.server().equals(server)) {
                of.add(c);
            }
        }
        return of;
    }

    /** Whether a {@link ServerGone} for {@code server} with this bound would remove anyone. */
    public boolean hasClientsOf(String server, long beforeConnection) {
        return clientsOf(server).stream().anyMatch(c -> c.connection() < beforeConnection);
    }

    public boolean isNickTaken(String nick) {
        return clientsByNick.containsKey(Casemapping.fold(nick));
    }

    /** Everyone online, in order of registration. */
    public List<Member> members() {
        List<Member> all = new ArrayList<>(clients.size());
        for (Client c : clients.values()) {
            all.add(c.member());
        }
        return all;
    }

    /** Display names of the rooms the client is in, in join order. */
    public List<String> roomsOf(ClientId client) {
        Client c = clients.get(client);
        if (c == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String key : c.rooms) {
            names.add(rooms.get(key).name);
        }
        return names;
    }

    /** Display names of all rooms, oldest first. */
    public List<String> rooms() {
        List<String> names = new ArrayList<>();
        for (RoomState r : rooms.values()) {
            names.add(r.name);
        }
        return Collections.unmodifiableList(names);
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
        RoomState r = rooms.get(Casemapping.fold(room));
        return r == null ? Optional.empty() : Optional.of(r.snapshot(afterSeq, resume, maxResumeChars));
    }
}
