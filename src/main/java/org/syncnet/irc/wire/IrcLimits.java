package org.syncnet.irc.wire;

/**
 * The sizes of the IRC wire format that the framer, the parser and the writer agree on (RFC 1459 §2.3,
 * modern.ircdocs.horse "Messages", IRCv3 message-tags).
 */
public final class IrcLimits {
    /** A line, CRLF included, as RFC 1459 counts it; tags (IRCv3) come on top of it, see {@link #MAX_TAG_BYTES}. */
    public static final int MAX_LINE_BYTES = 512;
    /** A line without its terminator: 512 minus CRLF, the same whether the client ends its lines in CRLF or LF. */
    public static final int MAX_CONTENT_BYTES = MAX_LINE_BYTES - 2;
    /** Parameters of one message; the 15th takes the rest of the line, spaces included. */
    public static final int MAX_PARAMS = 15;
    /**
     * The tag section a server may send before the 512 bytes: '@', the tags and the space after them (IRCv3
     * message-tags). Only sent to clients that negotiated a tag capability, which accept it.
     */
    public static final int MAX_TAG_BYTES = 8191;

    private IrcLimits() {
    }
}
