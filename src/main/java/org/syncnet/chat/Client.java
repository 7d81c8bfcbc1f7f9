package org.syncnet.chat;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A registered connection in {@link ChatState}: its nick, the identity it registered with, its away message, user
 * modes, rooms and account. {@link ClientRegistry} indexes it; {@link RoomRegistry} keeps {@link #rooms} in step
 * with the rooms' members.
 */
final class Client {
    /** Changes on a resume: the nick moves to the new connection. */
    ClientId id;
    String nick;
    final String session;
    final Identity identity;
    /** Empty: not away. */
    String away = "";
    /** Folded room names, in join order. */
    final Set<String> rooms = new LinkedHashSet<>();
    /** User mode {@code o}. */
    boolean oper;
    /** User mode {@code i}: only recorded (doors count and hide invisible clients). */
    boolean invisible;
    /** User mode {@code w}: receives WALLOPS. */
    boolean wallops;
    /** The display name of the account it is logged in to; empty: none. */
    String account = "";

    Client(ClientId id, String nick, String session, Identity identity) {
        this.id = id;
        this.nick = nick;
        this.session = session;
        this.identity = identity;
    }

    boolean loggedIn() {
        return !account.isEmpty();
    }

    Member member() {
        return new Member(id, nick, identity.user(), identity.host(), account);
    }

    /** The user modes set, sorted. */
    String modes() {
        return (invisible ? "i" : "") + (oper ? "o" : "") + (wallops ? "w" : "");
    }

    WhowasEntry whowas() {
        return new WhowasEntry(nick, identity.user(), identity.host(), identity.realname(), id.server());
    }
}
