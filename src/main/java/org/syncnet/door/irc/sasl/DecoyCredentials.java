package org.syncnet.door.irc.sasl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.syncnet.chat.Casemapping;
import org.syncnet.chat.PasswordCredential;

/**
 * A credential for a name that has no account, so that SCRAM's first answer (salt and iteration count) does not tell
 * who has an account: a salt as long and an iteration count as high as real accounts have, derived from the name by
 * HMAC under a server secret. Derived, not random, so asking twice gives the same answer, as for a real account; and
 * from the casemapped name, since the account lookup folds case too. No password matches it (the exchange refuses a
 * decoy anyway, after doing the same work as for a real one).
 */
final class DecoyCredentials {
    private final byte[] secret;
    private final int iterations;
    private final int saltBytes;

    DecoyCredentials(byte[] secret, int iterations, int saltBytes) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("the decoy secret is empty");
        }
        if (iterations < PasswordCredential.MIN_ITERATIONS || iterations > PasswordCredential.MAX_ITERATIONS) {
            throw new IllegalArgumentException("invalid decoy iteration count " + iterations);
        }
        if (saltBytes < PasswordCredential.MIN_SALT_BYTES || saltBytes > PasswordCredential.MAX_SALT_BYTES) {
            throw new IllegalArgumentException("invalid decoy salt length " + saltBytes);
        }
        this.secret = secret.clone();
        this.iterations = iterations;
        this.saltBytes = saltBytes;
    }

    PasswordCredential forName(String name) {
        String folded = Casemapping.fold(name);
        return new PasswordCredential(iterations, derive("salt", folded, saltBytes),
                derive("stored-key", folded, PasswordCredential.KEY_BYTES),
                derive("server-key", folded, PasswordCredential.KEY_BYTES));
    }

    /** {@code length} bytes of HMAC(secret, purpose NUL counter NUL name), as many blocks as it takes. */
    private byte[] derive(String purpose, String name, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int block = 1; out.size() < length; block++) {
            byte[] input = (purpose + '\0' + block + '\0' + name).getBytes(StandardCharsets.UTF_8);
            out.writeBytes(PasswordCredential.hmac(secret, input));
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }
}
