package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * IRCv3 capability negotiation for one connection ({@code CAP LS [302]}, {@code REQ}, {@code LIST}, {@code END}).
 * Offered, all cheap and what modern clients ask for: {@code server-time} (messages from others carry the time the
 * chat stamped them with), {@code echo-message} (the client's own messages come back, which tells it they were
 * accepted), {@code multi-prefix} (NAMES, WHO and WHOIS show all of a member's channel prefixes, {@code @+nick}, not
 * only the highest), {@code invite-notify} (a room's operators see the INVITE lines of its invites),
 * {@code away-notify} (room mates' AWAY changes as they happen, so a client need not poll WHO to show who is away),
 * and for accounts {@code sasl} (its mechanisms as the value, shown to {@code CAP LS 302}), {@code account-tag},
 * {@code account-notify}, {@code extended-join} and {@code draft/account-registration} (REGISTER once connected: no
 * value, so neither {@code before-connect} nor {@code custom-account-name}); where configured, {@code sts} (the
 * policy; never requested). A request naming anything else is refused whole (NAK), as the spec says.
 * <p>
 * A client that starts negotiating before it is registered holds registration until {@code CAP END}, so it can
 * finish negotiating before the welcome burst.
 */
final class CapNegotiation {
    /** The capabilities this server offers. */
    enum Cap {
        ACCOUNT_NOTIFY("account-notify"),
        ACCOUNT_REGISTRATION("draft/account-registration"),
        ACCOUNT_TAG("account-tag"),
        AWAY_NOTIFY("away-notify"),
        ECHO_MESSAGE("echo-message"),
        EXTENDED_JOIN("extended-join"),
        INVITE_NOTIFY("invite-notify"),
        MULTI_PREFIX("multi-prefix"),
        SASL("sasl"),
        SERVER_TIME("server-time");

        final String token;

        Cap(String token) {
            this.token = token;
        }

        static Cap of(String token) {
            for (Cap c : values()) {
                if (c.token.equals(token.toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
            return null;
        }
    }

    private final Set<Cap> enabled = EnumSet.noneOf(Cap.class);
    /** {@code sasl}'s value: the mechanisms this connection is offered, comma-separated. */
    private final String saslMechanisms;
    /** The value of {@code sts}, the server's Strict Transport Security policy; null: none. */
    private final String sts;
    private boolean negotiating;

    CapNegotiation(String saslMechanisms, String sts) {
        this.saslMechanisms = saslMechanisms;
        this.sts = sts;
    }

    boolean has(Cap cap) {
        return enabled.contains(cap);
    }

    /** Whether registration waits for {@code CAP END}. */
    boolean holdsRegistration() {
        return negotiating;
    }

    /**
     * Answers one CAP command.
     *
     * @param registered whether the client is past registration (then negotiating holds nothing)
     */
    List<IrcMessage> handle(IrcMessage m, boolean registered, Replies replies) {
        String sub = m.param(0);
        if (sub == null) {
            return List.of(replies.standard(IrcNumeric.ERR_NEEDMOREPARAMS, "CAP"));
        }
        switch (sub.toUpperCase(Locale.ROOT)) {
            case "LS":
                negotiating |= !registered;
                return List.of(cap(replies, "LS", offered(isVersion302(m.param(1)))));
            case "LIST":
                return List.of(cap(replies, "LIST", tokens(enabled)));
            case "REQ":
                negotiating |= !registered;
                return List.of(request(m.param(1) == null ? "" : m.param(1).trim(), replies));
            case "END":
                negotiating = false;
                return List.of();
            default:
                return List.of(replies.standard(IrcNumeric.ERR_INVALIDCAPCMD, sub));
        }
    }

    private IrcMessage request(String requested, Replies replies) {
        Set<Cap> add = EnumSet.noneOf(Cap.class);
        Set<Cap> remove = EnumSet.noneOf(Cap.class);
        boolean ok = !requested.isEmpty();
        for (String token : requested.split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            boolean minus = token.startsWith("-");
            Cap cap = Cap.of(minus ? token.substring(1) : token);
            if (cap == null) {
                ok = false;
            } else {
                (minus ? remove : add).add(cap);
            }
        }
        if (!ok) {
            return cap(replies, "NAK", requested);
        }
        enabled.removeAll(remove);
        enabled.addAll(add);
        return cap(replies, "ACK", requested);
    }

    private static IrcMessage cap(Replies replies, String sub, String caps) {
        return replies.command("CAP", replies.target(), sub, caps);
    }

    private static boolean isVersion302(String version) {
        try {
            return version != null && Integer.parseInt(version) >= 302;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Values only for CAP LS 302, as the spec says; {@code sts} always has one, so only then. */
    private String offered(boolean withValues) {
        String all = tokens(EnumSet.allOf(Cap.class));
        if (!withValues) {
            return all;
        }
        all = all.replace(Cap.SASL.token, Cap.SASL.token + "=" + saslMechanisms);
        return sts == null ? all : all + " sts=" + sts;
    }

    private static String tokens(Set<Cap> caps) {
        List<String> t = new ArrayList<>();
        for (Cap c : caps) {
            t.add(c.token);
        }
        return String.join(" ", t);
    }
}
