package org.syncnet.chat;

import java.util.List;
import java.util.Objects;

/**
 * An entry of the replicated chat log. Every server applies the committed events in log order to its
 * {@link ChatState}, so each record holds everything applying it needs (no lookups of server-local state, no
 * clock: a message carries the time its origin server accepted it). The constructors enforce {@link ChatLimits},
 * so an event that exists can be encoded, and {@link ChatEventCodec} refuses to decode anything else.
 */
public sealed interface ChatEvent {
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
    record NickClaimed(ClientId client, String nick, String session, Identity identity) implements ChatEvent {
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
    record RoomJoined(ClientId client, String room, String key, long time) implements ChatEvent {
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

    record RoomLeft(ClientId client, String room, String reason) implements ChatEvent {
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
            implements ChatEvent {
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
                          boolean notice) implements ChatEvent {
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
    record ClientGone(ClientId client, String reason) implements ChatEvent {
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
    record TopicSet(ClientId client, String room, String topic) implements ChatEvent {
        public TopicSet {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidRoom(room), "room");
            require(ChatLimits.isValidTopic(topic), "topic");
        }
    }

    /** IRC AWAY: a non-empty message marks the client away, an empty one back. */
    record AwaySet(ClientId client, String message) implements ChatEvent {
        public AwaySet {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidAway(message), "away message");
        }
    }

    /**
     * IRC MODE on a room: 1 to {@link ChatLimits#MAX_MODE_CHANGES} changes, applied in order. {@code time}: the
     * origin server's clock when it accepted the MODE, kept with list entries (who set a ban, and when).
     */
    record ModesChanged(ClientId client, String room, List<ModeChange> changes, long time) implements ChatEvent {
        public ModesChanged {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidRoom(room), "room");
            changes = List.copyOf(changes);
            require(!changes.isEmpty() && changes.size() <= ChatLimits.MAX_MODE_CHANGES, "mode change count");
            require(time >= 0, "time");
        }
    }

    /** IRC KICK: {@code targetNick} is removed from {@code room}. */
    record Kicked(ClientId client, String room, String targetNick, String reason) implements ChatEvent {
        public Kicked {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidRoom(room), "room");
            require(ChatLimits.isValidNick(targetNick), "target nick");
            require(ChatLimits.isValidReason(reason), "reason");
        }
    }

    /** IRC INVITE: {@code targetNick} may join {@code room} past {@code +i}, {@code +k} and {@code +l} once. */
    record Invited(ClientId client, String room, String targetNick) implements ChatEvent {
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
    record OperUp(ClientId client, String operName) implements ChatEvent {
        public OperUp {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidOperName(operName), "oper name");
        }
    }

    /**
     * The client's complete new set of user modes, letters of {@link ChatLimits#USER_MODES} and {@code o}: the door
     * turns {@code MODE nick +i-w} into the resulting set, so the event means the same whatever came before it.
     */
    record UserModesSet(ClientId client, String modes) implements ChatEvent {
        public UserModesSet {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidUserModes(modes), "user modes");
        }
    }

    /** IRC KILL by a server operator: {@code targetNick}'s connection is ended, wherever it is. */
    record Killed(ClientId client, String targetNick, String reason) implements ChatEvent {
        public Killed {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidNick(targetNick), "target nick");
            require(ChatLimits.isValidReason(reason), "reason");
        }
    }

    /** IRC WALLOPS by a server operator: told to every client with user mode {@code w}. */
    record Wallops(ClientId client, String text) implements ChatEvent {
        public Wallops {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidText(text), "text");
        }
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("invalid " + what);
        }
    }
}
