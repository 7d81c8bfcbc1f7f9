/**
 * The IRC wire format of the IRC door, in plain Java (no sockets, no clock, no threads), shared by the connection
 * server and the IRC session: {@link org.syncnet.door.irc.wire.IrcLineFramer} cuts a connection's bytes into lines,
 * {@link org.syncnet.door.irc.wire.IrcMessageParser} turns a line into an {@link org.syncnet.door.irc.wire.IrcMessage},
 * {@link org.syncnet.door.irc.wire.IrcLineWriter} turns a message back into lines, and
 * {@link org.syncnet.door.irc.wire.FloodPenalty} is RFC 1459's message timer that paces what a client may send. A line
 * ends in CRLF or a bare LF and holds at most 510 bytes before it (512 with CRLF, {@link org.syncnet.door.irc.wire.IrcLimits});
 * a longer incoming line is reported once (the session answers 417) and dropped without being buffered, and the
 * writer splits a long PRIVMSG or NOTICE into several lines and cuts any other message to fit. Text is UTF-8: every
 * invalid byte sequence a client sends becomes U+FFFD instead of refusing the line (so a client left on Latin-1 still
 * talks, with replacement characters), a line with a NUL byte is binary, not IRC, and the writer never emits CR, LF
 * or NUL inside a message.
 */
package org.syncnet.door.irc.wire;
