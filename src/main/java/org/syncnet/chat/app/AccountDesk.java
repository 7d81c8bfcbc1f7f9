package org.syncnet.chat.app;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.syncnet.chat.AccountView;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.PasswordCredential;

/**
 * What both doors need to handle passwords and browser tokens, the same way: making the credential of a new password,
 * checking a login against the replicated accounts and the cluster-wide failure counts, and making and hashing browser
 * tokens. The password work is slow by design ({@link PasswordCredential}), so callers run it off their connection
 * loops; the door then logs the result ({@code LoggedIn} or {@code LoginFailed}) under its connection.
 */
public final class AccountDesk {
    private static final Logger LOG = Logger.getLogger("org.syncnet.chat");
    public static final int SALT_BYTES = 16;
    private static final int TOKEN_BYTES = 32;

    /** How a login went. */
    public enum Outcome { ACCEPTED, WRONG_PASSWORD, THROTTLED }

    /**
     * @param account    the account (on {@code ACCEPTED}: its name and the password version to log), else null
     * @param waitMillis on {@code THROTTLED}: how long to wait before the next attempt
     */
    public record Login(Outcome outcome, AccountView account, long waitMillis) {
    }

    private final String self;
    private final ChatApplication chat;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    /** Checked for an unknown account, so that it costs as much as a wrong password. */
    private final PasswordCredential decoy;

    public AccountDesk(String self, ChatApplication chat, int iterations) {
        this.self = self;
        this.chat = chat;
        this.iterations = iterations;
        this.decoy = credential("no account has this password: " + random.nextLong());
    }

    /** The credential of a new password, with a fresh salt. Slow. */
    public PasswordCredential credential(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return PasswordCredential.of(password, salt, iterations);
    }

    /**
     * Checks a password for {@code account} from {@code address}: refused without a check while the account or the
     * address must wait after earlier failures; an unknown account fails like a wrong password, after as long. Slow.
     */
    public Login login(String account, String password, String address, long nowMillis) {
        long wait = chat.read(s -> s.loginWaitMillis(account, address, nowMillis));
        if (wait > 0) {
            LOG.info(() -> self + ": login to " + account + " from " + address + " refused: retry in " + wait + " ms");
            return new Login(Outcome.THROTTLED, null, wait);
        }
        Optional<AccountView> found = chat.read(s -> s.account(account));
        boolean matches = found.map(a -> a.credential()).orElse(decoy).matches(password);
        if (matches && found.isPresent()) {
            return new Login(Outcome.ACCEPTED, found.get(), 0);
        }
        return new Login(Outcome.WRONG_PASSWORD, null, 0);
    }

    /** Logs a failed login the way every door does (the door also logs the {@code LoginFailed} event). */
    public void failed(String account, String address, String how) {
        int before = chat.read(s -> s.loginFailures(account, System.currentTimeMillis()));
        LOG.warning(() -> self + ": " + how + " login to account " + account + " from " + address + " failed ("
                + (before + 1) + " in a row)");
    }

    /** A new browser login token: 32 random bytes, base64url. */
    public String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What the log keeps of a token: its SHA-256. */
    public static byte[] sessionHash(String token) {
        return PasswordCredential.sha256(token.getBytes(StandardCharsets.US_ASCII));
    }

    /** The account a browser token logs in to now, or empty if it is unknown, ended or expired. */
    public Optional<AccountView> sessionAccount(String token, long nowMillis) {
        if (!isWellFormedToken(token)) {
            return Optional.empty();
        }
        byte[] hash = sessionHash(token);
        return chat.read(s -> s.sessionAccount(hash, nowMillis));
    }

    /** When a token issued now expires. */
    public static long sessionExpiry(long nowMillis) {
        return nowMillis + ChatLimits.SESSION_LIFETIME_MILLIS;
    }

    static boolean isWellFormedToken(String token) {
        if (token == null || token.length() != 43) {
            return false;
        }
        return token.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '_');
    }
}
