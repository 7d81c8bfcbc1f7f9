package org.syncnet.chat;

/**
 * A client as others see it at one moment: its connection, its nick's display spelling, and the user and host
 * of its {@link Identity} (IRC's {@code nick!user@host}).
 */
public record Member(ClientId client, String nick, String user, String host) {
    /** {@code nick!user@host}, the source of the client's IRC lines. */
    public String mask() {
        return nick + "!" + user + "@" + host;
    }
}
