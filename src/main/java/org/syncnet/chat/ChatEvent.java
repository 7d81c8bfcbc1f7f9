package org.syncnet.chat;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An entry of the replicated chat log. Every server applies the committed events in log order to its
 * {@link ChatState}, so each record holds everything applying it needs (no lookups of server-local state, no
 * clock: a message carries the time its origin server accepted it). The constructors enforce {@link ChatLimits},
 * so an event that exists can be encoded, and {@link ChatEventCodec} refuses to decode anything else.
 */
public sealed interface ChatEvent {
    /** An event about one client's connection: every event but {@link ServerGone}. */
    sealed interface ClientEvent extends ChatEvent {
        ClientId client();
    }

    /** The client's id for a message it sent (room or private), so a refusal can name it; null for other events. */
    default String clientEventId() {
        return null;
    }

    /**
     * A connection asks for a nick: its first (registration) or a change. {@code session} is an opaque key the
     * client chose for resuming (empty: none); a claim of a held nick with the holder's non-empty session moves the
     * nick and its rooms to the new connection (a client that reconnected to another server before its old
     * connection was removed). {@code identity} (user, host, real name) counts for a first claim only: a nick change
     * or a resume keeps the one the client registered with.
     */
    record NickClaimed(ClientId client, String nick, String session, Identity identity) implements ClientEvent {
        public NickClaimed {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidNick(nick), "nick");
            require(ChatLimits.isValidSession(session), "session");
            Objects.requireNonNull(identity);
        }
    }

    /**
     * {@code key}: the key the joiner offers for a {@code +k} room (empty: none; a key that cannot be valid the door
     * sends as empty, as it cannot match). {@code time}: milliseconds since 1970 on the origin server's clock, the
     * room's creation time if this join creates it (0 in events logged before joins carried it).
     */
    record RoomJoined(ClientId client, String room, String key, long time) implements ClientEvent {
        public RoomJoined(ClientId client, String room) {
            this(client, room, "", 0);
        }

        public RoomJoined {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidRoom(room), "room");
            require(key != null && (key.isEmpty() || ChatLimits.isValidKey(key)), "key");
            require(time >= 0, "time");
        }
    }

    record RoomLeft(ClientId client, String room, String reason) implements ClientEvent {
        public RoomLeft {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidRoom(room), "room");
            require(ChatLimits.isValidReason(reason), "reason");
        }
    }

    /**
     * {@code time}: milliseconds since 1970 on the origin server's clock when it accepted the message. {@code notice}:
     * an IRC NOTICE (clients show it apart and never answer it automatically).
     */
    record MessagePosted(ClientId client, String room, String text, String clientEventId, long time, boolean notice)
            implements ClientEvent {
        public MessagePosted(ClientId client, String room, String text, String clientEventId, long time) {
            this(client, room, text, clientEventId, time, false);
        }

        public MessagePosted {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidRoom(room), "room");
            require(ChatLimits.isValidText(text), "text");
            require(ChatLimits.isValidClientEventId(clientEventId), "client event id");
            require(time >= 0, "time");
        }
    }

    /**
     * A message to one nick (IRC PRIVMSG/NOTICE to a nick), wherever its holder is connected. The nick is resolved
     * when the event is applied, in log order, so every server agrees on who gets it.
     */
    record PrivateMessage(ClientId client, String target, String text, String clientEventId, long time,
                          boolean notice) implements ClientEvent {
        public PrivateMessage(ClientId client, String target, String text, String clientEventId, long time) {
            this(client, target, text, clientEventId, time, false);
        }

        public PrivateMessage {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidNick(target), "target nick");
            require(ChatLimits.isValidText(text), "text");
            require(ChatLimits.isValidClientEventId(clientEventId), "client event id");
            require(time >= 0, "time");
        }
    }

    /** The connection closed: a quit, a disconnect, a timeout, or dropped for being too slow. */
    record ClientGone(ClientId client, String reason) implements ClientEvent {
        public ClientGone {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidReason(reason), "reason");
        }
    }

    /**
     * Every client of {@code server} whose connection number is below {@code beforeConnection} is gone: the server
     * failed (logged by the leader when the failure detector says so) or restarted (logged by the server itself
     * before it accepts clients). The bound keeps a late verdict on a failed incarnation from removing the clients
     * of the server's next incarnation, whose connection numbers are all higher ({@link ClientId}).
     */
    record ServerGone(String server, long beforeConnection, String reason) implements ChatEvent {
        public ServerGone {
            require(ClientId.isValidServer(server), "server");
            require(beforeConnection >= 0, "connection bound");
            require(ChatLimits.isValidReason(reason), "reason");
        }
    }

    /** An empty topic clears it. */
    record TopicSet(ClientId client, String room, String topic) implements ClientEvent {
        public TopicSet {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidRoom(room), "room");
            require(ChatLimits.isValidTopic(topic), "topic");
        }
    }

    /** IRC AWAY: a non-empty message marks the client away, an empty one back. */
    record AwaySet(ClientId client, String message) implements ClientEvent {
        public AwaySet {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidAway(message), "away message");
        }
    }

    /**
     * IRC MODE on a room: 1 to {@link ChatLimits#MAX_MODE_CHANGES} changes, applied in order. {@code time}: the
     * origin server's clock when it accepted the MODE, kept with list entries (who set a ban, and when).
     */
    record ModesChanged(ClientId client, String room, List<ModeChange> changes, long time) implements ClientEvent {
        public ModesChanged {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidRoom(room), "room");
            changes = List.copyOf(changes);
            require(!changes.isEmpty() && changes.size() <= ChatLimits.MAX_MODE_CHANGES, "mode change count");
            require(time >= 0, "time");
        }
    }

    /** IRC KICK: {@code targetNick} is removed from {@code room}. */
    record Kicked(ClientId client, String room, String targetNick, String reason) implements ClientEvent {
        public Kicked {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidRoom(room), "room");
            require(ChatLimits.isValidNick(targetNick), "target nick");
            require(ChatLimits.isValidReason(reason), "reason");
        }
    }

    /** IRC INVITE: {@code targetNick} may join {@code room} past {@code +i}, {@code +k} and {@code +l} once. */
    record Invited(ClientId client, String room, String targetNick) implements ClientEvent {
        public Invited {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidRoom(room), "room");
            require(ChatLimits.isValidNick(targetNick), "target nick");
        }
    }

    /**
     * IRC OPER: the client becomes a server operator. Its door checked the name and password (the password never
     * enters the log); {@code operName} is the name it logged in with.
     */
    record OperUp(ClientId client, String operName) implements ClientEvent {
        public OperUp {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidOperName(operName), "oper name");
        }
    }

    /**
     * The client's complete new set of user modes, letters of {@link ChatLimits#USER_MODES} and {@code o}: the door
     * turns {@code MODE nick +i-w} into the resulting set, so the event means the same whatever came before it.
     */
    record UserModesSet(ClientId client, String modes) implements ClientEvent {
        public UserModesSet {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidUserModes(modes), "user modes");
        }
    }

    /** IRC KILL by a server operator: {@code targetNick}'s connection is ended, wherever it is. */
    record Killed(ClientId client, String targetNick, String reason) implements ClientEvent {
        public Killed {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidNick(targetNick), "target nick");
            require(ChatLimits.isValidReason(reason), "reason");
        }
    }

    /** IRC WALLOPS by a server operator: told to every client with user mode {@code w}. */
    record Wallops(ClientId client, String text) implements ClientEvent {
        public Wallops {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidText(text), "text");
        }
    }

    // ---- Accounts (AccountActions). A door checks a password before it logs anything; only credentials and
    // ---- hashes of browser tokens enter the log.

    /**
     * The client registers the nick it holds as an account ({@code account} is that nick) and is logged in to it.
     * {@code email}: stored only (empty: none). {@code address}: where the client connects from, for the
     * per-address registration limit.
     */
    record AccountRegistered(ClientId client, String account, PasswordCredential credential, String email,
                             String address, long time) implements ClientEvent {
        public AccountRegistered {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidNick(account), "account");
            Objects.requireNonNull(credential);
            require(ChatLimits.isValidEmail(email), "email");
            require(ChatLimits.isValidHost(address), "address");
            require(time >= 0, "time");
        }
    }

    /**
     * The client's door checked its password (or browser token) for {@code account}, whose password was at version
     * {@code passwordVersion} then: the client is logged in, unless the password changed or the account was dropped
     * meanwhile. Also sent right after the {@link NickClaimed} of a client that authenticated before registering.
     */
    record LoggedIn(ClientId client, String account, int passwordVersion) implements ClientEvent {
        public LoggedIn {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidNick(account), "account");
            require(passwordVersion >= 0, "password version");
        }
    }

    /**
     * A wrong password for {@code account} from {@code address}: counted cluster-wide, per account and per address,
     * so that further attempts wait ({@link LoginThrottle}). The client need not be registered yet (SASL).
     */
    record LoginFailed(ClientId client, String account, String address, long time) implements ClientEvent {
        public LoginFailed {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidNick(account), "account");
            require(ChatLimits.isValidHost(address), "address");
            require(time >= 0, "time");
        }
    }

    /**
     * The client logs out; {@code session}, the SHA-256 of the browser token it logged in with (empty: none), is
     * revoked with it.
     */
    record LoggedOut(ClientId client, byte[] session) implements ClientEvent {
        public LoggedOut {
            Objects.requireNonNull(client);
            require(session.length == 0 || session.length == ChatLimits.SESSION_HASH_BYTES, "session");
            session = session.clone();
        }

        @Override
        public byte[] session() {
            return session.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LoggedOut e && client.equals(e.client) && Arrays.equals(session, e.session);
        }

        @Override
        public int hashCode() {
            return client.hashCode();
        }
    }

    /** The logged-in client's account gets a new password; every browser session of the account is revoked. */
    record PasswordChanged(ClientId client, PasswordCredential credential) implements ClientEvent {
        public PasswordChanged {
            Objects.requireNonNull(client);
            Objects.requireNonNull(credential);
        }
    }

    /** The logged-in client drops its account: everyone logged in to it is logged out, its nick is free. */
    record AccountDropped(ClientId client) implements ClientEvent {
        public AccountDropped {
            Objects.requireNonNull(client);
        }
    }

    /**
     * A browser login token for the logged-in client's account: {@code session} is the SHA-256 of the token (the
     * token itself stays with the browser and its door), valid on every server until {@code expires} (ms since
     * 1970), a logout with it or a password change.
     */
    record SessionIssued(ClientId client, byte[] session, long expires) implements ClientEvent {
        public SessionIssued {
            Objects.requireNonNull(client);
            require(session.length == ChatLimits.SESSION_HASH_BYTES, "session");
            require(expires > 0, "expiry");
            session = session.clone();
        }

        @Override
        public byte[] session() {
            return session.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SessionIssued e && client.equals(e.client) && Arrays.equals(session, e.session)
                    && expires == e.expires;
        }

        @Override
        public int hashCode() {
            return client.hashCode();
        }
    }

    /**
     * The logged-in owner of the registered nick {@code nick} takes it back from whoever holds it: GHOST ends that
     * connection; REGAIN ({@code regain}) also gives the nick to the owner, and a holder not logged in to the
     * account is renamed to a guest nick instead of disconnected.
     */
    record NickRecovered(ClientId client, String nick, boolean regain) implements ClientEvent {
        public NickRecovered {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidNick(nick), "nick");
        }
    }

    /**
     * The grace period of a client holding a registered nick without being logged in to it is over: if it still
     * holds {@code nick} and is still not logged in to it, it is renamed to a guest nick.
     */
    record NickEnforced(ClientId client, String nick) implements ClientEvent {
        public NickEnforced {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidNick(nick), "nick");
        }
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("invalid " + what);
        }
    }
}
