package org.syncnet.door.irc;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * How one SyncNet server presents itself to IRC clients: its name as IRC shows it (the source of every numeric),
 * the network name, version and creation text of the welcome burst, the message of the day, the IRC name of any
 * cluster server, so WHO and WHOIS can say which server a user is connected to, and the servers configured in the
 * cluster (LUSERS counts them; TIME and WHOIS accept their names as targets). Built by the glue from its settings;
 * everything is checked here once, because these strings go into every client's lines unescaped. All plain values
 * but {@link #peaks}, the door's one shared counter.
 *
 * @param name        this server's IRC name, host-like ({@code server1.syncnet})
 * @param network     the network's name, one token ({@code SyncNet})
 * @param version     one token ({@code syncnet-0.1.0})
 * @param created     free text for 003 ("This server was created ...")
 * @param motd        the message of the day, one entry a line; empty: no MOTD (422)
 * @param serverNames the IRC name of a cluster server id; a result that is not host-like falls back to
 *                    {@link #ircName(String)}
 * @param clusterServers the ids of the servers configured in the cluster (this one included), in ring order
 * @param peaks       the most users this door has seen at once (LUSERS 265/266), shared by all its sessions
 */
public record IrcServerInfo(String name, String network, String version, String created, List<String> motd,
                            Function<String, String> serverNames, List<String> clusterServers, UserPeaks peaks) {
    public static final String NETWORK = "SyncNet";
    /** The domain {@link #ircName(String)} puts a cluster server id under. */
    public static final String DOMAIN = "syncnet";
    private static final int MAX_NAME_CHARS = 63;

    public IrcServerInfo {
        require(isHostLike(name), "server name", name);
        require(isToken(network), "network", network);
        require(isToken(version), "version", version);
        require(isLine(created), "creation text", created);
        motd = List.copyOf(motd);
        for (String line : motd) {
            require(isLine(line), "MOTD line", line);
        }
        Objects.requireNonNull(serverNames, "serverNames");
        clusterServers = List.copyOf(clusterServers);
        require(!clusterServers.isEmpty(), "cluster", "no servers");
        Objects.requireNonNull(peaks, "peaks");
    }

    /**
     * The usual presentation of cluster server {@code clusterServerId} in a cluster of {@code clusterServerIds}:
     * named {@link #ircName(String)}, network {@value #NETWORK}, every other server named the same way.
     */
    public static IrcServerInfo forCluster(String clusterServerId, List<String> clusterServerIds, String version,
                                           String created, List<String> motd) {
        if (!clusterServerIds.contains(clusterServerId)) {
            throw new IllegalArgumentException(clusterServerId + " is not one of the cluster's " + clusterServerIds);
        }
        return new IrcServerInfo(ircName(clusterServerId), NETWORK, version, created, motd, IrcServerInfo::ircName,
                clusterServerIds, new UserPeaks());
    }

    /** As {@link #forCluster}, for a cluster of this one server (tests, and a server that knows no peers). */
    public static IrcServerInfo forServer(String clusterServerId, String version, String created, List<String> motd) {
        return forCluster(clusterServerId, List.of(clusterServerId), version, created, motd);
    }

    /** How many servers the cluster is configured with, whether they are up or not. */
    public int clusterSize() {
        return clusterServers.size();
    }

    /**
     * Whether {@code target} (a name or a wildcard mask, any case) names this server or another of the cluster, as the
     * optional server parameter of TIME and WHOIS may.
     */
    public boolean namesClusterServer(String target) {
        IrcMask mask = new IrcMask(target);
        if (mask.matches(name)) {
            return true;
        }
        for (String id : clusterServers) {
            if (mask.matches(ircNameOf(id))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A cluster server id as a host-like IRC server name: {@code server1} → {@code server1.syncnet}. ASCII letters
     * (lower-cased), digits, '-' and '.' stay, anything else becomes '-'; at most 63 characters before the domain.
     */
    public static String ircName(String clusterServerId) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < clusterServerId.length() && b.length() < MAX_NAME_CHARS; i++) {
            char c = Character.toLowerCase(clusterServerId.charAt(i));
            boolean keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
            b.append(keep ? c : '-');
        }
        while (b.length() > 0 && (b.charAt(0) == '.' || b.charAt(0) == '-')) {
            b.deleteCharAt(0);
        }
        while (b.length() > 0 && (b.charAt(b.length() - 1) == '.' || b.charAt(b.length() - 1) == '-')) {
            b.deleteCharAt(b.length() - 1);
        }
        return (b.length() == 0 ? "server" : b) + "." + DOMAIN;
    }

    /** The IRC name of the cluster server a client is connected to (WHO, WHOIS 312). */
    public String ircNameOf(String clusterServerId) {
        String n = serverNames.apply(clusterServerId);
        return isHostLike(n) ? n : ircName(clusterServerId);
    }

    static boolean isHostLike(String s) {
        if (s == null || s.isEmpty() || s.length() > 255 || s.charAt(0) == '-' || s.charAt(0) == '.') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isToken(String s) {
        if (s == null || s.isEmpty() || s.charAt(0) == ':') {
            return false;
        }
        return s.chars().allMatch(c -> c > ' ' && c != 0x7F);
    }

    private static boolean isLine(String s) {
        return s != null && s.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0);
    }

    private static void require(boolean ok, String what, String value) {
        if (!ok) {
            throw new IllegalArgumentException("invalid IRC " + what + ": " + value);
        }
    }
}
