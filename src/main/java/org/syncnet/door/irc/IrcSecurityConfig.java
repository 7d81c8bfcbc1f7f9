package org.syncnet.door.irc;

import java.util.function.Function;
import org.syncnet.settings.InvalidSettingException;
import org.syncnet.settings.Settings;

/**
 * The IRC door's security settings (MicroProfile Config names below).
 *
 * @param serverPassword      the server's password as a stored hash ({@link OperPassword}, made by
 *                            {@code scripts/oper_password_hash.sh}), which PASS must give before registration; null:
 *                            none, PASS is ignored
 * @param plainWithoutTls     whether SASL PLAIN is offered on plain connections too (else only over TLS, so a
 *                            password never crosses the network in clear)
 * @param stsSeconds          the IRCv3 Strict Transport Security policy's duration: clients that saw it connect only
 *                            over TLS for this long; 0: no policy is advertised (the default: a self-signed
 *                            certificate would lock out clients that check certificates)
 */
public record IrcSecurityConfig(OperPassword serverPassword, boolean plainWithoutTls, long stsSeconds) {
    public static final String SERVER_PASSWORD = "syncnet.irc.password";
    public static final String PLAIN_WITHOUT_TLS = "syncnet.irc.sasl-plain-without-tls";
    public static final String STS_SECONDS = "syncnet.irc.sts-seconds";
    /** Ten years: the longest policy that still means something. */
    private static final int MAX_STS_SECONDS = 315_360_000;

    public static IrcSecurityConfig fromSettings(Function<String, String> lookup) {
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
        return new IrcSecurityConfig(password, Settings.flag(lookup, PLAIN_WITHOUT_TLS, false),
                Settings.wholeNumber(lookup, STS_SECONDS, 0, 0, MAX_STS_SECONDS));
    }

    /**
     * The options of a connection's session. {@code tlsPort}: where a plain connection's STS policy sends the client
     * (0: no TLS port, so no policy).
     */
    public SessionOptions sessionOptions(boolean secure, int tlsPort, long nickGraceMillis, ScramSettings scram) {
        String sts = stsSeconds == 0 || tlsPort == 0 ? null : secure ? "duration=" + stsSeconds : "port=" + tlsPort;
        return new SessionOptions(secure, plainWithoutTls, nickGraceMillis, serverPassword != null, sts, scram);
    }
}
