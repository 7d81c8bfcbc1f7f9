package org.syncnet.door.irc.wire;

/** What {@link IrcLineFramer} makes of the bytes of one line. */
public sealed interface FramedLine {
    /**
     * A line of text.
     *
     * @param text  the line without its CRLF or LF, decoded from UTF-8 (invalid bytes became U+FFFD); never empty
     * @param bytes the bytes it took on the wire, terminator included (for the caller's flood accounting)
     */
    record Line(String text, int bytes) implements FramedLine {
    }

    /**
     * A line longer than {@link IrcLimits#MAX_CONTENT_BYTES} bytes (not counting a tag section), or with a tag section
     * longer than {@link IrcLimits#MAX_CLIENT_TAG_BYTES}: reported once, as soon as the limit is passed;
     * the framer then drops its bytes up to and including its LF. The session answers 417 (ERR_INPUTTOOLONG).
     */
    record TooLong() implements FramedLine {
    }

    /**
     * A line with a NUL byte: not IRC text (a TLS ClientHello or some other protocol on the plain port). Reported
     * as soon as the NUL arrives, without waiting for an LF; the rest of the line is dropped. The connection
     * should send ERROR and close.
     */
    record Binary() implements FramedLine {
    }
}
