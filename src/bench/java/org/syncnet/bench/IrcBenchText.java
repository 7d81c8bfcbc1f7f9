package org.syncnet.bench;

/**
 * The text of one benchmark PRIVMSG: {@code "<k> <dueNanos> <sender>"}, three decimal numbers separated by single
 * spaces. Every receiver learns from it which message it got, when it was due ({@code System.nanoTime} of the one
 * load generator JVM, so latency needs no synchronised clocks) and which client sent it (so an echo can confirm it
 * without a seq). Anything else is not a benchmark message. Pure.
 *
 * @param k        the message's number in the run, from 0
 * @param dueNanos when it was due to be sent (open loop) or was sent (closed loop)
 * @param sender   the sending client's index
 */
record IrcBenchText(int k, long dueNanos, int sender) {
    IrcBenchText {
        if (k < 0 || sender < 0) {
            throw new IllegalArgumentException("k and sender are not negative: " + k + ", " + sender);
        }
    }

    String encode() {
        return k + " " + dueNanos + " " + sender;
    }

    /** The benchmark message in {@code text}, or null when it is none (foreign chat, a malformed or negative number). */
    static IrcBenchText decode(String text) {
        return decode(text, 0, text.length());
    }

    /** {@link #decode(String)} of {@code s.substring(from, to)}, without making that substring. */
    static IrcBenchText decode(String s, int from, int to) {
        int a = s.indexOf(' ', from);
        int b = a < 0 || a >= to ? -1 : s.indexOf(' ', a + 1);
        if (a <= from || a >= to || b <= a + 1 || b >= to - 1) {
            return null;
        }
        int c = s.indexOf(' ', b + 1);
        if (c >= 0 && c < to) {
            return null;
        }
        try {
            int k = Integer.parseInt(s, from, a, 10);
            long due = Long.parseLong(s, a + 1, b, 10);
            int sender = Integer.parseInt(s, b + 1, to, 10);
            if (k < 0 || sender < 0 || !digitsOnly(s, from, a, b)) {
                return null;
            }
            return new IrcBenchText(k, due, sender);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The benchmark message of a whole server line {@code ":<source> PRIVMSG <room> :<text>"} (no tags), or null when
     * the line is anything else: the load generator's fast path, which leaves everything unusual to the full parser.
     */
    static IrcBenchText decodePrivmsg(String line, String room) {
        if (line.isEmpty() || line.charAt(0) != ':') {
            return null;
        }
        int space = line.indexOf(' ');
        int target = space + 1 + "PRIVMSG ".length();
        if (space < 0 || !line.startsWith("PRIVMSG ", space + 1)
                || !line.regionMatches(true, target, room, 0, room.length())
                || !line.startsWith(" :", target + room.length())) {
            return null;
        }
        return decode(line, target + room.length() + 2, line.length());
    }

    /**
     * parseInt takes a leading '+' or '-'; the encoding never writes a '+', nor a '-' but before a due time (nanoTime
     * may be negative), so a text with another sign is foreign.
     */
    private static boolean digitsOnly(String s, int from, int a, int b) {
        char due = s.charAt(a + 1);
        return isDigit(s.charAt(from)) && (isDigit(due) || due == '-') && isDigit(s.charAt(b + 1));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
