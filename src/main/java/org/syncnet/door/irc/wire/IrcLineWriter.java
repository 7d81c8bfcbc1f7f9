package org.syncnet.door.irc.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an {@link IrcMessage} as the UTF-8 bytes of one or more CRLF-terminated lines, each at most
 * {@link IrcLimits#MAX_LINE_BYTES} (512) bytes with its CRLF, not counting the tags (as IRCv3 message-tags counts;
 * tags go only to clients that negotiated them).
 * <pre>
 *   [@tags SPACE] [:prefix SPACE] COMMAND [SPACE param]... [SPACE [:]last]
 * </pre>
 * <ul>
 *   <li>The last parameter gets a ':' when it needs one (it is empty, contains a space or starts with ':') and
 *       always on PRIVMSG, NOTICE, AWAY and numerics, whose last parameter is free text (clients and bots that look
 *       for " :" find it there). The other parameters must be non-empty, contain no space and not start with ':'
 *       (else {@link IllegalArgumentException}: a programming error, like a command that is neither letters nor three
 *       digits, a prefix that is empty or has a space, more than 15 parameters, or a line too long before its last
 *       parameter).</li>
 *   <li>CR, LF and NUL are never written: in the prefix and the parameters each becomes U+FFFD, so no text can end
 *       a line early and smuggle in a command; in tag values CR and LF are escaped. (A lone surrogate, which no
 *       valid text holds, becomes '?', as {@link String#getBytes} makes it.)</li>
 *   <li>Tags are written {@code @key=value;key2 } with values escaped (';' {@code \:}, space {@code \s}, '\'
 *       {@code \\}, CR {@code \r}, LF {@code \n}), in key order, and repeated on every line of a split message; at most
 *       {@link IrcLimits#MAX_SERVER_TAG_BYTES} bytes ('@' and the space included), on top of the line's 512.</li>
 *   <li>Too long: the last parameter of PRIVMSG and NOTICE (the text) is split over several messages with the same
 *       tags, prefix, command and target, each as full as fits, cut at the last space that fits (kept at the end of
 *       the earlier piece) or, with no space, at a code point boundary, never inside a UTF-8 sequence or a surrogate
 *       pair: the pieces concatenated are the text. A CTCP ACTION ({@code \1ACTION text\1}) is split inside, each
 *       piece wrapped again. The last parameter of any other command is cut to fit, at a code point boundary.</li>
 * </ul>
 * Pure and stateless. Fast enough to run once per chat message per connection: each string is encoded once by the
 * JDK's UTF-8 encoder, pieces are found by scanning bytes (a code point starts at any byte that is not 10xxxxxx),
 * and lines are assembled by array copies; no regex.
 */
public final class IrcLineWriter {
    private static final byte CTCP_DELIMITER = 1;
    private static final byte[] ACTION_START = "\u0001ACTION ".getBytes(StandardCharsets.UTF_8);
    /** U+FFFD in UTF-8: what CR, LF and NUL in a parameter become. */
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};
    /** The longest UTF-8 sequence: a piece of a split text must have room for at least one code point. */
    private static final int MAX_CODE_POINT_BYTES = 4;

    private IrcLineWriter() {
    }

    /** The bytes of all the lines {@code message} takes, each ending in CRLF: what the connection writes. */
    public static byte[] write(IrcMessage message) {
        String command = message.command();
        checkCommand(command);
        List<String> params = message.params();
        if (params.size() > IrcLimits.MAX_PARAMS) {
            throw new IllegalArgumentException(command + " has " + params.size() + " parameters, at most "
                    + IrcLimits.MAX_PARAMS + " fit a line");
        }
        int last = params.size() - 1;
        String lastParam = last < 0 ? null : params.get(last);
        byte[] text = lastParam == null ? null : utf8(lastParam);
        Bytes head = new Bytes(128 + (text == null ? 0 : text.length));
        if (!message.tags().isEmpty()) {
            writeTags(head, message.tags());
        }
        int tagBytes = head.length;
        if (message.prefix() != null) {
            checkPrefix(message.prefix());
            head.put(':');
            head.put(utf8(message.prefix()));
            head.put(' ');
        }
        head.put(utf8(command));
        for (int p = 0; p < last; p++) {
            String param = params.get(p);
            checkMiddle(command, p, param);
            head.put(' ');
            head.put(utf8(param));
        }
        int headBytes = head.length - tagBytes;
        if (text == null) {
            checkFits(command, headBytes);
            head.putCrlf();
            return head.toArray();
        }

        boolean colon = isFreeText(command) || lastParam.isEmpty() || lastParam.charAt(0) == ':'
                || lastParam.indexOf(' ') >= 0;
        if (headBytes + 1 + (colon ? 1 : 0) + text.length <= IrcLimits.MAX_CONTENT_BYTES) {
            head.put(' ');
            if (colon) {
                head.put(':');
            }
            head.put(text);
            head.putCrlf();
            return head.toArray();
        }
        int budget = IrcLimits.MAX_CONTENT_BYTES - headBytes - 2;  // " :" before every piece
        if (!isSplittable(command)) {
            checkFits(command, headBytes + 2);
            head.put(' ');
            head.put(':');
            head.put(text, 0, pieceEnd(text, 0, text.length, budget, false));
            head.putCrlf();
            return head.toArray();
        }
        return split(head, text, budget, command);
    }

    /** The lines of {@link #write} as strings without their CRLF (for tests and logs). */
    public static List<String> lines(IrcMessage message) {
        String all = new String(write(message), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        for (int start = 0, end; start < all.length(); start = end + 2) {
            end = all.indexOf("\r\n", start);
            lines.add(all.substring(start, end));
        }
        return lines;
    }

    private static byte[] split(Bytes head, byte[] text, int budget, String command) {
        int from = 0;
        int to = text.length;
        boolean action = isAction(text);
        if (action) {
            from = ACTION_START.length;
            to = text.length - 1;
            budget -= ACTION_START.length + 1;
        }
        if (budget < MAX_CODE_POINT_BYTES) {
            throw new IllegalArgumentException(command + " leaves " + budget + " bytes a line for its text");
        }
        int lines = text.length / budget + 2;
        Bytes out = new Bytes(text.length + lines * (head.length + 4 + (action ? ACTION_START.length + 1 : 0)));
        while (from < to) {
            int end = pieceEnd(text, from, to, budget, true);
            out.put(head.bytes, 0, head.length);
            out.put(' ');
            out.put(':');
            if (action) {
                out.put(ACTION_START);
            }
            out.put(text, from, end - from);
            if (action) {
                out.put(CTCP_DELIMITER);
            }
            out.putCrlf();
            from = end;
        }
        return out.toArray();
    }

    /** {@code \1ACTION text\1}, with some text. */
    private static boolean isAction(byte[] text) {
        if (text.length <= ACTION_START.length + 1 || text[text.length - 1] != CTCP_DELIMITER) {
            return false;
        }
        for (int i = 0; i < ACTION_START.length; i++) {
            if (text[i] != ACTION_START[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the longest piece of {@code text[from, to)} (UTF-8) of at most {@code budget} bytes ends, at a code point
     * boundary; if the rest does not fit and {@code atSpace}, just after the last space that fits, if any.
     */
    private static int pieceEnd(byte[] text, int from, int to, int budget, boolean atSpace) {
        if (to - from <= budget) {
            return to;
        }
        int end = from + budget;
        while (end > from && (text[end] & 0xC0) == 0x80) {
            end--;  // text[end] continues a sequence: cut before the sequence's first byte
        }
        if (atSpace) {
            for (int i = end - 1; i >= from; i--) {
                if (text[i] == ' ') {
                    return i + 1;
                }
            }
        }
        return end;
    }

    /**
     * {@code s} in UTF-8 with CR, LF and NUL as U+FFFD; a lone surrogate is '?' (as {@link String#getBytes} does).
     * The JDK's encoder is much faster than a char loop, and CR, LF and NUL are rare enough to fix afterwards.
     */
    private static byte[] utf8(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int forbidden = 0;
        for (byte b : bytes) {
            if (isForbidden(b)) {
                forbidden++;
            }
        }
        if (forbidden == 0) {
            return bytes;
        }
        byte[] clean = new byte[bytes.length + 2 * forbidden];
        int n = 0;
        for (byte b : bytes) {
            if (isForbidden(b)) {
                clean[n++] = REPLACEMENT[0];
                clean[n++] = REPLACEMENT[1];
                clean[n++] = REPLACEMENT[2];
            } else {
                clean[n++] = b;
            }
        }
        return clean;
    }

    private static boolean isForbidden(byte b) {
        return b == '\r' || b == '\n' || b == 0;
    }

    private static boolean isSplittable(String command) {
        return command.equalsIgnoreCase("PRIVMSG") || command.equalsIgnoreCase("NOTICE");
    }

    private static boolean isFreeText(String command) {
        return isSplittable(command) || isNumeric(command) || command.equals("AWAY");
    }

    private static boolean isNumeric(String command) {
        return command.length() == 3 && isDigit(command.charAt(0)) && isDigit(command.charAt(1))
                && isDigit(command.charAt(2));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void checkCommand(String command) {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("no command");
        }
        if (isNumeric(command)) {
            return;
        }
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                throw new IllegalArgumentException("command " + command + " is neither letters nor three digits");
            }
        }
    }

    private static void checkPrefix(String prefix) {
        if (prefix.isEmpty() || prefix.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("prefix '" + prefix + "' is empty or has a space");
        }
    }

    private static void checkMiddle(String command, int index, String param) {
        if (param.isEmpty() || param.charAt(0) == ':' || param.indexOf(' ') >= 0) {
            throw new IllegalArgumentException(command + " parameter " + index + " '" + param
                    + "' is empty, starts with ':' or has a space: only the last parameter may");
        }
    }

    private static void checkFits(String command, int bytes) {
        if (bytes > IrcLimits.MAX_CONTENT_BYTES) {
            throw new IllegalArgumentException(command + " takes " + bytes + " bytes before its last parameter, "
                    + IrcLimits.MAX_CONTENT_BYTES + " fit a line");
        }
    }

    private static void writeTags(Bytes out, Map<String, String> tags) {
        out.put('@');
        boolean first = true;
        for (Map.Entry<String, String> tag : (tags.size() == 1 ? tags : new TreeMap<>(tags)).entrySet()) {
            if (!first) {
                out.put(';');
            }
            first = false;
            String key = tag.getKey();
            checkTagKey(key);
            out.put(key.getBytes(StandardCharsets.US_ASCII));
            if (!tag.getValue().isEmpty()) {
                out.put('=');
                out.put(utf8(escapeTagValue(tag.getValue())));
            }
        }
        out.put(' ');
        if (out.length > IrcLimits.MAX_SERVER_TAG_BYTES) {
            throw new IllegalArgumentException("tags take " + out.length + " bytes, at most "
                    + IrcLimits.MAX_SERVER_TAG_BYTES);
        }
    }

    private static String escapeTagValue(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ';' -> escaped.append("\\:");
                case ' ' -> escaped.append("\\s");
                case '\\' -> escaped.append("\\\\");
                case '\r' -> escaped.append("\\r");
                case '\n' -> escaped.append("\\n");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** IRCv3: {@code [+][vendor/]name}, the vendor a host name, the name letters, digits and '-'. */
    private static void checkTagKey(String key) {
        int start = key.startsWith("+") ? 1 : 0;
        int slash = key.indexOf('/');
        boolean ok = key.length() > start && slash != start && slash != key.length() - 1
                && key.indexOf('/', slash + 1) < 0;
        for (int i = start; ok && i < key.length(); i++) {
            char c = key.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '-' || c == '/'
                    || (c == '.' && i < slash);
        }
        if (!ok) {
            throw new IllegalArgumentException("tag key '" + key + "' is not [+][vendor/]name");
        }
    }

    /** A growable byte array. */
    private static final class Bytes {
        private byte[] bytes;
        private int length;

        Bytes(int capacity) {
            bytes = new byte[capacity];
        }

        void put(int b) {
            room(1);
            bytes[length++] = (byte) b;
        }

        void put(byte[] b) {
            put(b, 0, b.length);
        }

        void put(byte[] b, int from, int count) {
            room(count);
            System.arraycopy(b, from, bytes, length, count);
            length += count;
        }

        void putCrlf() {
            room(2);
            bytes[length++] = '\r';
            bytes[length++] = '\n';
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        byte[] toArray() {
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }
    }
}
