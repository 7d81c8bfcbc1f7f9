package org.syncnet.door.irc;

import java.util.List;
import java.util.Map;
import org.syncnet.chat.HistoryEntry;
import org.syncnet.chat.Member;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * The forms a PRIVMSG or NOTICE takes on IRC: with or without the {@code time} tag (server-time) and the sender's
 * {@code account} tag (account-tag, when the sender is logged in). The recipients of one room message share these
 * four as keys of its encodings, so a message to thousands is built and encoded at most four times, and each
 * recipient costs only the choice of its form.
 */
public enum MessageForm {
    PLAIN, TIMED, ACCOUNT, TIMED_ACCOUNT;

    static MessageForm of(boolean timed, boolean account) {
        return account ? (timed ? TIMED_ACCOUNT : ACCOUNT) : (timed ? TIMED : PLAIN);
    }

    /** The room message {@code m} in this form. */
    public IrcMessage line(HistoryEntry m) {
        return line(m.sender(), m.room(), m.text(), m.time(), m.notice());
    }

    IrcMessage line(Member from, String target, String text, long time, boolean notice) {
        return new IrcMessage(tags(from, time), from.mask(), notice ? "NOTICE" : "PRIVMSG", List.of(target, text));
    }

    private Map<String, String> tags(Member from, long time) {
        return switch (this) {
            case PLAIN -> null;
            case TIMED -> ServerTime.tags(time);
            case ACCOUNT -> Map.of("account", from.account());
            case TIMED_ACCOUNT -> Map.of("time", ServerTime.tags(time).get("time"), "account", from.account());
        };
    }
}
