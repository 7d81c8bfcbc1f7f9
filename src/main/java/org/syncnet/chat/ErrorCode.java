package org.syncnet.chat;

/**
 * Why a client's input was refused. The names are the stable codes clients see in {@code error} frames (and map to
 * IRC numerics later): never rename or reuse one; add new ones instead.
 */
public enum ErrorCode {
    /** The frame is not valid JSON, or not a JSON object. */
    BAD_JSON,
    /** The frame's {@code type} is not one we know. */
    UNKNOWN_TYPE,
    /** A field is missing, of the wrong JSON type, out of range, or not one the frame has. */
    BAD_FIELD,
    /** The frame is longer than the protocol allows. */
    FRAME_TOO_LARGE,
    /** A nick that breaks the nick syntax (IRC 432). */
    BAD_NICK,
    /** Another client holds the nick (IRC 433). */
    NICK_IN_USE,
    /** A room name that breaks the room syntax (IRC 403/479). */
    BAD_ROOM,
    /** Message or topic text that is empty, too long, or has forbidden characters (IRC 412/417). */
    BAD_TEXT,
    /** A client event id that breaks the id syntax. */
    BAD_ID,
    /** The client sends faster than its rate limit allows; the input was dropped. */
    RATE_LIMITED,
    /** Anything but hello before the nick is accepted (IRC 451). */
    NOT_REGISTERED,
    /** A second hello on a connection that already has its nick (IRC 462). */
    ALREADY_REGISTERED,
    /** A private message to a nick nobody holds (IRC 401). */
    NO_SUCH_NICK,
    /** Posting or parting a room the client is not in (IRC 442/404). */
    NOT_IN_ROOM,
    /** Joining more rooms than {@link ChatLimits#MAX_ROOMS_PER_CLIENT} (IRC 405). */
    TOO_MANY_ROOMS,
    /** Creating a room when {@link ChatLimits#MAX_ROOMS} rooms exist cluster-wide (IRC 405 with another text). */
    ROOM_LIMIT,
    /** The client did not read fast enough and its outbound queue overflowed; it is disconnected. */
    TOO_SLOW,
    /** The client resumed its nick on another connection; this one is closed. */
    REPLACED,
    /** The cluster cannot accept events now (no leader with a quorum); retry later with the same ids. */
    UNAVAILABLE,
    /** The action needs channel operator status ({@code @}) in the room (IRC 482). */
    NOT_OPERATOR,
    /** No room of that name exists (IRC 403). */
    NO_SUCH_ROOM,
    /** A channel mode letter the chat does not know; the detail is the letter (IRC 472). */
    UNKNOWN_MODE,
    /** The nick a mode change or kick names is not in the room; the detail is "nick room" (IRC 441). */
    NOT_IN_THAT_ROOM,
    /** A ban, exception or invite-exception list is full; the detail is "room letter" (IRC 478). */
    LIST_FULL,
    /** Banned from the room: cannot join (IRC 474) or post (IRC 404). */
    BANNED,
    /** The room is invite-only ({@code +i}) and the client is not invited (IRC 473). */
    INVITE_ONLY,
    /** The room has a key ({@code +k}) and the join did not give it (IRC 475). */
    BAD_KEY,
    /** The room has reached its user limit ({@code +l}) (IRC 471). */
    CHANNEL_FULL,
    /** The room is moderated ({@code +m}) and the sender has neither {@code @} nor {@code +} (IRC 404). */
    MODERATED,
    /** The invited client is already in the room (IRC 443). */
    ALREADY_IN_ROOM,
    /** The action needs a server operator (IRC 481). */
    NOT_PRIVILEGED,
    /**
     * A mode change's argument is missing or invalid for its letter (a bad key, limit or mask); the detail is
     * "room letter argument", with {@code *} for a missing one (IRC 696; 525 for a key, 461 when missing).
     */
    INVALID_MODE_ARGUMENT,
    /** A server operator ended this connection (IRC KILL); the message says who and why. */
    KILLED,
    /** Registering an account that exists, or a nick that is already an account (IRC FAIL REGISTER ACCOUNT_EXISTS). */
    ACCOUNT_EXISTS,
    /** An account can only be registered for the nick one holds; the detail is the nick. */
    ACCOUNT_NOT_NICK,
    /** No account of that name; the detail is the name. */
    NO_SUCH_ACCOUNT,
    /** The action needs the client to be logged in to an account (IRC NickServ, FAIL ... ACCOUNT_REQUIRED). */
    NOT_LOGGED_IN,
    /** Logging in or registering while logged in to an account (IRC 907). */
    ALREADY_LOGGED_IN,
    /** A wrong account or password, or the password changed meanwhile (IRC 904). */
    LOGIN_FAILED,
    /** Too many failed logins for the account or from the address; the detail says when to try again. */
    LOGIN_THROTTLED,
    /** Too many registrations from the client's address lately (IRC FAIL REGISTER TEMPORARILY_UNAVAILABLE). */
    REGISTRATION_LIMITED,
    /** The nick is registered to an account the client is not logged in to; the detail is the nick. */
    NICK_REGISTERED,
    /** The nick is registered to another account than the client's (GHOST, REGAIN); the detail is the nick. */
    NOT_NICK_OWNER,
    /** A password that is too short, too long, or not one line (IRC FAIL REGISTER WEAK_PASSWORD). */
    BAD_PASSWORD,
    /** A malformed e-mail address (IRC FAIL REGISTER INVALID_EMAIL). */
    BAD_EMAIL,
    /** The server requires an account to chat ({@code syncnet.accounts.required}); log in or register first. */
    ACCOUNT_REQUIRED
}
