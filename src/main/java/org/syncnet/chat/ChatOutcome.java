package org.syncnet.chat;

import java.util.List;

/**
 * What applying one event means for clients: a value the delivery layer fans out. {@link #to()} lists every
 * client, on any server, that must hear of it; each server delivers to those of its own connections and ignores
 * the rest. The lists are in a deterministic order (the same on every server).
 */
public sealed interface ChatOutcome {
    List<ClientId> to();

    /** The claimant got the nick; for a first claim this completes its registration (welcome). */
    record NickAccepted(ClientId client, String nick) implements ChatOutcome {
        @Override
        public List<ClientId> to() {
            return List.of(client);
        }
    }

    /**
     * A reconnected client took its nick and its rooms over from its old connection {@code replaced}, which the
     * delivery layer closes if it still holds it. Nobody else is told: to them nothing changed.
     */
    record NickResumed(ClientId client, ClientId replaced, String nick, List<String> rooms) implements ChatOutcome {
        public NickResumed {
            rooms = List.copyOf(rooms);
        }

        @Override
        public List<ClientId> to() {
            return List.of(client, replaced);
        }
    }

    /** A registered client changed its nick (or its nick's spelling); told to itself and everyone in its rooms. */
    record NickChanged(Member before, String newNick, List<ClientId> to) implements ChatOutcome {
        public NickChanged {
            to = List.copyOf(to);
        }

        public ClientId client() {
            return before.client();
        }

        public String oldNick() {
            return before.nick();
        }
    }

    /**
     * The event was refused by the state (e.g. a nick already taken further up the log): tell the client.
     * {@code clientEventId}: the refused message's id (else null), so the client stops resending it.
     */
    record Rejected(ClientId client, ErrorCode code, String detail, String clientEventId) implements ChatOutcome {
        public Rejected(ClientId client, ErrorCode code, String detail) {
            this(client, code, detail, null);
        }

        @Override
        public List<ClientId> to() {
            return List.of(client);
        }
    }

    /** {@code member} joined; {@code snapshot} (taken after the join) is for the joiner, the rest hear the join. */
    record Joined(String room, Member member, RoomSnapshot snapshot, List<ClientId> to) implements ChatOutcome {
        public Joined {
            to = List.copyOf(to);
        }
    }

    /** {@code member} left (parted) {@code room}; told to the room as it was, the leaver included. */
    record Left(String room, Member member, String reason, List<ClientId> to) implements ChatOutcome {
        public Left {
            to = List.copyOf(to);
        }
    }

    /**
     * {@code member} is gone (quit, disconnected, or its server failed) and with it its membership of
     * {@code rooms}; told to everyone who shared one of them (IRC sends one QUIT for all).
     */
    record Quit(Member member, String reason, List<String> rooms, List<ClientId> to) implements ChatOutcome {
        public Quit {
            rooms = List.copyOf(rooms);
            to = List.copyOf(to);
        }
    }

    /** A message, delivered to every member of the room, the sender included (its confirmation). */
    record Posted(HistoryEntry message, List<ClientId> to) implements ChatOutcome {
        public Posted {
            to = List.copyOf(to);
        }
    }

    /**
     * A private message: delivered to its recipient and, as confirmation, to its sender. Not kept in any history
     * (IRC keeps none; a resumed client's own unconfirmed private messages are resent by it).
     */
    record PrivateSent(long seq, Member from, Member recipient, String text, long time, String clientEventId,
                       boolean notice) implements ChatOutcome {
        @Override
        public List<ClientId> to() {
            return from.client().equals(recipient.client()) ? List.of(recipient.client())
                    : List.of(recipient.client(), from.client());
        }
    }

    /**
     * A resend of a message already sent: only its sender is told, with the original, as confirmation. For a private
     * message {@code recipient} is the nick it went to (and the entry has no room); null for a room message.
     */
    record Duplicate(ClientId client, HistoryEntry original, String recipient) implements ChatOutcome {
        @Override
        public List<ClientId> to() {
            return List.of(client);
        }
    }

    /** The client went away (non-empty message) or came back (empty); only it is told (IRC 306/305). */
    record AwayChanged(ClientId client, String message) implements ChatOutcome {
        @Override
        public List<ClientId> to() {
            return List.of(client);
        }
    }

    record TopicChanged(String room, Member by, String topic, List<ClientId> to) implements ChatOutcome {
        public TopicChanged {
            to = List.copyOf(to);
        }
    }
}
