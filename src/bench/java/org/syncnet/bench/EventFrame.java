package org.syncnet.bench;

/**
 * The load generator's cheap reading of the frame it gets most often: a chat {@code event}. It scans a
 * flat JSON object once, without building anything, and keeps where the fields the client needs are ({@code type},
 * {@code seq}, {@code room}, {@code text}, whether there is an {@code id}). It only accepts the simple case, exactly
 * what the server sends for an event: one object whose values are strings without escapes, integers,
 * {@code true}/{@code false}/{@code null}, no nesting, no repeated field. Anything else (an escape, an array, a
 * number with a fraction...) makes {@link #parse} return false, and the caller reads the frame with JSON-P, so
 * the answer never depends on which path read it. One instance per client, reused (not thread-safe).
 */
final class EventFrame {
    private static final int TYPE = 1;
    private static final int SEQ = 2;
    private static final int ROOM = 4;
    private static final int TEXT = 8;
    private static final int ID = 16;
    private static final String[] LITERALS = {"true", "false", "null"};

    private String s;
    private int seen;
    private int typeStart;
    private int typeEnd;
    private int roomStart;
    private int roomEnd;
    private int textStart;
    private int textEnd;
    private long seq;

    /** Scans {@code frame}; true if it is a simple flat object (see the class comment). */
    boolean parse(String frame) {
        s = frame;
        seen = 0;
        int n = frame.length();
        int i = skipSpace(0);
        if (i >= n || frame.charAt(i) != '{') {
            return false;
        }
        i = skipSpace(i + 1);
        if (i < n && frame.charAt(i) == '}') {
            return skipSpace(i + 1) == n;
        }
        while (true) {
            // key
            if (i >= n || frame.charAt(i) != '"') {
                return false;
            }
            int keyStart = i + 1;
            int keyEnd = stringEnd(keyStart);
            if (keyEnd < 0) {
                return false;
            }
            int field = field(keyStart, keyEnd);
            if ((seen & field) != 0) {
                return false;  // a repeated field: leave the meaning to JSON-P
            }
            seen |= field;
            i = skipSpace(keyEnd + 1);
            if (i >= n || frame.charAt(i) != ':') {
                return false;
            }
            i = skipSpace(i + 1);
            if (i >= n) {
                return false;
            }
            // value
            char c = frame.charAt(i);
            if (c == '"') {
                int end = stringEnd(i + 1);
                if (end < 0) {
                    return false;
                }
                switch (field) {
                    case TYPE -> { typeStart = i + 1; typeEnd = end; }
                    case ROOM -> { roomStart = i + 1; roomEnd = end; }
                    case TEXT -> { textStart = i + 1; textEnd = end; }
                    case SEQ -> { return false; }  // not a number: JSON-P's error, not ours
                    default -> { }
                }
                i = end + 1;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int start = i;
                if (c == '-') {
                    i++;
                }
                int digits = i;
                while (i < n && frame.charAt(i) >= '0' && frame.charAt(i) <= '9') {
                    i++;
                }
                // Plain integers only (no fraction or exponent, no leading zero), at most 18 digits: no overflow.
                if (i == digits || i - digits > 18 || (frame.charAt(digits) == '0' && i - digits > 1)) {
                    return false;
                }
                if (i < n && (frame.charAt(i) == '.' || frame.charAt(i) == 'e' || frame.charAt(i) == 'E')) {
                    return false;
                }
                if (field == SEQ) {
                    seq = Long.parseLong(frame, start, i, 10);
                } else if (field != 0) {
                    return false;  // type, room or text that is not a string
                }
            } else {
                int end = literalEnd(i);
                if (end < 0 || field == SEQ || field == TYPE || field == ROOM || field == TEXT) {
                    return false;  // a nested value, or a literal where a string/number belongs
                }
                i = end;
            }
            i = skipSpace(i);
            if (i >= n) {
                return false;
            }
            if (frame.charAt(i) == ',') {
                i = skipSpace(i + 1);
            } else if (frame.charAt(i) == '}') {
                return skipSpace(i + 1) == n;
            } else {
                return false;
            }
        }
    }

    /** Whether {@code type} is present and equals {@code t}. */
    boolean typeIs(String t) {
        return has(TYPE) && typeEnd - typeStart == t.length() && s.startsWith(t, typeStart);
    }

    boolean hasSeq() {
        return has(SEQ);
    }

    long seq() {
        return seq;
    }

    boolean hasId() {
        return has(ID);
    }

    boolean hasText() {
        return has(TEXT);
    }

    /** Whether the room is absent or equals {@code room} ignoring case (as {@code String.equalsIgnoreCase}). */
    boolean roomAbsentOrEqualsIgnoreCase(String room) {
        return !has(ROOM) || (roomEnd - roomStart == room.length() && s.regionMatches(true, roomStart, room, 0, room.length()));
    }

    int textStart() {
        return textStart;
    }

    int textEnd() {
        return textEnd;
    }

    String source() {
        return s;
    }

    private boolean has(int field) {
        return (seen & field) != 0;
    }

    private int field(int start, int end) {
        return switch (end - start) {
            case 2 -> s.startsWith("id", start) ? ID : 0;
            case 3 -> s.startsWith("seq", start) ? SEQ : 0;
            case 4 -> s.startsWith("type", start) ? TYPE : s.startsWith("room", start) ? ROOM
                    : s.startsWith("text", start) ? TEXT : 0;
            default -> 0;
        };
    }

    /** The index of the closing quote of the string whose contents start at {@code i}; -1 on an escape or control. */
    private int stringEnd(int i) {
        for (int n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' || c < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    private int literalEnd(int i) {
        for (String literal : LITERALS) {
            if (s.startsWith(literal, i)) {
                return i + literal.length();
            }
        }
        return -1;
    }

    private int skipSpace(int i) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }
}
