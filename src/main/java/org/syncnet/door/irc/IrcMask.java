package org.syncnet.door.irc;

import org.syncnet.chat.BanMask;

/**
 * IRC's wildcard masks, as WHO and server targets use them: {@code *} matches any run of characters (none
 * included), {@code ?} exactly one; everything else matches itself under the {@code rfc1459} casemapping the server
 * announces, so {@code WHO Bob*} finds {@code bob_} as {@code WHO bob_} does. No escapes: nicks, user names, hosts
 * and server names cannot hold {@code *} or {@code ?}, so nobody needs to match them literally.
 */
final class IrcMask {
    private final String mask;

    IrcMask(String mask) {
        this.mask = mask;
    }

    /** Whether {@code s} holds a wildcard, i.e. is a mask rather than a name. */
    static boolean hasWildcards(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    /** Whether the whole of {@code subject} matches: the matching of the chat's ban masks, which is the same. */
    boolean matches(String subject) {
        return BanMask.matches(mask, subject);
    }
}
