package org.syncnet.door.irc.wire;

/**
 * The sizes of the IRC wire format that the framer, the parser and the writer agree on (RFC 1459 §2.3,
 * modern.ircdocs.horse "Messages", IRCv3 message-tags).
 */
public final class IrcLimits {
    /**
     * A line, CRLF included, as RFC 1459 counts it; a tag section (IRCv3) comes on top of it, see
     * {@link #MAX_SERVER_TAG_BYTES} and {@link #MAX_CLIENT_TAG_BYTES}.
     */
    public static final int MAX_LINE_BYTES = 512;
    /** A line without its terminator: 512 minus CRLF, the same whether the client ends its lines in CRLF or LF. */
    public static final int MAX_CONTENT_BYTES = MAX_LINE_BYTES - 2;
    /** Parameters of one message; the 15th takes the rest of the line, spaces included. */
    public static final int MAX_PARAMS = 15;
    /**
     * The tag section a server may add to a line, on top of its 512 bytes: '@', at most 4094 bytes of tag data and the
     * space after them (IRCv3 message-tags, "Size limit"; only sent to clients that negotiated a capability with tags,
     * which accept it). The spec's whole tag section, 8191 bytes, is this plus the client's own tags relayed, which
     * this server never relays.
     */
    public static final int MAX_SERVER_TAG_BYTES = 4096;
    /**
     * The tag section a client may send before its 510 bytes: '@', at most 4094 bytes of tag data and the space after
     * them (IRCv3 message-tags). More is a line too long (417), as the spec says.
     */
    public static final int MAX_CLIENT_TAG_BYTES = 4096;

    private IrcLimits() {
    }
}
