package org.syncnet.door.irc;

import org.syncnet.chat.ChatOutcome.Rejected;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * The numerics for the state's refusals that concern channel operators and modes (the detail formats are
 * {@link org.syncnet.chat.ErrorCode}'s), and the one for a bad mode argument, which the door's own MODE check sends
 * as well. A join refused by a mode gets 471/473/474/475; a message refused by {@code +m} or a ban gets 404 with the
 * reason in its text. A refusal carries the message's id only for messages, which tells a banned post (404) from a
 * banned join (474).
 */
final class ChannelRefusals {
    private final Replies replies;

    ChannelRefusals(Replies replies) {
        this.replies = replies;
    }

    /** The line for {@code o}, or null if its code is not a channel matter. */
    IrcMessage line(Rejected o) {
        String detail = o.detail() == null ? "" : o.detail();
        String[] words = detail.split(" ", 3);
        return switch (o.code()) {
            case NOT_OPERATOR -> replies.standard(IrcNumeric.ERR_CHANOPRIVSNEEDED, detail);
            case NO_SUCH_ROOM -> replies.standard(IrcNumeric.ERR_NOSUCHCHANNEL, detail);
            case UNKNOWN_MODE -> replies.standard(IrcNumeric.ERR_UNKNOWNMODE, detail);
            case NOT_IN_THAT_ROOM -> replies.standard(IrcNumeric.ERR_USERNOTINCHANNEL, words[0], word(words, 1));
            case ALREADY_IN_ROOM -> replies.standard(IrcNumeric.ERR_USERONCHANNEL, words[0], word(words, 1));
            case LIST_FULL -> replies.standard(IrcNumeric.ERR_BANLISTFULL, words[0], word(words, 1));
            case INVALID_MODE_ARGUMENT -> badArgument(words[0], word(words, 1).isEmpty() ? '?'
                    : word(words, 1).charAt(0), "*".equals(word(words, 2)) ? null : word(words, 2));
            case BANNED -> o.clientEventId() != null ? cannotSend(detail, "you are banned")
                    : replies.standard(IrcNumeric.ERR_BANNEDFROMCHAN, detail);
            case MODERATED -> cannotSend(detail, "+m");
            case INVITE_ONLY -> replies.standard(IrcNumeric.ERR_INVITEONLYCHAN, detail);
            case BAD_KEY -> replies.standard(IrcNumeric.ERR_BADCHANNELKEY, detail);
            case CHANNEL_FULL -> replies.standard(IrcNumeric.ERR_CHANNELISFULL, detail);
            default -> null;
        };
    }

    /**
     * A mode argument that is missing ({@code argument} null) or not valid for its letter: 696
     * {@code <channel> <letter> <argument or *> :<why>}, or 525 for a key that is not well-formed.
     */
    IrcMessage badArgument(String room, char letter, String argument) {
        if (argument == null) {
            return replies.numeric(IrcNumeric.ERR_INVALIDMODEPARAM, room, String.valueOf(letter), "*",
                    "You must specify a parameter for the " + name(letter) + " mode");
        }
        if (letter == 'k') {
            return replies.standard(IrcNumeric.ERR_INVALIDKEY, room);
        }
        return replies.numeric(IrcNumeric.ERR_INVALIDMODEPARAM, room, String.valueOf(letter), argument,
                "Invalid " + name(letter) + " mode parameter");
    }

    private IrcMessage cannotSend(String room, String why) {
        return replies.numeric(IrcNumeric.ERR_CANNOTSENDTOCHAN, room,
                IrcNumeric.ERR_CANNOTSENDTOCHAN.text() + " (" + why + ")");
    }

    private static String word(String[] words, int i) {
        return i < words.length ? words[i] : "";
    }

    private static String name(char letter) {
        return switch (letter) {
            case 'b' -> "ban";
            case 'e' -> "ban exception";
            case 'I' -> "invite exception";
            case 'k' -> "key";
            case 'l' -> "limit";
            case 'o' -> "op";
            case 'v' -> "voice";
            default -> letter + "";
        };
    }
}
