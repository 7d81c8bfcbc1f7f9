package org.syncnet.chat;

/**
 * IRC's {@code rfc1459} casemapping, the one we announce in ISUPPORT ({@code CASEMAPPING=rfc1459}): ASCII letters
 * fold to lower case and, because RFC 1459 came from Scandinavia, {@code []\~} are the upper case of
 * {@code {}|^}. Nothing else folds: non-ASCII characters in room names compare exactly, since IRC clients fold
 * only ASCII and a server that folded more would disagree with them about which names are the same.
 * Nick and room keys are folded with this; the display spelling is kept separately.
 */
public final class Casemapping {
    private Casemapping() {
    }

    public static String fold(String name) {
        StringBuilder sb = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            char f = fold(c);
            if (f != c && sb == null) {
                sb = new StringBuilder(name.length()).append(name, 0, i);
            }
            if (sb != null) {
                sb.append(f);
            }
        }
        return sb == null ? name : sb.toString();
    }

    public static boolean equal(String a, String b) {
        return fold(a).equals(fold(b));
    }

    static char fold(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + ('a' - 'A'));
        }
        return switch (c) {
            case '[' -> '{';
            case ']' -> '}';
            case '\\' -> '|';
            case '~' -> '^';
            default -> c;
        };
    }
}
