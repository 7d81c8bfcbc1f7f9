package org.syncnet.door.irc;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.syncnet.chat.AccountView;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.PasswordCredential;
import org.syncnet.chat.app.AccountDesk;
import org.syncnet.door.irc.sasl.FailureKind;
import org.syncnet.door.irc.sasl.SaslExchange;
import org.syncnet.door.irc.sasl.SaslStep;
import org.syncnet.door.irc.sasl.ScramCredentials;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * SASL for one connection ({@code AUTHENTICATE}, with the {@code sasl} capability): the {@link SaslExchange} turned
 * into lines, numerics and log events. A PLAIN password goes to the glue ({@link SlowCheck.AccountPassword}); SCRAM's
 * proof is checked here, against the account's credential as the state holds it. On success the client hears 900 and
 * 903 at once; the login itself is a {@code LoggedIn} in the log: right away for a registered client, else right after
 * its nick claim (so it is logged in before anyone sees it). A wrong password is a {@code LoginFailed} in the log,
 * where it counts against the account and the address on every server; while those must wait, PLAIN is not checked
 * and SCRAM proves against a decoy, so even a right password fails (and SCRAM never confirms it).
 */
final class SaslLogin {
    private final ClientId me;
    private final String host;
    private final Replies replies;
    private final AccountLines lines;
    private final SaslExchange exchange;
    /** The state while an AUTHENTICATE is handled (SCRAM looks the account up in it), else null. */
    private ChatState reading;
    private long readingAt;
    /** How long the account the client named must wait, as found when SCRAM looked it up; 0: it need not. */
    private long throttledMillis;
    /** The PLAIN check handed to the glue, whose answer the exchange expects back. */
    private SaslStep.CheckPassword plainCheck;
    /** Authenticated before registration: logged in right after the nick claim. */
    private AccountView beforeRegistration;

    SaslLogin(ClientId me, String host, Replies replies, SessionOptions options, AccountLines lines) {
        this.me = me;
        this.host = host;
        this.replies = replies;
        this.lines = lines;
        ScramSettings scram = options.scram();
        ScramCredentials credentials = new ScramCredentials(this::credential, scram.decoySecret(), scram.iterations(),
                scram.saltBytes());
        this.exchange = new SaslExchange(Set.copyOf(options.saslMechanisms()), credentials, scram.random());
    }

