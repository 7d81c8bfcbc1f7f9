package org.syncnet.door.irc.sasl;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.syncnet.chat.PasswordCredential;

/**
 * Where SCRAM-SHA-256 finds the credential to check a client against: the account's, from the caller's lookup, or
 * for a name without an account a decoy that looks the same from outside (see {@link DecoyCredentials}). One per
 * server, shared by its connections.
 */
public final class ScramCredentials {
    private final Function<String, Optional<PasswordCredential>> lookup;
    private final DecoyCredentials decoys;

    /** The credential an exchange proves against, and whether it is only a decoy (which never succeeds). */
    record Proving(PasswordCredential credential, boolean decoy) {
    }

    /**
     * @param lookup an account's credential by the name the client gave (the lookup matches it under the chat's
     *        casemapping); empty when there is no such account. Called on the connection loop, so it must be quick.
     * @param decoySecret a per-server secret (32 random bytes, say) that makes decoys unpredictable; keep it across
     *        restarts and alike on every server, or the decoy for a name changes and shows it is one
     * @param iterations the iteration count new accounts get, which decoys show
     * @param saltBytes the salt length new accounts get, which decoys show
     */
    public ScramCredentials(Function<String, Optional<PasswordCredential>> lookup, byte[] decoySecret,
            int iterations, int saltBytes) {
        this.lookup = Objects.requireNonNull(lookup);
        this.decoys = new DecoyCredentials(decoySecret, iterations, saltBytes);
    }

    Proving forAccount(String name) {
        return lookup.apply(name)
                .map(credential -> new Proving(credential, false))
                .orElseGet(() -> new Proving(decoys.forName(name), true));
    }
}
