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
import org.syncnet.chat.ChatEvent.OperUp;
import org.syncnet.chat.ChatEvent.PrivateMessage;
import org.syncnet.chat.ChatEvent.RoomJoined;
import org.syncnet.chat.ChatEvent.RoomLeft;
import org.syncnet.chat.ChatEvent.ServerGone;
import org.syncnet.chat.ChatEvent.TopicSet;
import org.syncnet.chat.ChatEvent.UserModesSet;
import org.syncnet.chat.ChatEvent.Wallops;
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
import org.syncnet.chat.ChatOutcome.UserModesChanged;
import org.syncnet.chat.ChatOutcome.WallopsSent;

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
 *   <li>Each room keeps its last {@code historyLimit} messages.</li>
 *   <li>A message (room or private) whose sender (by nick) and client event id match one of the last
 *       {@link ChatLimits#SENT_WINDOW} messages is a resend — typically by a client that reconnected to another
 *       server, where the log's own deduplication, keyed by connection, cannot recognize it. It is not sent again;
 *       only the sender hears of the original ({@link Duplicate}), as its confirmation. Clients must therefore not
 *       reuse an event id (the browser client uses a random prefix per page and a counter).</li>
 * </ul>
 * Channel operators and modes (letters as ISUPPORT announces them: {@code CHANMODES=beI,k,l,imnst},
 * {@code PREFIX=(ov)@+}); "server operator" is a client with user mode {@code o}:
 * <ul>
 *   <li>A new room has modes {@code +nt}, the creating join's time as its creation time, and its creator as
 *       operator ({@code @}). Joining a room without members also makes the joiner operator, but the room's modes,
 *       key, limit, lists and topic stay and apply to that join.</li>
 *   <li>Joining an existing room, for a client that is not a server operator (who passes all), is refused in this
 *       order: {@code BANNED} if its {@code nick!user@host} matches a ban and no exception (an invite does not lift
 *       a ban); {@code INVITE_ONLY} on {@code +i} unless invited or matching an invite exception; {@code BAD_KEY} on
 *       {@code +k} when the key differs (exact, case-sensitive) unless invited; {@code CHANNEL_FULL} on {@code +l}
 *       when the members reach the limit unless invited. A join uses up the joiner's invite to the room.</li>
 *   <li>Posting to a room: a resend is confirmed first (the original was posted, whatever the sender may do now).
 *       On {@code +n} only members post ({@code NOT_IN_ROOM}, also for a room that does not exist); on {@code -n}
 *       anyone may, and is told of its post like the members. Unless the sender is {@code @} or {@code +} there or
 *       a server operator: {@code +m} refuses it ({@code MODERATED}), then a ban without exception
 *       ({@code BANNED}).</li>
 *   <li>Only members set the topic ({@code NOT_IN_ROOM}); on {@code +t} only its operators and server operators
 *       ({@code NOT_OPERATOR}).</li>
 *   <li>Modes are changed by a member with {@code @}, or a server operator, member or not ({@code NO_SUCH_ROOM},
 *       {@code NOT_IN_ROOM}, {@code NOT_OPERATOR}); each change then on its own, in order, by {@link ModeApplier}:
 *       an unknown letter is {@code UNKNOWN_MODE}; {@code o}/{@code v} need an online nick ({@code NO_SUCH_NICK})
 *       in the room ({@code NOT_IN_THAT_ROOM}); {@code +k} a valid key ({@link ChatLimits#isValidKey}), while
 *       {@code -k} clears whatever its argument; {@code +l} 1 to {@link ChatLimits#MAX_LIMIT}; {@code b}/{@code e}/
 *       {@code I} a mask ({@link BanMask#normalize}), and a full list refuses a new one ({@code LIST_FULL}); a
 *       missing or invalid argument is {@code INVALID_MODE_ARGUMENT}. A change that changes nothing is dropped
 *       silently. The refusals come first, one per failed change in order, then one {@code ModesChanged} with the
 *       changes that took effect (if any), to the members and a non-member setter.</li>
 *   <li>KICK: by a member with {@code @} or a server operator; the target must be online ({@code NO_SUCH_NICK}) and
 *       in the room ({@code NOT_IN_THAT_ROOM}); told to the room before the target leaves it (and to a non-member
 *       kicker).</li>
 *   <li>INVITE: by a member ({@code NOT_IN_ROOM}; {@code NO_SUCH_ROOM} if there is no room), on {@code +i} only an
 *       operator or a server operator ({@code NOT_OPERATOR}); the target must be online and not in the room
 *       ({@code ALREADY_IN_ROOM}). The room remembers the invite (the newest
 *       {@link ChatLimits#MAX_INVITES_PER_ROOM}) until the target joins or is gone. Told to the inviter, the target
 *       and the room's operators.</li>
 *   <li>OPER makes a client a server operator (its door checked the password); it always gets a
 *       {@code UserModesChanged}. A user-mode set takes {@code i} and {@code w} as given and can drop {@code o} but
 *       not give it; it is answered only if something changed.</li>
 *   <li>KILL and WALLOPS need a server operator ({@code NOT_PRIVILEGED}). A killed client is gone as if it had
 *       quit; the victim, its room mates and the killer hear it. WALLOPS reaches every client with user mode
 *       {@code w}.</li>
 *   <li>WHOWAS remembers the last {@link ChatLimits#WHOWAS_ENTRIES} nicks that went away: a client gone (quit,
 *       server gone, killed) and the old nick of a nick change.</li>
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
    private final Whowas whowas = new Whowas();
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
        /** User mode {@code o}. */
        boolean oper;
        /** User mode {@code i}: only recorded (doors count and hide invisible clients). */
        boolean invisible;
        /** User mode {@code w}: receives WALLOPS. */
        boolean wallops;

        Client(ClientId id, String nick, String session, Identity identity) {
            this.id = id;
            this.nick = nick;
            this.session = session;
            this.identity = identity;
        }

        Member member() {
            return new Member(id, nick, identity.user(), identity.host());
        }

        /** The user modes set, sorted. */
        String modes() {
            return (invisible ? "i" : "") + (oper ? "o" : "") + (wallops ? "w" : "");
        }

        WhowasEntry whowas() {
            return new WhowasEntry(nick, identity.user(), identity.host(), identity.realname(), id.server());
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
        } else if (event instanceof ChatEvent.ModesChanged e) {
            return e.client();
        } else if (event instanceof ChatEvent.Kicked e) {
            return e.client();
        } else if (event instanceof ChatEvent.Invited e) {
            return e.client();
        } else if (event instanceof OperUp e) {
            return e.client();
        } else if (event instanceof UserModesSet e) {
            return e.client();
        } else if (event instanceof ChatEvent.Killed e) {
            return e.client();
        } else if (event instanceof Wallops e) {
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
        } else if (event instanceof ChatEvent.ModesChanged e) {
            return modes(e);
        } else if (event instanceof ChatEvent.Kicked e) {
            return kick(e);
        } else if (event instanceof ChatEvent.Invited e) {
            return invite(e);
        } else if (event instanceof OperUp e) {
            return operUp(e);
        } else if (event instanceof UserModesSet e) {
            return userModes(e);
        } else if (event instanceof ChatEvent.Killed e) {
            return kill(e);
        } else if (event instanceof Wallops e) {
            return wallops(e);
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
            whowas.add(self.whowas());
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
        for (RoomState room : rooms.values()) {
            room.replace(old, newId);  // statuses, and invites to rooms it is not in
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
        RoomState room = rooms.get(key);
        if (room == null) {
            if (rooms.size() >= maxRooms && !dropOldestEmptyRoom()) {
                return List.of(new Rejected(c.id, ErrorCode.ROOM_LIMIT, e.room()));
            }
            room = new RoomState(e.room(), historyLimit, e.time());
            rooms.put(key, room);
        } else if (!c.oper) {
            ErrorCode refusal = room.joinRefusal(c.member(), e.key());
            if (refusal != null) {
                return List.of(new Rejected(c.id, refusal, e.room()));
            }
        }
        room.join(c.member());
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
        Duplicate resend = resend(c, e.clientEventId(), e.text());
        if (resend != null) {
            return List.of(resend);
        }
        RoomState room = rooms.get(Casemapping.fold(e.room()));
        ErrorCode refusal = room == null ? ErrorCode.NOT_IN_ROOM : postRefusal(c, room);
        if (refusal != null) {
            return List.of(new Rejected(c.id, refusal, e.room(), e.clientEventId()));
        }
        HistoryEntry entry = new HistoryEntry(seq, room.name, c.member(), e.text(), e.time(), e.clientEventId(),
                e.notice());
        room.add(entry);
        resume.add(entry);
        sent.add(c.nick, e.clientEventId(), new SentMessages.Sent(seq, room.name, null, c.member(), e.time()));
        return List.of(new Posted(entry, audienceAnd(room, c)));  // a non-member's post (-n) is confirmed to it too
    }

    /** Why {@code c} may not post to {@code room} (null: it may): {@code +n}, then {@code +m}, then a ban. */
    private static ErrorCode postRefusal(Client c, RoomState room) {
        if (!room.members.containsKey(c.id) && room.modes.has('n')) {
            return ErrorCode.NOT_IN_ROOM;
        }
        if (c.oper || room.hasVoice(c.id)) {
            return null;
        }
        if (room.modes.has('m')) {
            return ErrorCode.MODERATED;
        }
        return room.modes.isBanned(c.member()) ? ErrorCode.BANNED : null;
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
        if (room.modes.has('t') && !room.isOperator(c.id) && !c.oper) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_OPERATOR, room.name));
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

    private List<ChatOutcome> modes(ChatEvent.ModesChanged e) {
        Client c = clients.get(e.client());
        if (c == null) {
            return notRegistered(e.client());
        }
        RoomState room = rooms.get(Casemapping.fold(e.room()));
        Rejected refused = operatorRefusal(c, room, e.room());
        if (refused != null) {
            return List.of(refused);
        }
        ModeApplier.Result result = ModeApplier.apply(room, c.member(), e.changes(), e.time(), this::onlineMember);
        List<ChatOutcome> out = new ArrayList<>(result.refused());
        if (!result.applied().isEmpty()) {
            out.add(new ChatOutcome.ModesChanged(room.name, c.member(), result.applied(), audienceAnd(room, c)));
        }
        return out;
    }

    /** Why {@code c} may not act as operator of {@code room} (null: it may): a member with @, or a server operator. */
    private static Rejected operatorRefusal(Client c, RoomState room, String name) {
        if (room == null) {
            return new Rejected(c.id, ErrorCode.NO_SUCH_ROOM, name);
        }
        if (c.oper) {
            return null;
        }
        if (!room.members.containsKey(c.id)) {
            return new Rejected(c.id, ErrorCode.NOT_IN_ROOM, room.name);
        }
        return room.isOperator(c.id) ? null : new Rejected(c.id, ErrorCode.NOT_OPERATOR, room.name);
    }

    private List<ChatOutcome> kick(ChatEvent.Kicked e) {
        Client c = clients.get(e.client());
        if (c == null) {
            return notRegistered(e.client());
        }
        String key = Casemapping.fold(e.room());
        RoomState room = rooms.get(key);
        Rejected refused = operatorRefusal(c, room, e.room());
        if (refused != null) {
            return List.of(refused);
        }
        Client target = clientsByNick.get(Casemapping.fold(e.targetNick()));
        if (target == null) {
            return List.of(new Rejected(c.id, ErrorCode.NO_SUCH_NICK, e.targetNick()));
        }
        if (!room.members.containsKey(target.id)) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_IN_THAT_ROOM, target.nick + " " + room.name));
        }
        List<ClientId> to = audienceAnd(room, c);
        removeMembership(target, key);
        return List.of(new ChatOutcome.Kicked(room.name, c.member(), target.member(), e.reason(), to));
    }

    private List<ChatOutcome> invite(ChatEvent.Invited e) {
        Client c = clients.get(e.client());
        if (c == null) {
            return notRegistered(e.client());
        }
        RoomState room = rooms.get(Casemapping.fold(e.room()));
        if (room == null) {
            return List.of(new Rejected(c.id, ErrorCode.NO_SUCH_ROOM, e.room()));
        }
        if (!room.members.containsKey(c.id)) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_IN_ROOM, room.name));
        }
        if (room.modes.has('i') && !room.isOperator(c.id) && !c.oper) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_OPERATOR, room.name));
        }
        Client target = clientsByNick.get(Casemapping.fold(e.targetNick()));
        if (target == null) {
            return List.of(new Rejected(c.id, ErrorCode.NO_SUCH_NICK, e.targetNick()));
        }
        if (room.members.containsKey(target.id)) {
            return List.of(new Rejected(c.id, ErrorCode.ALREADY_IN_ROOM, target.nick + " " + room.name));
        }
        room.invite(target.id);
        Set<ClientId> to = new LinkedHashSet<>();
        to.add(c.id);
        to.add(target.id);
        to.addAll(room.operatorsInJoinOrder());  // IRCv3 invite-notify
        return List.of(new ChatOutcome.Invited(room.name, c.member(), target.member(), new ArrayList<>(to)));
    }

    private List<ChatOutcome> operUp(OperUp e) {
        Client c = clients.get(e.client());
        if (c == null) {
            return notRegistered(e.client());
        }
        String added = c.oper ? "" : "o";
        c.oper = true;
        return List.of(new UserModesChanged(c.id, c.member(), added, ""));
    }

    private List<ChatOutcome> userModes(UserModesSet e) {
        Client c = clients.get(e.client());
        if (c == null) {
            return notRegistered(e.client());
        }
        String before = c.modes();
        c.invisible = e.modes().indexOf('i') >= 0;
        c.wallops = e.modes().indexOf('w') >= 0;
        c.oper = c.oper && e.modes().indexOf('o') >= 0;  // can drop o, never give it
        String after = c.modes();
        if (after.equals(before)) {
            return List.of();
        }
        return List.of(new UserModesChanged(c.id, c.member(), lettersNotIn(after, before),
                lettersNotIn(before, after)));
    }

    private static String lettersNotIn(String letters, String other) {
        StringBuilder sb = new StringBuilder();
        for (char l : letters.toCharArray()) {
            if (other.indexOf(l) < 0) {
                sb.append(l);
            }
        }
        return sb.toString();
    }

    private List<ChatOutcome> kill(ChatEvent.Killed e) {
        Client c = clients.get(e.client());
        if (c == null) {
            return notRegistered(e.client());
        }
        if (!c.oper) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_PRIVILEGED, "KILL"));
        }
        Client victim = clientsByNick.get(Casemapping.fold(e.targetNick()));
        if (victim == null) {
            return List.of(new Rejected(c.id, ErrorCode.NO_SUCH_NICK, e.targetNick()));
        }
        Quit gone = remove(victim, e.reason());
        Set<ClientId> to = new LinkedHashSet<>();
        to.add(victim.id);
        to.addAll(gone.to());
        to.add(c.id);
        return List.of(new ChatOutcome.Killed(c.member(), gone.member(), e.reason(), gone.rooms(),
                new ArrayList<>(to)));
    }

    private List<ChatOutcome> wallops(Wallops e) {
        Client c = clients.get(e.client());
        if (c == null) {
            return notRegistered(e.client());
        }
        if (!c.oper) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_PRIVILEGED, "WALLOPS"));
        }
        List<ClientId> to = new ArrayList<>();
        for (Client w : clients.values()) {
            if (w.wallops) {
                to.add(w.id);
            }
        }
        return List.of(new WallopsSent(c.member(), e.text(), to));
    }

    /** The room's members, and {@code c} too if it acts from outside (a server operator, or a post on -n). */
    private static List<ClientId> audienceAnd(RoomState room, Client c) {
        List<ClientId> to = new ArrayList<>(room.members.keySet());
        if (!room.members.containsKey(c.id)) {
            to.add(c.id);
        }
        return to;
    }

    private Member onlineMember(String nick) {
        Client c = clientsByNick.get(Casemapping.fold(nick));
        return c == null ? null : c.member();
    }

    private Quit remove(Client c, String reason) {
        List<ClientId> to = new ArrayList<>(roommates(c));
        List<String> names = new ArrayList<>();
        for (String key : List.copyOf(c.rooms)) {
            names.add(rooms.get(key).name);
            removeMembership(c, key);
        }
        for (RoomState room : rooms.values()) {
            room.forgetInvite(c.id);
        }
        clients.remove(c.id);
        clientsByNick.remove(Casemapping.fold(c.nick));
        whowas.add(c.whowas());
        return new Quit(c.member(), reason, names, to);
    }

    private void removeMembership(Client c, String key) {
        rooms.get(key).leave(c.id);
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
        for (Client c : clients.values()) {
            if (c.invisible) {
                n++;
            }
        }
        return n;
    }

    /** What WHOWAS knows of {@code nick} (any case), newest first, at most {@code max} entries (≤ 0: all). */
    public List<WhowasEntry> whowas(String nick, int max) {
        return whowas.find(nick, max);
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

    /** Display names of the rooms {@code client} holds an unused invite to, oldest room first (IRC's INVITE list). */
    public List<String> invitesOf(ClientId client) {
        List<String> names = new ArrayList<>();
        for (RoomState r : rooms.values()) {
            if (r.isInvited(client)) {
                names.add(r.name);
            }
        }
        return names;
    }

    /** The room with its modes, statuses and lists, without history; empty if no such room exists. */
    public Optional<ChannelView> channel(String room) {
        RoomState r = rooms.get(Casemapping.fold(room));
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
        RoomState r = rooms.get(Casemapping.fold(room));
        return r == null ? Optional.empty() : Optional.of(r.snapshot(afterSeq, resume, maxResumeChars));
    }
}
