package org.syncnet.door.ws;

import java.util.List;
import java.util.OptionalLong;
import org.syncnet.chat.ModeChange;

/** Frames a browser sends; {@link ClientFrameDecoder} only produces ones whose fields pass the chat limits. */
public sealed interface ClientFrame {
    /**
     * First frame of a connection. {@code resumeFrom}: the sequence of the last event the client saw, when it
     * reconnects; {@code session}: its resume key (empty if none) so it can take its nick back from its old,
     * not yet removed connection. {@code version}: the protocol version the client speaks ({@value #FIRST_VERSION}
     * if it does not say; see {@link FrameLines} for what version 2 changes, {@link OlderVersions} for versions 3
     * to 5). {@code token} or {@code password} (version 4, at most one of them): what logs the client in, to the
     * token's account or to the account named like the nick.
     */
    record Hello(String nick, OptionalLong resumeFrom, String session, int version, Secret token, Secret password)
            implements ClientFrame {
        public static final int FIRST_VERSION = 1;
        /** From this version on, a server frame may hold several objects, a line each ({@link FrameLines}). */
        public static final int LINES_VERSION = 2;
        /** From this version on, the server sends channel statuses, modes, kicks and invites ({@link OlderVersions}). */
        public static final int MODERATION_VERSION = 3;
        /** From this version on, a client may log in, and hears of its own and its room mates' accounts. */
        public static final int ACCOUNTS_VERSION = 4;
        /**
         * From this version on, a client changes its nick, sets itself away and sends actions ({@code /me}), and
         * hears who of its room mates is away.
         */
        public static final int COMMANDS_VERSION = 5;
        public static final int LATEST_VERSION = 5;

        public Hello(String nick, OptionalLong resumeFrom, String session, int version) {
            this(nick, resumeFrom, session, version, Secret.NONE, Secret.NONE);
        }

        public Hello(String nick, OptionalLong resumeFrom, String session) {
            this(nick, resumeFrom, session, FIRST_VERSION);
        }
    }

    /**
     * {@code resumeFrom}: when a reconnected client rejoins a room it was in, the sequence of the last event it saw,
     * so the history it gets starts after it; absent, it gets all the history held. {@code key}: the key it offers
     * for a {@code +k} room (empty: none).
     */
    record Join(String room, OptionalLong resumeFrom, String key) implements ClientFrame {
        public Join(String room) {
            this(room, OptionalLong.empty());
        }

        public Join(String room, OptionalLong resumeFrom) {
            this(room, resumeFrom, "");
        }
    }

    record Part(String room, String reason) implements ClientFrame {
    }

    /**
     * A private message to the holder of nick {@code to}, on whichever server, browser or IRC. {@code text} as it is
     * posted: an action (version 5) in its CTCP form.
     */
    record Private(String id, String to, String text) implements ClientFrame {
    }

    /**
     * {@code id}: the client's event id; a resend after a reconnect uses the same id and is delivered once.
     * {@code text} as it is posted: an action (version 5) in its CTCP form.
     */
    record Message(String id, String room, String text) implements ClientFrame {
    }

    /** Sets a room's topic; an empty one clears it. */
    record Topic(String room, String topic) implements ClientFrame {
    }

    /** 1 to {@link org.syncnet.chat.ChatLimits#MAX_MODE_CHANGES} channel mode changes, applied in order. */
    record Mode(String room, List<ModeChange> changes) implements ClientFrame {
        public Mode {
            changes = List.copyOf(changes);
        }
    }

    /** Removes {@code nick} from {@code room}; {@code reason} may be empty. */
    record Kick(String room, String nick, String reason) implements ClientFrame {
    }

    /** Lets {@code nick} join {@code room} past its +i, +k and +l, once. */
    record Invite(String room, String nick) implements ClientFrame {
    }

    // ---- accounts (protocol version 4) ----

    /** Registers the nick the client holds as an account, with a password and an e-mail address (empty: none). */
    record Register(Secret password, String email) implements ClientFrame {
    }

    /** Logs in to {@code account}, whatever nick the client holds. */
    record Login(String account, Secret password) implements ClientFrame {
    }

    /** Logs out of the account; the browser token the connection logged in with ends too. */
    record Logout() implements ClientFrame {
    }

    /** A new password for the account the client is logged in to; every browser token of the account ends. */
    record ChangePassword(Secret password, Secret newPassword) implements ClientFrame {
    }

    /** Deletes the account the client is logged in to. */
    record DropAccount(Secret password) implements ClientFrame {
    }

    /**
     * Takes the registered nick {@code nick} of the client's account back from whoever holds it: {@code regain} also
     * gives it to the client (a guest holder is renamed); else (GHOST) the holder is disconnected.
     */
    record Recover(String nick, boolean regain) implements ClientFrame {
    }

    // ---- commands (protocol version 5) ----

    /** Changes the client's nick, as IRC's NICK does. */
    record Nick(String nick) implements ClientFrame {
    }

    /** Marks the client away with {@code message}, or back (empty), as IRC's AWAY does. */
    record Away(String message) implements ClientFrame {
    }
}
