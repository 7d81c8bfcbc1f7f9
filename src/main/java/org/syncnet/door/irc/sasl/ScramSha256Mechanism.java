package org.syncnet.door.irc.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) on the server side, without channel binding. Three client messages:
 * <ol>
 *   <li>client-first ({@code n,,n=user,r=cnonce}): answered with server-first ({@code r=cnonce+snonce,s=salt,i=n});
 *       a name without an account gets a decoy's salt and count and fails only at the proof, like a wrong password;
 *   <li>client-final ({@code c=biws,r=nonce,p=proof}): checked, and answered with {@code v=ServerSignature};
 *   <li>an empty message acknowledging {@code v=}: IRC's SASL has no "success with data", so the server signature
 *       goes as a challenge and success follows the client's empty answer (RFC 4422 section 5).
 * </ol>
 * A failure up to the proof answers {@code e=} with RFC 5802's error value before 904, as Atheme (Libera.Chat's
 * services) does; after {@code v=} there is no server message left to carry one.
 * Fast: the slow key stretching is the client's; the server only hashes.
 */
final class ScramSha256Mechanism implements SaslMechanism {
    private enum Stage { CLIENT_FIRST, CLIENT_FINAL, ACKNOWLEDGEMENT }

    private final ScramCredentials credentials;
    private final ServerNonces nonces;
    private Stage stage = Stage.CLIENT_FIRST;
    private ScramClientFirst clientFirst;
    private ScramCredentials.Proving proving;
    private String nonce;
    private String serverFirst;

    ScramSha256Mechanism(ScramCredentials credentials, ServerNonces nonces) {
        this.credentials = credentials;
        this.nonces = nonces;
    }

    @Override
    public SaslStep respond(byte[] clientMessage) {
        try {
            return switch (stage) {
                case CLIENT_FIRST -> clientFirst(text(clientMessage));
                case CLIENT_FINAL -> clientFinal(text(clientMessage));
                case ACKNOWLEDGEMENT -> acknowledgement(clientMessage);
            };
        } catch (ScramRefusal refusal) {
            byte[] serverFinal = ("e=" + refusal.serverError()).getBytes(StandardCharsets.US_ASCII);
            return new SaslStep.Failed(refusal.kind(), refusal.getMessage(), account(),
                    ChallengeChunks.of(serverFinal));
        }
    }

    private SaslStep clientFirst(String message) throws ScramRefusal {
        clientFirst = ScramClientFirst.parse(message);
        proving = credentials.forAccount(clientFirst.user());
        nonce = clientFirst.clientNonce() + nonces.next();
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(proving.credential().salt())
                + ",i=" + proving.credential().iterations();
        stage = Stage.CLIENT_FINAL;
        return challenge(serverFirst);
    }

    private SaslStep clientFinal(String message) throws ScramRefusal {
        ScramClientFinal clientFinal = ScramClientFinal.parse(message);
        String expectedBinding = Base64.getEncoder()
                .encodeToString(clientFirst.gs2Header().getBytes(StandardCharsets.UTF_8));
        if (!clientFinal.channelBinding().equals(expectedBinding)) {
            throw ScramRefusal.malformed(ScramRefusal.CHANNEL_BINDINGS_DONT_MATCH,
                    "the SCRAM channel binding is not the GS2 header the client sent");
        }
        if (!clientFinal.nonce().equals(nonce)) {
            throw ScramRefusal.malformed(ScramRefusal.OTHER_ERROR, "the SCRAM nonce is not the one the server sent");
        }
        byte[] authMessage = (clientFirst.bare() + "," + serverFirst + "," + clientFinal.withoutProof())
                .getBytes(StandardCharsets.UTF_8);
        // Verified for a decoy as well, so that an unknown name costs the same time as a wrong password.
        boolean proven = ScramProof.verifies(proving.credential(), authMessage, clientFinal.proof());
        if (proving.decoy()) {
            throw new ScramRefusal(ScramRefusal.INVALID_PROOF, FailureKind.BAD_CREDENTIALS, "no such account");
        }
        if (!proven) {
            throw new ScramRefusal(ScramRefusal.INVALID_PROOF, FailureKind.BAD_CREDENTIALS, "wrong password");
        }
        stage = Stage.ACKNOWLEDGEMENT;
        return challenge("v=" + Base64.getEncoder()
                .encodeToString(ScramProof.serverSignature(proving.credential(), authMessage)));
    }

    private SaslStep acknowledgement(byte[] clientMessage) {
        if (clientMessage.length != 0) {
            return new SaslStep.Failed(FailureKind.MALFORMED, "the client answered the SCRAM server signature "
                    + "with data instead of an empty message", account(), List.of());
        }
        return new SaslStep.Succeeded(clientFirst.user());
    }

    /** A SCRAM message as text: UTF-8, and no NUL, which no attribute may hold. */
    private static String text(byte[] clientMessage) throws ScramRefusal {
        return StrictDecoding.utf8(clientMessage)
                .filter(text -> text.indexOf('\0') < 0)
                .orElseThrow(() -> ScramRefusal.malformed(ScramRefusal.INVALID_ENCODING,
                        "the SCRAM message is not UTF-8 text"));
    }

    private static SaslStep challenge(String message) {
        return new SaslStep.Challenge(ChallengeChunks.of(message.getBytes(StandardCharsets.UTF_8)));
    }

    private Optional<String> account() {
        return clientFirst == null ? Optional.empty() : Optional.of(clientFirst.user());
    }
}
