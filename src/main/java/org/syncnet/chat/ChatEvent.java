package org.syncnet.chat;

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

    record RoomJoined(ClientId client, String room) implements ChatEvent {
        public RoomJoined {
            Objects.requireNonNull(client);
            require(ChatLimits.isValidRoom(room), "room");
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

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("invalid " + what);
        }
    }
}
