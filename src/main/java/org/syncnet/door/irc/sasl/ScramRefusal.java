package org.syncnet.door.irc.sasl;

/**
 * A SCRAM message the server will not go on with: the {@code server-error-value} RFC 5802 has the server tell the
 * client in {@code e=}, the kind of failure, and the reason for the server's log. Thrown inside the mechanism and
 * always turned into a {@link SaslStep.Failed} there; it never leaves this package.
 */
final class ScramRefusal extends Exception {
    static final String INVALID_ENCODING = "invalid-encoding";
    static final String EXTENSIONS_NOT_SUPPORTED = "extensions-not-supported";
    static final String INVALID_PROOF = "invalid-proof";
    static final String CHANNEL_BINDINGS_DONT_MATCH = "channel-bindings-dont-match";
    static final String CHANNEL_BINDING_NOT_SUPPORTED = "channel-binding-not-supported";
    static final String INVALID_USERNAME_ENCODING = "invalid-username-encoding";
    static final String OTHER_ERROR = "other-error";

    private final String serverError;
    private final FailureKind kind;

    ScramRefusal(String serverError, FailureKind kind, String reason) {
        // No stack trace: this is an answer to a client, not a fault in the server.
        super(reason, null, false, false);
        this.serverError = serverError;
        this.kind = kind;
    }

    static ScramRefusal malformed(String serverError, String reason) {
        return new ScramRefusal(serverError, FailureKind.MALFORMED, reason);
    }

    String serverError() {
        return serverError;
    }

    FailureKind kind() {
        return kind;
    }
}
