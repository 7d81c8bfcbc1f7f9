package org.syncnet.chat;

/**
 * A client as others see it at one moment: its connection, its nick's display spelling, the user and host of its
 * {@link Identity} (IRC's {@code nick!user@host}), and the account it is logged in to (empty: none).
 */
public record Member(ClientId client, String nick, String user, String host, String account) {
    /** A member logged in to no account. */
    public Member(ClientId client, String nick, String user, String host) {
        this(client, nick, user, host, "");
    }

    public boolean loggedIn() {
        return !account.isEmpty();
    }

    /** {@code nick!user@host}, the source of the client's IRC lines. */
    public String mask() {
        return nick + "!" + user + "@" + host;
    }
}
