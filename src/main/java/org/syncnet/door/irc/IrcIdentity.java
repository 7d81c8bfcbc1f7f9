package org.syncnet.door.irc;

import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.Identity;

/**
 * The {@link Identity} an IRC client registers with, made from what it sent: {@code ~} and USER's user name (no
 * ident check vouches for it, so it carries the tilde as on other networks), the client's address as the glue
 * reports it, and USER's real name. Clients send anything; this makes it valid instead of refusing the client.
 */
final class IrcIdentity {
    private static final String UNKNOWN_HOST = "unknown";

    private IrcIdentity() {
    }

    /**
     * @param username USER's first parameter: characters {@link ChatLimits#isValidUser} refuses are dropped and it
     *                 is cut so {@code ~} and it fit {@link ChatLimits#MAX_USER_CHARS}; if nothing is left, the nick
     */
    static Identity of(String username, String nick, String host, String realname) {
        String user = userPart(username);
        if (user.isEmpty()) {
            user = userPart(nick);
        }
        return new Identity("~" + user, host, IrcText.clean(realname, ChatLimits.MAX_REALNAME_BYTES));
    }

    private static String userPart(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < ChatLimits.MAX_USER_CHARS - 1; i++) {
            char c = s.charAt(i);
            if (c > ' ' && c < 0x7F && c != '!' && c != '@') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The host part of the client's mask: its address as given, an IPv6 address starting with ':' written with a
     * leading '0' ({@code ::1} → {@code 0::1}: a parameter starting with ':' would be read as the trailing one);
     * characters a host cannot hold become '-', and a host too long for the chat is cut.
     */
    static String host(String clientHost) {
        if (clientHost == null || clientHost.isEmpty()) {
            return UNKNOWN_HOST;
        }
        String h = clientHost.startsWith(":") ? "0" + clientHost : clientHost;
        StringBuilder b = new StringBuilder(h.length());
        for (int i = 0; i < h.length() && b.length() < ChatLimits.MAX_HOST_CHARS; i++) {
            char c = h.charAt(i);
            b.append(c > ' ' && c < 0x7F && c != '!' && c != '@' ? c : '-');
        }
        String result = b.toString();
        return ChatLimits.isValidHost(result) ? result : UNKNOWN_HOST;
    }
}
