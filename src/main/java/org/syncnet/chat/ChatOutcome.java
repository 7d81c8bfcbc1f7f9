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

    /**
     * A message, delivered to every member of the room, the sender included (its confirmation; a non-member's post
     * to a {@code -n} room is confirmed to it as well).
     */
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

    /**
     * {@code member} went away (non-empty message) or came back (empty). Told to itself (its confirmation, IRC
     * 306/305) and, when the message changed, to its room mates, each once (IRC away-notify; the browser's
     * {@code away} frame).
     */
    record AwayChanged(Member member, String message, List<ClientId> to) implements ChatOutcome {
        public AwayChanged {
            to = List.copyOf(to);
        }

        public ClientId client() {
            return member.client();
        }
    }

    record TopicChanged(String room, Member by, String topic, List<ClientId> to) implements ChatOutcome {
        public TopicChanged {
            to = List.copyOf(to);
        }
    }

    /**
     * Channel modes changed: {@code applied} lists only the changes that took effect, in order, as the room now has
     * them (normalized masks, the nick's spelling, the limit as a number; {@code -k}'s argument is {@code *}).
     * Told to every member, and to the setter if it is a server operator outside the room.
     */
    record ModesChanged(String room, Member by, List<ModeChange> applied, List<ClientId> to) implements ChatOutcome {
        public ModesChanged {
            applied = List.copyOf(applied);
            to = List.copyOf(to);
        }
    }

    /** {@code target} was kicked out of {@code room}; told to the room as it was (the target included). */
    record Kicked(String room, Member by, Member target, String reason, List<ClientId> to) implements ChatOutcome {
        public Kicked {
            to = List.copyOf(to);
        }
    }

    /** {@code target} was invited to {@code room}: told to the inviter, the target and the room's operators. */
    record Invited(String room, Member by, Member target, List<ClientId> to) implements ChatOutcome {
        public Invited {
            to = List.copyOf(to);
        }
    }

    /**
     * The client's user modes changed: the letters {@code added} and {@code removed}, each sorted. An OPER always
     * gets one (with {@code added} empty if it already was an operator), so its door can answer it.
     */
    record UserModesChanged(ClientId client, Member member, String added, String removed) implements ChatOutcome {
        @Override
        public List<ClientId> to() {
            return List.of(client);
        }
    }

    /**
     * A server operator ended {@code victim}'s connection: it is gone with its {@code rooms}. Told to the victim
     * (whose door closes it), everyone who shared a room with it (they see a QUIT) and the killer, each once.
     */
    record Killed(Member by, Member victim, String reason, List<String> rooms, List<ClientId> to)
            implements ChatOutcome {
        public Killed {
            rooms = List.copyOf(rooms);
            to = List.copyOf(to);
        }
    }

    /** A WALLOPS: to every client with user mode {@code w}, in order of registration. */
    record WallopsSent(Member from, String text, List<ClientId> to) implements ChatOutcome {
        public WallopsSent {
            to = List.copyOf(to);
        }
    }

    /** Why a client's account changed ({@link AccountChanged}). */
    enum AccountChange { REGISTERED, LOGGED_IN, LOGGED_OUT, DROPPED }

    /**
     * {@code member} is now logged in to {@code member.account()} (empty: logged out): told to itself and to its
     * room mates (IRC account-notify).
     */
    record AccountChanged(Member member, AccountChange change, List<ClientId> to) implements ChatOutcome {
        public AccountChanged {
            to = List.copyOf(to);
        }

        public ClientId client() {
            return member.client();
        }
    }

    /** What only the requester hears of an account change ({@link AccountDone}). */
    enum AccountStep { PASSWORD_CHANGED, SESSION_ISSUED }

    /** The client's account request took effect. */
    record AccountDone(ClientId client, AccountStep step, String account) implements ChatOutcome {
        @Override
        public List<ClientId> to() {
            return List.of(client);
        }
    }
}
