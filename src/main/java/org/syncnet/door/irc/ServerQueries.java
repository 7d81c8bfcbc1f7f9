package org.syncnet.door.irc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.syncnet.door.irc.wire.IrcMessage;

/**
 * TIME and INFO: about the server itself, answered without the chat state. The session has no clock, so TIME tells
 * the time the glue passes in with the command.
 */
final class ServerQueries {
    /** The human-readable time of 391, in UTC so every server of the cluster writes it alike. */
    private static final DateTimeFormatter HUMAN_TIME = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final IrcServerInfo server;
    private final Replies replies;

    ServerQueries(IrcServerInfo server, Replies replies) {
        this.server = server;
        this.replies = replies;
    }

    /**
     * {@code TIME [server]}: 391 {@code <server> <unix seconds> :<human-readable UTC time>}, or 402 for a target that
     * names no server of the cluster. The door cannot pass the query on to another server, so a target naming another
     * cluster server is answered here too, under this server's name: the reply says whose clock it read.
     */
    List<IrcMessage> time(IrcMessage m, long nowMillis) {
        String target = m.param(0);
        if (target != null && !target.isEmpty() && !server.namesClusterServer(target)) {
            return List.of(replies.standard(IrcNumeric.ERR_NOSUCHSERVER, target));
        }
        return List.of(replies.numeric(IrcNumeric.RPL_TIME, server.name(),
                String.valueOf(Math.floorDiv(nowMillis, 1000)), HUMAN_TIME.format(Instant.ofEpochMilli(nowMillis))));
    }

    /** {@code INFO}: a few 371 lines on the software and the cluster, then 374. Parameters are ignored. */
    List<IrcMessage> info() {
        int servers = server.clusterSize();
        List<String> lines = List.of(
                server.version() + ": SyncNet, a distributed, fault-tolerant chat server",
                server.name() + (servers == 1 ? " is the only server" : " is one of the " + servers + " servers")
                        + " of this " + server.network() + " cluster.",
                "Every chat event takes its place in one totally ordered log that every server applies,",
                "so all servers show the same rooms, nicks and messages.",
                "IRC clients and browsers chat in the same rooms, whichever server they are connected to.");
        List<IrcMessage> out = new ArrayList<>(lines.size() + 1);
        for (String line : lines) {
            out.add(replies.numeric(IrcNumeric.RPL_INFO, line));
        }
        out.add(replies.standard(IrcNumeric.RPL_ENDOFINFO));
        return out;
    }
}
