package org.syncnet.door.irc.sasl;

import java.util.List;
import java.util.Optional;
import org.syncnet.chat.Casemapping;

/**
 * SASL PLAIN (RFC 4616): one message, {@code authzid NUL authcid NUL password}, strict UTF-8. The mechanism only
 * reads it; the password check is slow by design, so it is handed to the caller to run off the connection loop.
 * An authorization identity is allowed only when it names the same account: acting as someone else is not a thing
 * this chat has. No SASLprep: account names follow the chat's casemapping instead.
 */
final class PlainMechanism implements SaslMechanism {
    @Override
    public SaslStep respond(byte[] clientMessage) {
        Optional<String> text = StrictDecoding.utf8(clientMessage);
        if (text.isEmpty()) {
            return malformed("the PLAIN message is not UTF-8", Optional.empty());
        }
        String[] parts = text.get().split("\0", -1);
        if (parts.length != 3) {
            return malformed("the PLAIN message is not authzid NUL authcid NUL password", Optional.empty());
        }
        String authzid = parts[0];
        String account = parts[1];
        String password = parts[2];
        if (!AccountNames.acceptable(account)) {
            return malformed("the PLAIN account name is empty or longer than " + AccountNames.MAX_BYTES + " bytes",
                    Optional.empty());
        }
        if (password.isEmpty()) {
            return malformed("the PLAIN password is empty", Optional.of(account));
        }
        if (!authzid.isEmpty() && !Casemapping.equal(authzid, account)) {
            return malformed("PLAIN asked to act as another account", Optional.of(account));
        }
        return new SaslStep.CheckPassword(account, password);
    }

    private static SaslStep malformed(String reason, Optional<String> account) {
        return new SaslStep.Failed(FailureKind.MALFORMED, reason, account, List.of());
    }
}
