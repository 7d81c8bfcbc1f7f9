/**
 * The server side of IRCv3 SASL for the IRC door, in plain Java (no sockets, no clock, no threads): the
 * {@code AUTHENTICATE} framing (sasl-3.1: base64 in 400-byte chunks, {@code +} for an empty chunk, a bounded
 * message), PLAIN (RFC 4616) and SCRAM-SHA-256 (RFC 5802, RFC 7677, without channel binding), over the credential an
 * account keeps ({@link org.syncnet.chat.PasswordCredential}).
 * <p>
 * The IRC session uses {@link org.syncnet.door.irc.sasl.SaslExchange}, one per connection, and maps each
 * {@link org.syncnet.door.irc.sasl.SaslStep} to lines and numerics (900/903 success, 904 failure, 905 too long,
 * 906 aborted, 907 already authenticated, 908 the mechanisms). PLAIN's password check is slow by design and left to
 * the caller, off the connection loop; SCRAM's check is fast (the client did the slow part) and reads the account's
 * credential through {@link org.syncnet.door.irc.sasl.ScramCredentials}, which also answers for names without an
 * account so that SCRAM does not tell who has one.
 */
package org.syncnet.door.irc.sasl;
