package org.syncnet.door.ws;

import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ChatOutcome;
import org.syncnet.chat.ErrorCode;

/**
 * A refusal by the chat state as the browser sees it: an {@code error} frame with a sentence a page can show as it
 * is, and the room and nick it concerns as fields of their own, so a client need not parse the sentence. The state's
 * detail is a room, a nick, "nick room", "room letter" or "room letter argument" depending on the code
 * ({@link ErrorCode}); one that does not have the expected shape is shown as it is.
 */
final class Refusals {
    private Refusals() {
    }

    static ServerFrame.Error frame(ChatOutcome.Rejected r) {
        String d = r.detail();
        String[] p = d.split(" ", -1);
        return switch (r.code()) {
            case NICK_IN_USE -> error(r, "the nick " + d + " is taken", null, d);
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
            default -> plain(r);
        };
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

    private static ServerFrame.Error error(ChatOutcome.Rejected r, String message, String room, String nick) {
        return new ServerFrame.Error(r.code(), message, r.clientEventId(), room, nick);
    }

    private static ServerFrame.Error plain(ChatOutcome.Rejected r) {
        return new ServerFrame.Error(r.code(), r.detail(), r.clientEventId());
    }
}
