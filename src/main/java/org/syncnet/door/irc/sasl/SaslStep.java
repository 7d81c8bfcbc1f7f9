package org.syncnet.door.irc.sasl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the IRC session does after one {@code AUTHENTICATE} from the client (or after reporting a password check):
 * each kind maps to lines and numerics, and none carries state the next attempt could see.
 */
public sealed interface SaslStep {

    /** Send {@code AUTHENTICATE <chunk>} for each chunk, in order (already split to 400 bytes, {@code +} included). */
    record Challenge(List<String> chunks) implements SaslStep {
        public Challenge {
            chunks = List.copyOf(chunks);
        }
    }

    /**
     * PLAIN gave an account and a password: check them off the connection loop (the check is slow by design), then
     * hand this very object back to {@link SaslExchange#passwordChecked}. An unknown account is simply a mismatch.
     */
    record CheckPassword(String account, String password) implements SaslStep {
        public CheckPassword {
            Objects.requireNonNull(account);
            Objects.requireNonNull(password);
        }

        /** Never the password: this lands in logs and test reports. */
        @Override
        public String toString() {
            return "CheckPassword[account=" + account + "]";
        }
    }

    /**
     * The client proved it holds {@code account} (spelled as the client sent it; the chat's lookup matches it under
     * its casemapping): 900 RPL_LOGGEDIN and 903 RPL_SASLSUCCESS.
     */
    record Succeeded(String account) implements SaslStep {
    }

    /**
     * The attempt is over and failed: send {@code AUTHENTICATE <chunk>} for each of {@code finalChunks} (SCRAM's
     * {@code e=} message; empty otherwise), then 904 ERR_SASLFAIL. {@code reason} is for the server's log, never for
     * the client; {@code account} is the account the attempt named, when it got that far.
     */
    record Failed(FailureKind kind, String reason, Optional<String> account, List<String> finalChunks)
            implements SaslStep {
        public Failed {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(reason);
            Objects.requireNonNull(account);
            finalChunks = List.copyOf(finalChunks);
        }
    }

    /** The mechanism asked for is not offered: 908 RPL_SASLMECHS with these (comma-separated), then 904. */
    record MechanismRefused(List<String> offered) implements SaslStep {
        public MechanismRefused {
            offered = List.copyOf(offered);
        }
    }

    /** A chunk over 400 bytes, or a message over the exchange's bound: 905 ERR_SASLTOOLONG; the attempt is over. */
    record TooLong() implements SaslStep {
    }

    /** The client sent {@code AUTHENTICATE *}, or the caller aborted: 906 ERR_SASLABORTED. */
    record Aborted() implements SaslStep {
    }

    /** The connection already authenticated and the caller allows no second attempt: 907 ERR_SASLALREADY. */
    record AlreadyAuthenticated() implements SaslStep {
    }

    /** Nothing to send: more chunks of the client's message are due, or a password check came back too late. */
    record NoReply() implements SaslStep {
    }
}
