package org.syncnet.door.irc;

import java.util.List;
import java.util.Locale;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ErrorCode;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * The words of the account answers, in the form of the command that asked: IRCv3 standard replies
 * ({@code FAIL REGISTER <code> <account> :text}) for REGISTER and VERIFY, a NOTICE from NickServ for NickServ, 904 for
 * SASL. Both the answers given at once and the log's refusals use them, so a client hears one refusal one way.
 */
final class AccountAnswers {
    static final String NICKSERV = "NickServ";

    private final Replies replies;
    private final String nickServMask;

    AccountAnswers(Replies replies) {
        this.replies = replies;
        this.nickServMask = NICKSERV + "!" + NICKSERV + "@services." + replies.server();
    }

    /** A NOTICE from NickServ to the client. */
    IrcMessage notice(String text) {
        return IrcMessage.of(nickServMask, "NOTICE", replies.target(), text);
    }

    IrcSession.Reply needMoreParams(String command) {
        return reply(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, command));
    }

    /** The refusal of {@code via} for {@code code}; {@code subject} is the account or nick it concerns. */
    IrcSession.Reply refuse(AccountRequest via, ErrorCode code, String subject) {
        return reply(refusal(via, code, subject));
    }

    IrcMessage refusal(AccountRequest via, ErrorCode code, String subject) {
        String text = describe(code, subject);
        if (via == AccountRequest.REGISTER_COMMAND) {
            return replies.fail("REGISTER", registerCode(code), subject, text);
        } else if (via == AccountRequest.SASL) {
            return replies.numeric(IrcNumeric.ERR_SASLFAIL, text);
        }
        return notice(text);
    }

    IrcSession.Reply failVerify(String account) {
        return reply(replies.fail("VERIFY", "INVALID_CODE", account,
                "No verification is pending: accounts here need none"));
    }

    IrcSession.Reply alreadyYours(String nick) {
        return reply(notice("You already use the nick " + nick + "."));
    }

    IrcSession.Reply throttled(AccountRequest via, long waitMillis) {
        return refuse(via, ErrorCode.LOGIN_THROTTLED, String.valueOf((waitMillis + 999) / 1000));
    }

    IrcMessage wrongPassword(AccountRequest via, String account) {
        return refusal(via, ErrorCode.LOGIN_FAILED, account);
    }

    /** The refusals of draft/account-registration, by the chat's codes. */
    private static String registerCode(ErrorCode code) {
        return switch (code) {
            case ACCOUNT_EXISTS -> "ACCOUNT_EXISTS";
            case ACCOUNT_NOT_NICK -> "ACCOUNT_NAME_MUST_BE_NICK";
            case ALREADY_LOGGED_IN -> "ALREADY_AUTHENTICATED";
            case BAD_PASSWORD -> "WEAK_PASSWORD";
            case BAD_EMAIL -> "INVALID_EMAIL";
            case NOT_REGISTERED -> "COMPLETE_CONNECTION_REQUIRED";
            default -> "TEMPORARILY_UNAVAILABLE";
        };
    }

    /** What a refusal says, for people. */
    static String describe(ErrorCode code, String subject) {
        return switch (code) {
            case ACCOUNT_EXISTS -> "The account " + subject + " already exists.";
            case ACCOUNT_NOT_NICK -> "You can only register the nick you use, " + subject + ".";
            case NO_SUCH_ACCOUNT -> "There is no account " + subject + ".";
            case NOT_LOGGED_IN -> "You are not logged in to an account (IDENTIFY first).";
            case ALREADY_LOGGED_IN -> "You are already logged in to " + subject + ".";
            case LOGIN_FAILED -> "Wrong account or password.";
            case LOGIN_THROTTLED -> "Too many failed logins: try again in " + subject + " s.";
            case REGISTRATION_LIMITED -> "Too many accounts were registered from your address lately: try later.";
            case NOT_NICK_OWNER -> subject + " is not registered to your account.";
            case BAD_PASSWORD -> "A password must have " + ChatLimits.MIN_PASSWORD_CHARS
                    + " to " + ChatLimits.MAX_PASSWORD_BYTES + " bytes, on one line.";
            case BAD_EMAIL -> "That is not an e-mail address.";
            case NO_SUCH_NICK -> "Nobody uses the nick " + subject + ".";
            case NOT_REGISTERED -> "Finish connecting first.";
            case ACCOUNT_REQUIRED -> "This server requires an account to chat: /msg NickServ IDENTIFY <password>,"
                    + " or REGISTER <password>.";
            default -> "Refused: " + code.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ".";
        };
    }

    private static IrcSession.Reply reply(IrcMessage line) {
        return new IrcSession.Reply(List.of(line), List.of(), null);
    }
}
