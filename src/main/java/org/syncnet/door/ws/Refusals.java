package org.syncnet.door.ws;

import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ErrorCode;

/**
 * A refusal by the chat state as the browser sees it: an {@code error} frame with a sentence a page can show as it
 * is, and the room and nick it concerns as fields of their own, so a client need not parse the sentence. The state's
 * detail is a room, a nick, an account, "nick room", "room letter" or "room letter argument" depending on the code
 * ({@link ErrorCode}), or none; one that does not have the expected shape is shown as it is.
 */
final class Refusals {
    private Refusals() {
    }

    static ServerFrame.Error frame(ChatOutcome.Rejected r) {
        return frame(r.code(), r.detail(), r.clientEventId());
    }

    /**
     * A refusal the door decides itself in the state's words (a registered nick, a registration over the limit), or
     * one only the door makes: {@code LOGIN_THROTTLED}, whose detail is the seconds to wait.
     */
    static ServerFrame.Error frame(ErrorCode code, String detail, String clientEventId) {
        Refusal r = new Refusal(code, detail == null ? "" : detail, clientEventId);
        String d = r.detail();
        String[] p = d.split(" ", -1);
        return switch (code) {
            case NICK_IN_USE -> error(r, "the nick " + d + " is taken", null, d);
            case BAD_NICK -> error(r, "the nick " + d + " is reserved", null, d);  // the state refuses only those
            case NO_SUCH_NICK -> error(r, "nobody has the nick " + d, null, d);
            case NOT_IN_ROOM -> error(r, "you are not in " + d, d, null);
            case TOO_MANY_ROOMS -> error(r, "cannot join " + d + ": you are in "
                    + ChatLimits.MAX_ROOMS_PER_CLIENT + " rooms already", d, null);
            case ROOM_LIMIT -> error(r, "cannot create " + d + ": the chat has as many rooms as it may", d, null);
            case NOT_OPERATOR -> error(r, "you are not an operator of " + d, d, null);
            case NO_SUCH_ROOM -> error(r, "there is no room " + d, d, null);
            case BANNED -> error(r, "you are banned from " + d, d, null);
            case INVITE_ONLY -> error(r, d + " is invite-only", d, null);
            case BAD_KEY -> error(r, "wrong key for " + d, d, null);
            case CHANNEL_FULL -> error(r, d + " is full", d, null);
            case MODERATED -> error(r, d + " is moderated: only voiced users may speak", d, null);
            case UNKNOWN_MODE -> error(r, "unknown mode " + d, null, null);
            case NOT_IN_THAT_ROOM -> p.length == 2 ? error(r, p[0] + " is not in " + p[1], p[1], p[0]) : plain(r);
            case ALREADY_IN_ROOM -> p.length == 2 ? error(r, p[0] + " is already in " + p[1], p[1], p[0]) : plain(r);
            case LIST_FULL -> p.length == 2 ? error(r, "the " + list(p[1]) + " of " + p[0] + " is full", p[0], null)
                    : plain(r);
            case INVALID_MODE_ARGUMENT -> p.length == 3 ? error(r, invalidArgument(p[1], p[2]), p[0], null) : plain(r);
            case NOT_PRIVILEGED -> error(r, "only server operators may use " + d, null, null);
            case NICK_REGISTERED -> error(r, "the nick " + d + " is registered; log in with its password", null, d);
            case NOT_NICK_OWNER -> error(r, "the nick " + d + " is not registered to your account", null, d);
            case NO_SUCH_ACCOUNT -> error(r, "there is no account " + d, null, null);
            case LOGIN_FAILED -> error(r, "login to " + d + " failed: its password changed meanwhile", null, null);
            case ACCOUNT_EXISTS -> error(r, d + " is registered already", null, d);
            case ACCOUNT_NOT_NICK -> error(r, "you can register only the nick you hold, " + d, null, d);
            case ALREADY_LOGGED_IN -> error(r, "you are logged in to " + d + " already; log out first", null, null);
            case NOT_LOGGED_IN -> error(r, "you are not logged in to an account", null, null);
            case REGISTRATION_LIMITED -> error(r, "too many accounts were registered from your address lately; "
                    + "try again later", null, null);
            case LOGIN_THROTTLED -> error(r, "too many failed logins: try again in " + d + " s", null, null);
            case ACCOUNT_REQUIRED -> error(r, "log in or register first: only logged-in users may chat here",
                    d.isEmpty() ? null : d, null);
            default -> plain(r);
        };
    }

    /** A refusal's parts: its code, its detail ("" if none) and the client event id it names (or null). */
    private record Refusal(ErrorCode code, String detail, String clientEventId) {
    }

    private static String list(String letter) {
        return switch (letter) {
            case "b" -> "ban list";
            case "e" -> "ban exception list";
            case "I" -> "invite exception list";
            default -> "list " + letter;
        };
    }

    /** {@code argument} is {@code *} when it was missing. */
    private static String invalidArgument(String letter, String argument) {
        String what = switch (letter) {
            case "k" -> "a key: 1-" + ChatLimits.MAX_KEY_CHARS + " characters, no space, comma or colon";
            case "l" -> "a limit: a number from 1 to " + ChatLimits.MAX_LIMIT;
            case "o", "v" -> "the nick of a member";
            case "b", "e", "I" -> "a mask such as nick!user@host";
            default -> "an argument";
        };
        return "mode " + letter + " needs " + what + (argument.equals("*") ? "" : ", not " + argument);
    }

    private static ServerFrame.Error error(Refusal r, String message, String room, String nick) {
        return new ServerFrame.Error(r.code(), message, r.clientEventId(), room, nick);
    }

    private static ServerFrame.Error plain(Refusal r) {
        return new ServerFrame.Error(r.code(), r.detail(), r.clientEventId());
    }
}
