package org.syncnet.chat.service;

import java.util.function.Function;
import org.syncnet.chat.PasswordCredential;
import org.syncnet.settings.Settings;

/**
 * The per-server account settings (MicroProfile Config names below).
 *
 * @param hashIterations  PBKDF2 iterations of a new password's credential: each login with a password costs the
 *                        server (and a SCRAM client) this many HMAC-SHA256 rounds, and so does each guess
 * @param nickGraceMillis how long a client may hold a registered nick without logging in to its account before it
 *                        is renamed to a guest nick
 * @param required        whether a client must be logged in to join rooms and send messages (it may still connect,
 *                        register and log in)
 */
public record AccountConfig(int hashIterations, long nickGraceMillis, boolean required) {
    public static final String HASH_ITERATIONS = "syncnet.accounts.hash-iterations";
    public static final String NICK_GRACE = "syncnet.accounts.nick-grace";
    public static final String REQUIRED = "syncnet.accounts.required";
    public static final int DEFAULT_ITERATIONS = 100_000;

    public static AccountConfig fromSettings(Function<String, String> lookup) {
        return new AccountConfig(
                Settings.wholeNumber(lookup, HASH_ITERATIONS, DEFAULT_ITERATIONS, PasswordCredential.MIN_ITERATIONS,
                        PasswordCredential.MAX_ITERATIONS),
                Settings.duration(lookup, NICK_GRACE, 30_000, 1_000),
                Settings.flag(lookup, REQUIRED, false));
    }
}
