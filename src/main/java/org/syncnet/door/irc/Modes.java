package org.syncnet.door.irc;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.syncnet.chat.Casemapping;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.Member;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * MODE on a nick (a channel's MODE is {@link ChannelModes}'s). The client's own user modes {@code i} and {@code w}
 * are accepted and remembered for 221 (they change nothing: the chat shows everyone to everyone), other letters are
 * ignored; another user's modes are not the client's business (502). Holds the connection's user modes.
 */
final class Modes {
    private final Replies replies;
    private final TreeSet<Character> userModes = new TreeSet<>();

    Modes(Replies replies) {
        this.replies = replies;
    }

    /** @param myNick the client's nick (MODE is only allowed once registered) */
    List<IrcMessage> mode(IrcMessage m, ChatState state, String myNick) {
        String target = m.param(0);
        if (target == null || target.isEmpty()) {
            return List.of(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "MODE"));
        }
        if (!Casemapping.equal(target, myNick)) {
            Optional<Member> other = state.memberByNick(target);
            return List.of(other.isPresent() ? replies.standard(IrcNumeric.ERR_USERSDONTMATCH)
                    : replies.standard(IrcNumeric.ERR_NOSUCHNICK, target));
        }
        if (m.param(1) == null) {
            return List.of(replies.numeric(IrcNumeric.RPL_UMODEIS, "+" + modeLetters()));
        }
        return changeUserModes(m.param(1), myNick);
    }

    /**
     * Applies {@code +i}, {@code -w} etc. and echoes what changed ({@code :nick MODE nick :+i}), as servers do. Other
     * letters ({@code +o}, {@code +x}, ...) are ignored quietly: a client setting modes on connect must not see errors.
     */
    private List<IrcMessage> changeUserModes(String modes, String myNick) {
        boolean adding = true;
        StringBuilder added = new StringBuilder();
        StringBuilder removed = new StringBuilder();
        for (char c : modes.toCharArray()) {
            if (c == '+' || c == '-') {
                adding = c == '+';
            } else if (WelcomeBurst.USER_MODES.indexOf(c) >= 0) {
                if (adding && userModes.add(c)) {
                    added.append(c);
                } else if (!adding && userModes.remove(c)) {
                    removed.append(c);
                }
            }
        }
        if (added.length() == 0 && removed.length() == 0) {
            return List.of();
        }
        String change = (added.length() > 0 ? "+" + added : "") + (removed.length() > 0 ? "-" + removed : "");
        return List.of(IrcMessage.of(myNick, "MODE", myNick, change));
    }

    private String modeLetters() {
        StringBuilder b = new StringBuilder();
        userModes.forEach(b::append);
        return b.toString();
    }
}
