package org.syncnet.door.irc.sasl;

import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * The server's part of each SCRAM nonce. Injected rather than drawn here so that a test can replay an exchange
 * exactly (RFC 7677's vector has a nonce no random source would give).
 */
@FunctionalInterface
interface ServerNonces {
    /** 192 bits: RFC 5802 asks only that nonces not repeat; this is well past any birthday risk. */
    int RANDOM_BYTES = 24;

    /** A fresh nonce: printable ASCII without commas. */
    String next();

    /** Nonces of {@link #RANDOM_BYTES} bytes from {@code random} (a {@code SecureRandom} outside tests), in base64. */
    static ServerNonces from(RandomGenerator random) {
        return () -> {
            byte[] bytes = new byte[RANDOM_BYTES];
            random.nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        };
    }
}
