package org.syncnet.chat;

import java.util.Objects;

/**
 * Who a client says it is beyond its nick, as IRC shows it: {@code nick!user@host} on every line it causes, and the
 * real name in WHOIS and WHO. Chosen by the client's server when the client registers (IRC: USER's user name with a
 * '~', as no ident check vouches for it, and the client's address; browser: {@link #WEB_USER} at its server).
 */
public record Identity(String user, String host, String realname) {
    public static final String WEB_USER = "web";

    public Identity {
        if (!ChatLimits.isValidUser(user) || !ChatLimits.isValidHost(host) || !ChatLimits.isValidRealname(realname)) {
            throw new IllegalArgumentException("invalid identity " + user + "@" + host);
        }
    }
}
