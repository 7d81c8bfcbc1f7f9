package org.syncnet.door.irc;

import org.syncnet.chat.Casemapping;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * {@code MODE <nick> [modes]} (a channel's MODE is {@link ChannelModes}'s) for the client's own user modes, which are
 * chat state (so WALLOPS reaches every {@code +w} user and LUSERS counts the {@code +i} ones on every server):
 * {@code i} (invisible: counted apart in LUSERS, hidden from the WHO masks of those who share no room with it),
 * {@code w} (receives WALLOPS) and {@code o} (server operator, only by OPER; a client may drop it). The change goes to
 * the log as the client's whole new set; the {@code MODE} line comes with its outcome. Other letters are ignored
 * quietly, as a client setting modes on connect must not see errors. Another user's modes are not the client's
 * business (502).
 */
final class UserModes {
    private final ClientId me;
    private final Replies replies;

    UserModes(ClientId me, Replies replies) {
        this.me = me;
        this.replies = replies;
    }

    IrcSession.Reply mode(IrcMessage m, ChatState state) {
        ReplyBuilder out = new ReplyBuilder();
        String target = m.param(0);
        if (target == null || target.isEmpty()) {
            return out.send(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "MODE")).build();
        }
        String myNick = state.nickOf(me);
        if (myNick == null || !Casemapping.equal(target, myNick)) {
            return out.send(state.isNickTaken(target) ? replies.standard(IrcNumeric.ERR_USERSDONTMATCH)
                    : replies.standard(IrcNumeric.ERR_NOSUCHNICK, target)).build();
        }
        String current = state.userModes(me);
        if (m.param(1) == null) {
            return out.send(replies.numeric(IrcNumeric.RPL_UMODEIS, "+" + current)).build();
        }
        String wanted = apply(current, m.param(1));
        return wanted.equals(current) ? out.build() : out.log(new ChatEvent.UserModesSet(me, wanted)).build();
    }

    /** {@code current} with the changes of {@code modes}: {@code +o} is never granted this way. */
    private static String apply(String current, String modes) {
        StringBuilder set = new StringBuilder(current);
        boolean adding = true;
        for (char c : modes.toCharArray()) {
            if (c == '+' || c == '-') {
                adding = c == '+';
                continue;
            }
            int at = set.indexOf(String.valueOf(c));
            if (adding && at < 0 && (c == 'i' || c == 'w')) {
                set.append(c);
            } else if (!adding && at >= 0) {
                set.deleteCharAt(at);
            }
        }
        return set.toString();
    }
}
