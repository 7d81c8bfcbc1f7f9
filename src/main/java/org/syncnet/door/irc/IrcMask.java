package org.syncnet.door.irc;

import org.syncnet.chat.Casemapping;

/**
 * IRC's wildcard masks, as WHO and server targets use them: {@code *} matches any run of characters (none
 * included), {@code ?} exactly one; everything else matches itself under the {@code rfc1459} casemapping the server
 * announces, so {@code WHO Bob*} finds {@code bob_} as {@code WHO bob_} does. No escapes: nicks, user names, hosts
 * and server names cannot hold {@code *} or {@code ?}, so nobody needs to match them literally.
 */
final class IrcMask {
    private final int[] mask;

    IrcMask(String mask) {
        this.mask = Casemapping.fold(mask).codePoints().toArray();
    }

    /** Whether {@code s} holds a wildcard, i.e. is a mask rather than a name. */
    static boolean hasWildcards(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    /**
     * Whether the whole of {@code subject} matches. Greedy with one backtrack point (the last {@code *}): linear
     * for the masks clients send, at worst mask × subject, both bounded by an IRC line.
     */
    boolean matches(String subject) {
        int[] s = Casemapping.fold(subject).codePoints().toArray();
        int m = 0;
        int i = 0;
        int star = -1;
        int starAt = 0;
        while (i < s.length) {
            if (m < mask.length && (mask[m] == '?' || mask[m] == s[i])) {
                m++;
                i++;
            } else if (m < mask.length && mask[m] == '*') {
                star = m++;
                starAt = i;
            } else if (star >= 0) {
                m = star + 1;  // let the last '*' take one more character
                i = ++starAt;
            } else {
                return false;
            }
        }
        while (m < mask.length && mask[m] == '*') {
            m++;
        }
        return m == mask.length;
    }
}
