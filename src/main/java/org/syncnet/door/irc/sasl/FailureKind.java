package org.syncnet.door.irc.sasl;

/**
 * Why an attempt failed, as far as the server should care: a guess at a password (worth counting against the
 * account and the address) or messages the server cannot accept (a broken client, or one asking for what this server
 * does not do). Both end the attempt with 904; the kind is for logs and limits only, never told to the client.
 */
public enum FailureKind {
    /** A wrong password, or an account that does not exist (deliberately not told apart). */
    BAD_CREDENTIALS,
    /**
     * Messages that break the mechanism's grammar, or that ask for what this server does not do: channel binding,
     * mandatory extensions, acting as another account.
     */
    MALFORMED
}
