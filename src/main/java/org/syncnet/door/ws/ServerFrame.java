package org.syncnet.door.ws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.ListEntry;
import org.syncnet.chat.ModeChange;

/** Frames the server sends a browser; {@link ServerFrameEncoder} writes them. Nullable fields are omitted. */
public sealed interface ServerFrame {
    /** Registration done: which server the client is on, who leads (null if nobody now), its nick. */
    record Welcome(String server, String leader, String nick) implements ServerFrame {
    }

    /**
     * A message in a room. {@code id}: the client event id, only on the sender's own messages (else null).
     * {@code notice}: an IRC NOTICE (written only when true).
     */
    record Event(long seq, String room, String nick, String text, long time, String id, boolean notice)
            implements ServerFrame {
        public Event(long seq, String room, String nick, String text, long time, String id) {
            this(seq, room, nick, text, time, id, false);
        }

        // Written out: the servers run C1 only, where a record's generated equals and hashCode (method handles) are
        // slower; the chat shares one encoding among a message's recipients by these (SharedEncodings).
        @Override
        public boolean equals(Object o) {
            return o instanceof Event e && seq == e.seq && time == e.time && notice == e.notice
                    && Objects.equals(room, e.room) && Objects.equals(nick, e.nick) && Objects.equals(text, e.text)
                    && Objects.equals(id, e.id);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(seq) * 31 + Objects.hashCode(id);
        }
    }

    /** A private message between {@code from} and {@code to}; {@code id} only on the sender's own copy. */
    record Private(long seq, String from, String to, String text, long time, String id, boolean notice)
            implements ServerFrame {
        public Private(long seq, String from, String to, String text, long time, String id) {
            this(seq, from, to, text, time, id, false);
        }
    }

    /**
     * The room's members, in join order, and its topic: sent on joining and on resuming. {@code channel}: who of
     * them has {@code @} and {@code +}, the room's modes and creation time (protocol version 3; null before).
     * {@code accounts}: the account of each member logged in to one, by nick in join order (version 4; null before).
     * {@code away}: the away message of each member who is away, by nick in join order (version 5; null before).
     */
    record Members(String room, List<String> nicks, String topic, Channel channel, Map<String, String> accounts,
                   Map<String, String> away) implements ServerFrame {
        public Members {
            nicks = List.copyOf(nicks);
            accounts = accounts == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
            away = away == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(away));
        }

        public Members(String room, List<String> nicks, String topic, Channel channel, Map<String, String> accounts) {
            this(room, nicks, topic, channel, accounts, null);
        }

        public Members(String room, List<String> nicks, String topic, Channel channel) {
            this(room, nicks, topic, channel, null);
        }

        public Members(String room, List<String> nicks, String topic) {
            this(room, nicks, topic, null);
        }
    }

    /** The members with {@code @} and with {@code +} (each in join order), the room's modes and creation time. */
    record Channel(List<String> ops, List<String> voiced, Modes modes, long created) {
        public Channel {
            ops = List.copyOf(ops);
            voiced = List.copyOf(voiced);
            Objects.requireNonNull(modes);
        }
    }

    /**
     * A room's modes as they are: the letters set ({@code +ntk}), the key (empty: none; members see it), the user
     * limit (0: none) and the ban list ({@code null}: not sent, as in a mode frame that changed no ban).
     */
    record Modes(String letters, String key, int limit, List<ListEntry> bans) {
        public Modes {
            bans = bans == null ? null : List.copyOf(bans);
        }
    }

    /**
     * A member changed {@code room}'s modes: the {@code changes} that took effect, in order (statuses, flags, key,
     * limit, list entries), and the room's {@code modes} after them.
     */
    record Mode(String room, String nick, List<ModeChange> changes, Modes modes) implements ServerFrame {
        public Mode {
            changes = List.copyOf(changes);
        }
    }

    /** {@code nick} kicked {@code target} out of {@code room}; {@code reason} may be empty. */
    record Kick(String room, String nick, String target, String reason) implements ServerFrame {
    }

    /** {@code nick} invited {@code target} to {@code room} (to the target, the inviter and the room's operators). */
    record Invite(String room, String nick, String target) implements ServerFrame {
    }

    /**
     * A change of a room's members: {@code join}, {@code part}, {@code quit} (with {@code reason}) or {@code nick}
     * (with {@code newNick}). {@code account}: on a join, the account the joiner is logged in to (version 4; null if
     * none or before).
     */
    record Presence(String room, String nick, Change change, String newNick, String reason, String account)
            implements ServerFrame {
        public enum Change { JOIN, PART, QUIT, NICK }

        public Presence(String room, String nick, Change change, String newNick, String reason) {
            this(room, nick, change, newNick, reason, null);
        }
    }

    /** Recent messages of a room, oldest first; {@code complete} false if older ones after the resume point are lost. */
    record History(String room, List<Event> messages, boolean complete) implements ServerFrame {
        public History {
            messages = List.copyOf(messages);
        }
    }

    record Topic(String room, String topic, String nick) implements ServerFrame {
    }

    /**
     * {@code id}: the client event id the error concerns, if any; {@code room} and {@code nick}: the room and the
     * nick it concerns, if any (protocol version 3; null before).
     */
    record Error(ErrorCode code, String message, String id, String room, String nick) implements ServerFrame {
        public Error(ErrorCode code, String message, String id) {
            this(code, message, id, null, null);
        }
    }

    /** The cluster changed leader (or this server lost its quorum: leader null). */
    record Cluster(String server, String leader) implements ServerFrame {
    }

    // ---- accounts (protocol version 4) ----

    /**
     * The client's own account changed: the account it is now logged in to ({@code ""}: none) and why; {@code token}
     * a new browser login token to keep ({@link Secret#NONE}: none), valid on every server of the cluster.
     */
    record Account(String account, AccountChange change, Secret token) implements ServerFrame {
        public enum AccountChange { REGISTER, LOGIN, LOGOUT, DROP, PASSWORD, SESSION }

        public Account(String account, AccountChange change) {
            this(account, change, Secret.NONE);
        }
    }

    /** A room mate logged in to {@code account}, or out ({@code ""}). */
    record MemberAccount(String nick, String account) implements ServerFrame {
    }

    /** The client's own nick changed to {@code newNick}: a guest rename, a regain, or (version 5) its nick frame. */
    record Nick(String nick, String newNick) implements ServerFrame {
    }

    // ---- commands (protocol version 5) ----

    /**
     * {@code nick} is away with {@code message}, or back (empty): the client itself (its confirmation), a room mate
     * (its change, or its join while away), or the recipient of the client's private message.
     */
    record Away(String nick, String message) implements ServerFrame {
    }
}
