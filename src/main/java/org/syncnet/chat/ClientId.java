package org.syncnet.chat;

import java.util.Objects;

/**
 * One client connection, unique across the cluster and over time: the server it is connected to and a connection
 * number that server never reuses, not even after a restart (the server seeds it from its incarnation), because a
 * returning server's new connections must not be mistaken for clients the log still lists from before.
 */
public record ClientId(String server, long connection) implements Comparable<ClientId> {
    public ClientId {
        Objects.requireNonNull(server, "server");
        if (!isValidServer(server) || connection < 0) {
            throw new IllegalArgumentException("bad client id " + server + "/" + connection);
        }
    }

    /** A server id as the cluster names it: 1 to 64 bytes of well-formed UTF-8 (the cluster wire's limit). */
    public static boolean isValidServer(String server) {
        int bytes = server == null ? -1 : ChatLimits.utf8Length(server);
        return bytes >= 1 && bytes <= ChatEventCodec.MAX_SERVER_BYTES;
    }

    @Override
    public int compareTo(ClientId o) {
        int c = server.compareTo(o.server);
        return c != 0 ? c : Long.compare(connection, o.connection);
    }

    // Written out: the servers run C1 only, where a record's generated equals and hashCode (method handles) are
    // slower; a client id is the key of the chat's maps, looked up for every delivery.
    @Override
    public boolean equals(Object o) {
        return o instanceof ClientId c && connection == c.connection && server.equals(c.server);
    }

    @Override
    public int hashCode() {
        return 31 * server.hashCode() + Long.hashCode(connection);
    }

    @Override
    public String toString() {
        return server + "/" + connection;
    }
}
