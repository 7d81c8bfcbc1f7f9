package org.syncnet.chat;

/**
 * The masks of a room's ban, exception and invite-exception lists: {@code nick!user@host} with the wildcards
 * {@code *} (any run of characters) and {@code ?} (one character), compared under {@link Casemapping rfc1459}
 * like the nicks they match.
 */
public final class BanMask {
    private BanMask() {
    }

    /**
     * The full form IRC servers store: {@code nick} → {@code nick!*@*}, {@code user@host} → {@code *!user@host},
     * {@code nick!user} → {@code nick!user@*}; an empty part becomes {@code *}. Null if the mask is empty or its
     * full form is longer than {@link ChatLimits#MAX_MASK_CHARS}.
     */
    public static String normalize(String mask) {
        if (mask == null || mask.isEmpty()) {
            return null;
        }
        int at = mask.indexOf('@');
        int bang = mask.indexOf('!');
        String nick;
        String user;
        String host;
        if (at >= 0) {
            host = mask.substring(at + 1);
            boolean hasNick = bang >= 0 && bang < at;  // a '!' after the '@' is part of the host
            nick = hasNick ? mask.substring(0, bang) : "*";
            user = hasNick ? mask.substring(bang + 1, at) : mask.substring(0, at);
        } else if (bang >= 0) {
            nick = mask.substring(0, bang);
            user = mask.substring(bang + 1);
            host = "*";
        } else {
            nick = mask;
            user = "*";
            host = "*";
        }
        String full = orStar(nick) + "!" + orStar(user) + "@" + orStar(host);
        return full.length() > ChatLimits.MAX_MASK_CHARS ? null : full;
    }

    private static String orStar(String part) {
        return part.isEmpty() ? "*" : part;
    }

    /**
     * Whether {@code mask} matches the whole of {@code subject} (a client's {@link Member#mask()}, or any name): {@code *}
     * any run of characters, {@code ?} exactly one (a code point, not a UTF-16 unit). Greedy with one backtrack point
     * (the last {@code *}), so a mask full of stars costs at most length × length steps.
     */
    public static boolean matches(String mask, String subject) {
        int[] m = folded(mask);
        int[] s = folded(subject);
        int p = 0;
        int i = 0;
        int star = -1;
        int resume = 0;
        while (i < s.length) {
            if (p < m.length && m[p] != '*' && (m[p] == '?' || m[p] == s[i])) {
                p++;
                i++;
            } else if (p < m.length && m[p] == '*') {
                star = p++;
                resume = i;
            } else if (star >= 0) {
                p = star + 1;  // let the last '*' take one more character
                i = ++resume;
            } else {
                return false;
            }
        }
        while (p < m.length && m[p] == '*') {
            p++;
        }
        return p == m.length;
    }

    private static int[] folded(String text) {
        return Casemapping.fold(text).codePoints().toArray();
    }
}
