package org.syncnet.door.irc;

import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * The server operators' commands. OPER is checked by the glue against the configured hashes ({@link IrcOperators},
 * slow by design, so off the connection loop): the session asks for the check ({@link SlowCheck.OperAttempt}) and
 * hears its result in {@link #checked}; a granted OPER goes to the log, so every server knows the operator. KILL and
 * WALLOPS go to the log too, where the chat refuses them to anyone who is not an operator (481); the door's own check
 * only spares the log an event that must fail.
 */
final class OperCommands {
    private static final String DEFAULT_KILL_REASON = "No reason given";

    private final ClientId me;
    private final Replies replies;

    OperCommands(ClientId me, Replies replies) {
        this.me = me;
        this.replies = replies;
    }

    /** {@code OPER <name> <password>}: a check for the glue, or 461. */
    IrcSession.Reply oper(IrcMessage m) {
        if (m.params().size() < 2 || m.param(0).isEmpty()) {
            return new ReplyBuilder().send(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "OPER")).build();
        }
        return IrcSession.Reply.check(new SlowCheck.OperAttempt(m.param(0), m.param(1)));
    }

    /** The glue checked an OPER: a granted one goes to the log (381 comes with its outcome), else 491 or 464. */
    IrcSession.Reply checked(String name, IrcOperators.Check check) {
        ReplyBuilder out = new ReplyBuilder();
        return switch (check) {
            case ACCEPTED -> ChatLimits.isValidOperName(name) ? out.log(new ChatEvent.OperUp(me, name)).build()
                    : out.send(replies.standard(IrcNumeric.ERR_NOOPERHOST)).build();
            case NO_SUCH_OPERATOR -> out.send(replies.standard(IrcNumeric.ERR_NOOPERHOST)).build();
            case WRONG_PASSWORD -> out.send(replies.standard(IrcNumeric.ERR_PASSWDMISMATCH)).build();
        };
    }

    /** {@code KILL <nick> [:reason]}. */
    IrcSession.Reply kill(IrcMessage m, ChatState state) {
        ReplyBuilder out = new ReplyBuilder();
        String nick = m.param(0);
        if (nick == null || nick.isEmpty()) {
            return out.send(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "KILL")).build();
        }
        if (!state.isOperator(me)) {
            return out.send(replies.standard(IrcNumeric.ERR_NOPRIVILEGES)).build();
        }
        if (!ChatLimits.isValidNick(nick) || !state.isNickTaken(nick)) {
            return out.send(replies.standard(IrcNumeric.ERR_NOSUCHNICK, nick)).build();
        }
        String reason = m.param(1) == null ? "" : IrcText.clean(m.param(1), ChatLimits.MAX_REASON_BYTES / 2).trim();
        return out.log(new ChatEvent.Killed(me, nick, reason.isEmpty() ? DEFAULT_KILL_REASON : reason)).build();
    }

    /** {@code WALLOPS :text}: to every user with user mode {@code w}. */
    IrcSession.Reply wallops(IrcMessage m, ChatState state) {
        ReplyBuilder out = new ReplyBuilder();
        String text = m.param(0) == null ? "" : IrcText.clean(m.param(0), ChatLimits.MAX_TEXT_BYTES);
        if (text.isEmpty()) {
            return out.send(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "WALLOPS")).build();
        }
        if (!state.isOperator(me)) {
            return out.send(replies.standard(IrcNumeric.ERR_NOPRIVILEGES)).build();
        }
        return out.log(new ChatEvent.Wallops(me, text)).build();
    }
}