    /** @param nick the client's nick so far (the one NICK asked for before registration), for 900's mask */
    IrcSession.Reply authenticate(IrcMessage m, ChatState state, boolean registered, boolean capEnabled, String nick,
                                  long nowMillis) {
        String parameter = m.param(0);
        if (!capEnabled) {
            return reply(replies.numeric(IrcNumeric.ERR_SASLFAIL, "Request the sasl capability first"));
        } else if (parameter == null || parameter.isEmpty()) {
            return reply(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "AUTHENTICATE"));
        }
        exchange.allowReauthentication(registered && state.accountOf(me).isEmpty());
        reading = state;
        readingAt = nowMillis;
        try {
            return step(exchange.authenticate(parameter), registered, nick, nowMillis);
        } finally {
            reading = null;
        }
    }

    /** The glue checked a PLAIN password. */
    IrcSession.Reply onPlainChecked(SlowCheck.AccountPassword check, AccountDesk.Login login, boolean registered,
                                    String nick, long nowMillis) {
        SaslStep.CheckPassword asked = plainCheck;
        plainCheck = null;
        if (asked == null) {
            return IrcSession.Reply.NONE;
        }
        boolean accepted = login.outcome() == AccountDesk.Outcome.ACCEPTED;
        throttledMillis = login.outcome() == AccountDesk.Outcome.THROTTLED ? login.waitMillis() : 0;
        SaslStep step = exchange.passwordChecked(asked, accepted);
        if (step instanceof SaslStep.Succeeded) {
            return success(login.account(), registered, nick);
        }
        return step(step, registered, nick, nowMillis);
    }

    /** The login to log right after the first nick claim, if SASL succeeded before it; else null. */
    ChatEvent loginAfterClaim() {
        AccountView a = beforeRegistration;
        beforeRegistration = null;
        if (a == null) {
            return null;
        }
        lines.expect(AccountRequest.SASL);
        return new ChatEvent.LoggedIn(me, a.name(), a.passwordVersion());
    }

    /** Whether a SASL login is on its way to the log (the nick's grace notice is not for this client). */
    boolean loginComing() {
        return beforeRegistration != null || lines.awaits(AccountRequest.SASL);
    }

    private IrcSession.Reply step(SaslStep step, boolean registered, String nick, long nowMillis) {
        if (step instanceof SaslStep.Challenge c) {
            return reply(authenticateLines(c.chunks()));
        } else if (step instanceof SaslStep.CheckPassword c) {
            plainCheck = c;
            return IrcSession.Reply.check(new SlowCheck.AccountPassword(c.account(), c.password(),
                    AccountRequest.SASL));
        } else if (step instanceof SaslStep.Succeeded s) {
            Optional<AccountView> account = reading == null ? Optional.empty() : reading.account(s.account());
            return account.isPresent() ? success(account.get(), registered, nick)
                    : reply(replies.standard(IrcNumeric.ERR_SASLFAIL));
        } else if (step instanceof SaslStep.Failed f) {
            return failed(f, nowMillis);
        } else if (step instanceof SaslStep.MechanismRefused r) {
            return new ReplyBuilder().send(replies.numeric(IrcNumeric.RPL_SASLMECHS, String.join(",", r.offered()),
                    IrcNumeric.RPL_SASLMECHS.text())).send(replies.standard(IrcNumeric.ERR_SASLFAIL)).build();
        } else if (step instanceof SaslStep.TooLong) {
            return reply(replies.standard(IrcNumeric.ERR_SASLTOOLONG));
        } else if (step instanceof SaslStep.Aborted) {
            return reply(replies.standard(IrcNumeric.ERR_SASLABORTED));
        } else if (step instanceof SaslStep.AlreadyAuthenticated) {
            return reply(replies.standard(IrcNumeric.ERR_SASLALREADY));
        }
        return IrcSession.Reply.NONE;
    }

    private IrcSession.Reply success(AccountView account, boolean registered, String nick) {
        ReplyBuilder out = new ReplyBuilder().send(replies.numeric(IrcNumeric.RPL_LOGGEDIN, nick + "!*@" + host,
                account.name(), "You are now logged in as " + account.name()))
                .send(replies.standard(IrcNumeric.RPL_SASLSUCCESS));
        if (registered) {
            lines.expect(AccountRequest.SASL);
            out.log(new ChatEvent.LoggedIn(me, account.name(), account.passwordVersion()));
        } else {
            beforeRegistration = account;
        }
        return out.build();
    }

    private IrcSession.Reply failed(SaslStep.Failed f, long nowMillis) {
        ReplyBuilder out = new ReplyBuilder().send(authenticateLines(f.finalChunks()));
        if (throttledMillis > 0) {
            out.send(replies.numeric(IrcNumeric.ERR_SASLFAIL, "Too many failed logins: try again in "
                    + (throttledMillis + 999) / 1000 + " s"));
            throttledMillis = 0;
            return out.build();
        }
        out.send(replies.standard(IrcNumeric.ERR_SASLFAIL));
        Optional<String> account = f.account().filter(ChatLimits::isValidNick);
        if (f.kind() == FailureKind.BAD_CREDENTIALS && account.isPresent()) {
            out.log(new ChatEvent.LoginFailed(me, account.get(), host, nowMillis));
        }
        return out.build();
    }

    /** SCRAM's lookup: the account's credential, unless the account or the address must wait (then a decoy). */
    private Optional<PasswordCredential> credential(String name) {
        if (reading == null || !ChatLimits.isValidNick(name)) {
            return Optional.empty();
        }
        throttledMillis = reading.loginWaitMillis(name, host, readingAt);
        return throttledMillis > 0 ? Optional.empty() : reading.account(name).map(AccountView::credential);
    }

    private List<IrcMessage> authenticateLines(List<String> chunks) {
        return chunks.stream().map(c -> IrcMessage.of(null, "AUTHENTICATE", c)).toList();
    }

    private static IrcSession.Reply reply(IrcMessage line) {
        return new IrcSession.Reply(List.of(line), List.of(), null);
    }

    private static IrcSession.Reply reply(List<IrcMessage> lines) {
        return new IrcSession.Reply(lines, List.of(), null);
    }
}
