package org.syncnet.door.irc;

import java.util.function.Function;
import org.syncnet.settings.InvalidSettingException;
import org.syncnet.settings.Settings;

/**
 * The IRC door's account settings (MicroProfile Config names below).
 *
 * @param serverPassword      the server's password as a stored hash ({@link OperPassword}, made by
 *                            {@code scripts/oper_password_hash.sh}), which PASS must give before registration; null:
 *                            none, PASS is ignored
 * @param plainWithoutTls     whether SASL PLAIN is offered on plain connections too (else only over TLS, so a
 *                            password never crosses the network in clear)
 */
public record IrcAccountConfig(OperPassword serverPassword, boolean plainWithoutTls) {
    public static final String SERVER_PASSWORD = "syncnet.irc.password";
    public static final String PLAIN_WITHOUT_TLS = "syncnet.irc.sasl-plain-without-tls";

    public static IrcAccountConfig fromSettings(Function<String, String> lookup) {
        String stored = lookup.apply(SERVER_PASSWORD);
        OperPassword password = null;
        if (stored != null && !stored.isBlank()) {
            try {
                password = OperPassword.parse(stored);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(SERVER_PASSWORD, e.getMessage()
                        + " (make one with scripts/oper_password_hash.sh)");
            }
        }
        return new IrcAccountConfig(password, Settings.flag(lookup, PLAIN_WITHOUT_TLS, false));
    }

    /** The options of a connection's session. */
    public SessionOptions sessionOptions(boolean secure, long nickGraceMillis, ScramSettings scram) {
        return new SessionOptions(secure, plainWithoutTls, nickGraceMillis, serverPassword != null, scram);
    }
}
