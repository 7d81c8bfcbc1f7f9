package org.syncnet.chat;

/** A nick that went away, as WHOWAS shows it: its {@code nick!user@host}, real name and the server it was on. */
public record WhowasEntry(String nick, String user, String host, String realname, String server) {
}
