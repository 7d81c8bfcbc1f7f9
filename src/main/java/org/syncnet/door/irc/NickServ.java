package org.syncnet.door.irc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.syncnet.chat.AccountView;
import org.syncnet.chat.Casemapping;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Member;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * A small NickServ for clients without SASL or draft/account-registration: {@code /msg NickServ <command>} (also
 * the {@code NICKSERV} and {@code NS} commands) with REGISTER, IDENTIFY, LOGOUT, GHOST, REGAIN, INFO, DROP,
 * SET PASSWORD and HELP. It is part of each server, not a client of the chat: nobody can take its nick, and its
 * messages never enter the log. It reads the command and leaves the rest to {@link AccountCommands}.
 */
final class NickServ {
    private static final List<String> HELP = List.of(
            "NickServ keeps nicks for their owners. Commands:",
            "REGISTER <password> [email]  - register the nick you use as your account",
            "IDENTIFY [account] <password> - log in (SASL does it when you connect)",
            "LOGOUT                        - log out",
            "GHOST <nick>                  - disconnect whoever uses your registered nick",
            "REGAIN <nick>                 - take your registered nick back",
            "INFO [nick]                   - what is known of an account",
            "SET PASSWORD <new password>   - change your password",
            "DROP <password>               - delete your account");

    private final ClientId me;
    private final AccountAnswers answers;
    private final AccountCommands commands;

    NickServ(ClientId me, AccountAnswers answers, AccountCommands commands) {
        this.me = me;
        this.answers = answers;
        this.commands = commands;
    }

    /** Whether a PRIVMSG or NOTICE to {@code target} is for NickServ. */
    static boolean isAddressed(String target) {
        return target != null && Casemapping.fold(target).equals(Casemapping.fold(AccountAnswers.NICKSERV));
    }

    IrcSession.Reply handle(String text, String nick, ChatState state, long nowMillis) {
        String[] words = text == null ? new String[0] : text.trim().split(" +");
        if (words.length == 0 || words[0].isEmpty()) {
            return lines(HELP);
        }
        String command = words[0].toUpperCase(Locale.ROOT);
        switch (command) {
            case "REGISTER":
                return words.length < 2 ? usage("REGISTER <password> [email]")
                        : commands.register(AccountRequest.NICKSERV_REGISTER, nick, words[1],
                        words.length > 2 ? words[2] : "", state, nowMillis);
            case "IDENTIFY":
            case "LOGIN":
                return words.length < 2 ? usage("IDENTIFY [account] <password>")
                        : words.length == 2 ? commands.identify(nick, words[1], state)
                        : commands.identify(words[1], words[2], state);
            case "LOGOUT":
                return commands.logout(state);
            case "GHOST":
            case "REGAIN":
            case "RECOVER":
                return words.length < 2 ? usage(command + " <nick>")
                        : commands.recover(words[1], !command.equals("GHOST"), nick, state);
            case "INFO":
                return info(words.length > 1 ? words[1] : nick, state);
            case "SET":
                return words.length < 3 || !words[1].equalsIgnoreCase("PASSWORD") ? usage("SET PASSWORD <new password>")
                        : commands.setPassword(words[2], state);
            case "DROP":
                return words.length < 2 ? usage("DROP <password>") : commands.drop(words[1], state);
            case "HELP":
                return lines(HELP);
            default:
                return lines(List.of("Unknown command " + words[0] + ". /msg NickServ HELP lists them."));
        }
    }

    private IrcSession.Reply info(String name, ChatState state) {
        Optional<AccountView> found = ChatLimits.isValidNick(name) ? state.account(name) : Optional.empty();
        if (found.isEmpty()) {
            return lines(List.of(name + " is not registered."));
        }
        AccountView a = found.get();
        List<String> out = new ArrayList<>();
        out.add("Information on " + a.name() + ":");
        out.add("Registered: " + Instant.ofEpochMilli(a.registered()));
        Optional<Member> holder = state.memberByNick(a.name());
        out.add("Nick in use: " + holder.map(m -> m.account().equals(a.name()) ? "yes, by its owner"
                : "yes, by someone not logged in to it").orElse("no"));
        if (a.name().equals(state.accountOf(me)) && !a.email().isEmpty()) {
            out.add("E-mail (shown to you only): " + a.email());
        }
        return lines(out);
    }

    private IrcSession.Reply usage(String syntax) {
        return lines(List.of("Syntax: " + syntax));
    }

    private IrcSession.Reply lines(List<String> texts) {
        ReplyBuilder out = new ReplyBuilder();
        for (String t : texts) {
            IrcMessage line = answers.notice(t);
            out.send(line);
        }
        return out.build();
    }
}
