package org.syncnet.door.irc.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one line (as {@link IrcLineFramer} delivers it: no CRLF) into an {@link IrcMessage}, following
 * modern.ircdocs.horse "Messages" and RFC 1459:
 * <pre>
 *   [@tags SPACE] [:source SPACE] command [SPACE params]
 * </pre>
 * <ul>
 *   <li>Atoms are separated by one or more spaces (0x20 only; a tab is an ordinary character); leading and
 *       trailing spaces are ignored, except inside the trailing parameter.</li>
 *   <li>Tags: {@code key[=value]} separated by ';'; values are unescaped ({@code \:} ';', {@code \s} space,
 *       {@code \\} '\', {@code \r} CR, {@code \n} LF, a backslash before any other character is dropped, and so is
 *       one at the end); a tag without a value has the value "", empty keys are skipped, and of repeated keys the
 *       last wins.</li>
 *   <li>Source: the text after ':' up to the next space; an empty source (": CMD") is taken as none.</li>
 *   <li>Command: ASCII letters (returned in upper case) or exactly three digits; anything else is an
 *       {@link IrcSyntaxException} naming the command, and a line with no command at all is one without.</li>
 *   <li>Parameters: a parameter starting with ':' is the trailing one and takes the rest of the line, spaces
 *       included, and may be empty. At most 15: the 15th takes the rest of the line even without ':' (RFC 2812's
 *       grammar).</li>
 * </ul>
 * Pure and stateless; never throws anything but {@link IrcSyntaxException} for a non-null line.
 */
public final class IrcMessageParser {
    private static final char SPACE = ' ';

    private IrcMessageParser() {
    }

    public static IrcMessage parse(String line) throws IrcSyntaxException {
        int n = line.length();
        int i = skipSpaces(line, 0);
        Map<String, String> tags = Map.of();
        if (i < n && line.charAt(i) == '@') {
            int end = atomEnd(line, i);
            tags = tags(line, i + 1, end);
            i = skipSpaces(line, end);
        }
        String prefix = null;
        if (i < n && line.charAt(i) == ':') {
            int end = atomEnd(line, i);
            prefix = end > i + 1 ? line.substring(i + 1, end) : null;
            i = skipSpaces(line, end);
        }
        if (i >= n) {
            throw new IrcSyntaxException("no command", null);
        }
        int end = atomEnd(line, i);
        String command = command(line, i, end);
        List<String> params = new ArrayList<>(4);
        i = skipSpaces(line, end);
        while (i < n) {
            if (line.charAt(i) == ':') {
                params.add(line.substring(i + 1));
                break;
            }
            if (params.size() == IrcLimits.MAX_PARAMS - 1) {
                params.add(line.substring(i));
                break;
            }
            end = atomEnd(line, i);
            params.add(line.substring(i, end));
            i = skipSpaces(line, end);
        }
        return new IrcMessage(tags, prefix, command, params);
    }

    private static String command(String line, int from, int to) throws IrcSyntaxException {
        boolean letters = true;
        boolean digits = true;
        boolean upper = true;
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            boolean lower = c >= 'a' && c <= 'z';
            letters &= lower || (c >= 'A' && c <= 'Z');
            digits &= c >= '0' && c <= '9';
            upper &= !lower;
        }
        if (digits && to - from == 3) {
            return line.substring(from, to);
        }
        if (!letters) {
            String word = line.substring(from, to);
            throw new IrcSyntaxException("command " + word + " is neither letters nor three digits", word);
        }
        if (upper) {
            return line.substring(from, to);
        }
        char[] chars = new char[to - from];
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            chars[i - from] = c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
        }
        return new String(chars);
    }

    /** The tags between '@' and the space after them. */
    private static Map<String, String> tags(String line, int from, int to) {
        Map<String, String> tags = new LinkedHashMap<>();
        int i = from;
        while (i < to) {
            int end = line.indexOf(';', i);
            if (end < 0 || end > to) {
                end = to;
            }
            int equals = line.indexOf('=', i);
            if (equals < 0 || equals > end) {
                equals = end;
            }
            if (equals > i) {
                tags.put(line.substring(i, equals), equals < end ? unescape(line, equals + 1, end) : "");
            }
            i = end + 1;
        }
        return tags;
    }

    /** Tag value unescaping, one character at a time (so "\\n" is '\' and 'n', never a newline). */
    private static String unescape(String line, int from, int to) {
        int backslash = line.indexOf('\\', from);
        if (backslash < 0 || backslash >= to) {
            return line.substring(from, to);
        }
        StringBuilder value = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c != '\\') {
                value.append(c);
            } else if (++i < to) {
                char escaped = line.charAt(i);
                value.append(switch (escaped) {
                    case ':' -> ';';
                    case 's' -> ' ';
                    case 'r' -> '\r';
                    case 'n' -> '\n';
                    default -> escaped;  // "\\" is '\', and a needless backslash is dropped
                });
            }
        }
        return value.toString();
    }

    private static int skipSpaces(String line, int i) {
        while (i < line.length() && line.charAt(i) == SPACE) {
            i++;
        }
        return i;
    }

    private static int atomEnd(String line, int i) {
        int space = line.indexOf(SPACE, i);
        return space < 0 ? line.length() : space;
    }
}
