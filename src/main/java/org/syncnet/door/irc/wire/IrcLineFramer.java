package org.syncnet.door.irc.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Cuts one connection's incoming bytes into IRC lines. Fed the bytes as they arrive, in chunks split anywhere (inside
 * a UTF-8 sequence, between CR and LF); emits a {@link FramedLine} for each line, in order.
 * <ul>
 *   <li>A line ends at LF; one CR right before the LF is removed. A CR anywhere else is not a terminator and stays
 *       in the text (the session refuses it where it matters: chat text may not contain CR). Empty lines are
 *       skipped without a word.</li>
 *   <li>At most {@link IrcLimits#MAX_CONTENT_BYTES} (510) bytes before the terminator, whether that is CRLF or a
 *       bare LF: a line that fits 512 bytes with CRLF fits with LF, and one rule is easier to explain. A line that
 *       starts with '@' has an IRCv3 tag section up to its first space, which counts apart, as the message-tags spec
 *       says: at most {@link IrcLimits#MAX_CLIENT_TAG_BYTES} (4096) bytes with its '@' and space, then the 510 bytes
 *       of the rest. A longer line (or tag section) gives one {@link FramedLine.TooLong} the moment it passes the
 *       limit, and its bytes are dropped up to and including its LF without being kept: the framer never holds more
 *       than a line's limit, so a client that sends a megabyte without an LF costs nothing.</li>
 *   <li>A NUL byte gives {@link FramedLine.Binary} at once and the rest of its line is dropped. One report a line:
 *       a NUL inside a line already reported too long is not reported again.</li>
 *   <li>Each line is decoded as UTF-8, strictly (overlong forms, surrogates and code points above U+10FFFF are
 *       invalid), and every invalid sequence is <em>replaced</em> by U+FFFD rather than refusing the line: a client
 *       still set to Latin-1 can still talk, its accented letters show as U+FFFD, and what enters the chat is
 *       always valid Unicode. Because a line is decoded only once it is complete, a character split across two
 *       chunks is decoded whole.</li>
 * </ul>
 * Memory: the bytes of a line are gathered in a work buffer that framers fed one after the other may share (one
 * connector loop, thousands of connections: {@link #IrcLineFramer(byte[])}); between feeds a framer keeps only the
 * bytes of its unfinished line, in an array of their size, and nothing at all when its input ended at a line's end,
 * as an idle client's does.
 * <p>
 * Pure: no socket, no clock. Not thread-safe: one connection, one reader; framers sharing a work buffer are fed by
 * one thread (a feed uses it only while it runs).
 */
public final class IrcLineFramer {
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    /** The most a line can hold: a full tag section, 510 bytes of content and the CR that may precede its LF. */
    public static final int MAX_HELD = IrcLimits.MAX_CLIENT_TAG_BYTES + IrcLimits.MAX_CONTENT_BYTES + 1;
    private static final byte[] NOTHING = new byte[0];

    /** Where a feed gathers the line; {@link #MAX_HELD} bytes, possibly shared with other framers. */
    private final byte[] work;
    /** Between feeds: the first {@link #length} bytes of the unfinished line ({@link #NOTHING} when there are none). */
    private byte[] kept = NOTHING;
    private int length;
    /** True while dropping the rest of a line already reported (too long or binary), up to its LF. */
    private boolean discarding;
    /** True while in the tag section of a line that starts with '@' (up to its first space). */
    private boolean inTags;
    /** Where the line's content after its tag section starts (0 for a line without tags). */
    private int contentStart;

    /** A framer with a work buffer of its own. */
    public IrcLineFramer() {
        this(new byte[MAX_HELD]);
    }

    /**
     * A framer that gathers lines in {@code work} (at least {@link #MAX_HELD} bytes), which framers fed by the same
     * thread may share.
     */
    public IrcLineFramer(byte[] work) {
        if (work.length < MAX_HELD) {
            throw new IllegalArgumentException("a work buffer of " + work.length + " bytes; want " + MAX_HELD);
        }
        this.work = work;
    }

    /**
     * Frames all of {@code bytes} (from its position to its limit; the position ends at the limit) and passes each
     * result to {@code out}, in order. The bytes of an unfinished line are kept for the next call.
     */
    public void feed(ByteBuffer bytes, Consumer<? super FramedLine> out) {
        Objects.requireNonNull(out, "out");
        if (!bytes.hasRemaining()) {
            return;
        }
        System.arraycopy(kept, 0, work, 0, length);
        try {
            frame(bytes, out);
        } finally {
            // Kept at its size: an unfinished line is the exception, and most often a few bytes.
            kept = length == 0 ? NOTHING : Arrays.copyOf(work, length);
        }
    }

    private void frame(ByteBuffer bytes, Consumer<? super FramedLine> out) {
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (discarding) {
                discarding = b != LF;
            } else if (b == LF) {
                endLine(out);
            } else if (b == 0) {
                length = 0;
                discarding = true;
                out.accept(new FramedLine.Binary());
            } else if (fits(b)) {
                put(b);
            } else {
                length = 0;
                discarding = true;
                out.accept(new FramedLine.TooLong());
            }
        }
    }

    /**
     * Bytes of the unfinished line held for the next {@link #feed} (at most 511, or 4607 with a tag section; 0 while
     * dropping a line): all the framer keeps between feeds.
     */
    public int buffered() {
        return length;
    }

    /** Whether {@code b} (not LF, not NUL) still fits the line, its tag section or its content. */
    private boolean fits(byte b) {
        if (length == 0) {
            inTags = b == '@';
            contentStart = 0;
        }
        if (inTags) {
            // The section is '@', the tag data and the space that ends it: the space may be its last byte.
            if (length + 1 > (b == ' ' ? IrcLimits.MAX_CLIENT_TAG_BYTES : IrcLimits.MAX_CLIENT_TAG_BYTES - 1)) {
                return false;
            }
            if (b == ' ') {
                inTags = false;
                contentStart = length + 1;
            }
            return true;
        }
        int content = length - contentStart;
        return content < IrcLimits.MAX_CONTENT_BYTES || (content == IrcLimits.MAX_CONTENT_BYTES && b == CR);
    }

    private void put(byte b) {
        work[length++] = b;
    }

    private void endLine(Consumer<? super FramedLine> out) {
        int wireBytes = length + 1;
        int content = length > 0 && work[length - 1] == CR ? length - 1 : length;
        length = 0;
        if (content > 0) {
            // The String constructor decodes strictly and replaces each malformed sequence with U+FFFD.
            out.accept(new FramedLine.Line(new String(work, 0, content, StandardCharsets.UTF_8), wireBytes));
        }
    }
}
