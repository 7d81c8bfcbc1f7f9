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
     * Whether {@code mask} matches {@code nickUserHost} (a client's {@link Member#mask()}). Linear backtracking over
     * the last {@code *} only, so a mask full of stars costs at most length × length steps.
     */
    public static boolean matches(String mask, String nickUserHost) {
        int p = 0;
        int s = 0;
        int star = -1;
        int resume = 0;
        while (s < nickUserHost.length()) {
            char pc = p < mask.length() ? mask.charAt(p) : 0;
            if (p < mask.length() && pc != '*'
                    && (pc == '?' || Casemapping.fold(pc) == Casemapping.fold(nickUserHost.charAt(s)))) {
                p++;
                s++;
            } else if (p < mask.length() && pc == '*') {
                star = p++;
                resume = s;
            } else if (star >= 0) {
                p = star + 1;
                s = ++resume;
            } else {
                return false;
            }
        }
        while (p < mask.length() && mask.charAt(p) == '*') {
            p++;
        }
        return p == mask.length();
    }
}
