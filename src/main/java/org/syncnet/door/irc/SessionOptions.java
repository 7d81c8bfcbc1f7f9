package org.syncnet.door.irc;

import java.security.SecureRandom;
import java.util.List;
import org.syncnet.chat.PasswordCredential;
import org.syncnet.door.irc.sasl.SaslExchange;

/**
 * What one connection's session needs to know of its connection and the server's account settings.
 *
 * @param secure                 the connection is TLS (WHOIS shows it to its owner; SASL PLAIN is offered on it)
 * @param plainWithoutTls        SASL PLAIN is offered on plain connections too ({@code syncnet.irc.sasl-plain-without-tls})
 * @param nickGraceMillis        how long a registered nick may be held without logging in to its account
 * @param serverPasswordRequired the server has a password: PASS must give it before registration
 * @param sts                    the value of the {@code sts} capability ({@code port=6697} on a plain connection,
 *                               {@code duration=<s>} on a TLS one); null: none is offered
 * @param scram                  SCRAM's decoys and nonces
 */
public record SessionOptions(boolean secure, boolean plainWithoutTls, long nickGraceMillis,
                             boolean serverPasswordRequired, String sts, ScramSettings scram) {
    /** A plain connection, PLAIN not offered, the default grace of 30 s, no server password, no STS. */
    public static final SessionOptions PLAIN = new SessionOptions(false, false, 30_000, false, null,
            new ScramSettings(new byte[32], PasswordCredential.MIN_ITERATIONS, 16, new SecureRandom()));

    /** The SASL mechanisms offered, in the order clients see them: SCRAM always, PLAIN over TLS or if allowed. */
    public List<String> saslMechanisms() {
        return secure || plainWithoutTls ? List.of(SaslExchange.PLAIN, SaslExchange.SCRAM_SHA_256)
                : List.of(SaslExchange.SCRAM_SHA_256);
    }
}
