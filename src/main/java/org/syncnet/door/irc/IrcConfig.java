package org.syncnet.door.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.syncnet.chat.ChatLimits;
import org.syncnet.settings.InvalidSettingException;
import org.syncnet.settings.Settings;

/**
 * The IRC door's settings (MicroProfile Config names below), checked. Durations read like the cluster's
 * ({@code 2.0s}, {@code 2}, {@code 200ms}).
 * <p>
 * The message of the day, {@value #MOTD}: unset gives a short default naming SyncNet and this server
 * ({@value org.syncnet.settings.Settings#SERVER_ID}); {@code none} (or an empty value, where a configuration source
 * keeps one — MicroProfile Config treats an empty value as unset) gives no MOTD, so the session answers 422
 * ERR_NOMOTD; any other text is split into lines at newlines, written either as real line breaks or as the two
 * characters {@code \n} (handy in {@code -D} options and environment variables). {@code |} is not a separator, so
 * ASCII art keeps its bars. Trailing empty lines are dropped; at most {@value #MOTD_MAX_LINES} lines of at most
 * {@value #MOTD_MAX_LINE_BYTES} bytes of UTF-8 each (a 372 RPL_MOTD line must fit IRC's 512 bytes), no NUL.
 *
 * @param port               the client TCP port, or 0 when unset: then {@link #clientPort(int)} derives it
 * @param tlsPort            the client TCP port for IRC over TLS ({@value #TLS_PORT}; by default
 *                           {@value #DEFAULT_TLS_PORT} + WildFly's port offset {@value #PORT_OFFSET}); open only with a
 *                           key store ({@code org.syncnet.tls.TlsConfig})
 * @param maxConnections     IRC connections this server holds at once; one more gets an ERROR and is closed
 * @param pingIdleMillis     a client silent this long gets a PING, and is disconnected ("Ping timeout") if it stays
 *                           silent as long again
 * @param sendQKib           KiB queued for one client that does not read before it is dropped ("SendQ exceeded")
 * @param floodPenaltyMillis what each line a client sends adds to its penalty clock (RFC 1459 §8.10)
 * @param floodWindowMillis  how far ahead of now the penalty clock may run before the client's input is held back
 * @param floodMaxHeldKib    KiB of held-back input beyond which the client is disconnected ("Excess Flood")
 * @param motd               the lines of the message of the day; empty for none
 * @param joinHistoryLines   how many of a room's last messages a client that joins it gets (0: none; at most the
 *                           {@value org.syncnet.chat.ChatLimits#HISTORY_PER_ROOM} a room keeps)
 * @param operators          the server operators (OPER), from {@value IrcOperators#SETTING}
 */
public record IrcConfig(int port, int tlsPort, int maxConnections, long pingIdleMillis, int sendQKib,
                        long floodPenaltyMillis, long floodWindowMillis, int floodMaxHeldKib, List<String> motd,
                        int joinHistoryLines, IrcOperators operators) {
    public static final String PORT = "syncnet.irc.port";
    public static final String TLS_PORT = "syncnet.irc.tls-port";
    /** WildFly's port offset (a system property), which the default TLS port follows like the server's own ports. */
    public static final String PORT_OFFSET = "jboss.socket.binding.port-offset";
    public static final String MAX_CONNECTIONS = "syncnet.irc.max-connections";
    public static final String PING_IDLE = "syncnet.irc.ping-idle";
    public static final String SENDQ_KIB = "syncnet.irc.sendq-kib";
    public static final String FLOOD_PENALTY = "syncnet.irc.flood.penalty";
    public static final String FLOOD_WINDOW = "syncnet.irc.flood.window";
    public static final String FLOOD_MAX_HELD_KIB = "syncnet.irc.flood.max-held-kib";
    public static final String MOTD = "syncnet.irc.motd";
    public static final String JOIN_HISTORY_LINES = "syncnet.irc.join-history-lines";

    /** The client port is the member's cluster UDP port minus this when {@value #PORT} is unset (8020 → 8000). */
    public static final int PORT_BELOW_UDP = 20;
    /** IRC over TLS's port (RFC 7194); plus the port offset, so that each server on one host has its own. */
    public static final int DEFAULT_TLS_PORT = 6697;
    public static final int MOTD_MAX_LINES = 200;
    public static final int MOTD_MAX_LINE_BYTES = 400;
    /**
     * Messages a join replays by default: a screenful, what bouncers and history-keeping networks commonly play back,
     * without making every join of a busy room a flood of old lines.
     */
    public static final int DEFAULT_JOIN_HISTORY_LINES = 20;

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\n|\r|\\\\n");

    public IrcConfig {
        motd = List.copyOf(motd);
    }

    /**
     * Reads and checks every setting; {@code lookup} returns null for an unset one (the default applies).
     *
     * @throws InvalidSettingException naming the first setting that cannot work
     */
    public static IrcConfig fromSettings(Function<String, String> lookup) {
        int port = lookup.apply(PORT) == null ? 0 : Settings.wholeNumber(lookup, PORT, 0, 1, 65535);
        int tlsPort = tlsPort(lookup);
        int maxConnections = Settings.wholeNumber(lookup, MAX_CONNECTIONS, 10_000, 1, 1_000_000);
        // a client must have time to answer a PING
        long pingIdle = Settings.duration(lookup, PING_IDLE, 120_000, 1000);
        // at least 1 MiB: joining a room sends its last messages (up to 4 KiB each) at once; 20 of the longest take
        // about 230 KiB with their line heads, 200 up to 2.3 MiB (docs/clients.md: History on JOIN)
        int sendQKib = Settings.wholeNumber(lookup, SENDQ_KIB, 1024, 1024, 1024 * 1024);
        // RFC 1459's clock with the WebSocket door's pace: a burst of 20 lines, then 5 a second (the RFC's own 2 s
        // and 10 s make a client that joins ten channels wait 20 s)
        long penalty = Settings.duration(lookup, FLOOD_PENALTY, 200, 1);
        long window = Settings.duration(lookup, FLOOD_WINDOW, 4_000, 1);
        if (window < penalty) {  // one line would already put the clock beyond the window: no burst at all
            throw lookup.apply(FLOOD_WINDOW) != null
                    ? new InvalidSettingException(FLOOD_WINDOW, "'" + lookup.apply(FLOOD_WINDOW) + "' is shorter than "
                            + FLOOD_PENALTY + " (" + penalty + " ms)")
                    : new InvalidSettingException(FLOOD_PENALTY, "'" + lookup.apply(FLOOD_PENALTY) + "' is longer than "
                            + FLOOD_WINDOW + " (" + window + " ms)");
        }
        int maxHeldKib = Settings.wholeNumber(lookup, FLOOD_MAX_HELD_KIB, 8, 1, 1024);
        List<String> motd = motd(lookup.apply(MOTD), lookup.apply(Settings.SERVER_ID));
        // the chat state keeps no more than this per room: a larger number could never be honoured
        int joinHistory = Settings.wholeNumber(lookup, JOIN_HISTORY_LINES, DEFAULT_JOIN_HISTORY_LINES, 0,
                ChatLimits.HISTORY_PER_ROOM);
        return new IrcConfig(port, tlsPort, maxConnections, pingIdle, sendQKib, penalty, window, maxHeldKib, motd,
                joinHistory, IrcOperators.parse(lookup.apply(IrcOperators.SETTING)));
    }

    /**
     * The port IRC clients connect to: {@value #PORT} if set, else {@code clusterUdpPort} − {@value #PORT_BELOW_UDP}.
     *
     * @throws InvalidSettingException naming {@value #PORT} if it is unset and the derived number is no port
     */
    public int clientPort(int clusterUdpPort) {
        if (port != 0) {
            return port;
        }
        int derived = clusterUdpPort - PORT_BELOW_UDP;
        if (derived < 1 || derived > 65535) {
            throw new InvalidSettingException(PORT, "not set, and the cluster UDP port " + clusterUdpPort + " minus "
                    + PORT_BELOW_UDP + " is no port; set it");
        }
        return derived;
    }

    /**
     * Checks that the TLS port is not the plain one as well (when both are open).
     *
     * @throws InvalidSettingException naming {@value #TLS_PORT} if it is {@code clientPort}
     */
    public void checkTlsPortBesides(int clientPort) {
        if (tlsPort == clientPort) {
            throw new InvalidSettingException(TLS_PORT, tlsPort + " is the plain IRC port (" + PORT + ") too");
        }
    }

    public int sendQBytes() {
        return sendQKib * 1024;
    }

    public int floodMaxHeldBytes() {
        return floodMaxHeldKib * 1024;
    }

    private static int tlsPort(Function<String, String> lookup) {
        if (lookup.apply(TLS_PORT) != null) {
            return Settings.wholeNumber(lookup, TLS_PORT, 0, 1, 65535);
        }
        String offsetText = lookup.apply(PORT_OFFSET);
        int offset;
        try {
            offset = offsetText == null ? 0 : Integer.parseInt(offsetText.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(PORT_OFFSET, "'" + offsetText + "' is not a whole number");
        }
        int derived = DEFAULT_TLS_PORT + offset;
        if (derived < 1 || derived > 65535) {
            throw new InvalidSettingException(TLS_PORT, "not set, and " + DEFAULT_TLS_PORT + " plus the port offset "
                    + offset + " is no port; set it");
        }
        return derived;
    }

    private static List<String> motd(String text, String serverId) {
        if (text == null) {
            String server = serverId == null || serverId.isBlank() ? "this server" : serverId.strip();
            return List.of("Welcome to SyncNet on " + server + ", a distributed chat server.",
                    "Channels are the same on every server of the cluster and shared with browser users.");
        }
        if (text.isBlank() || text.strip().toLowerCase(Locale.ROOT).equals("none")) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(Arrays.asList(LINE_BREAK.split(text, -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.size() > MOTD_MAX_LINES) {
            throw new InvalidSettingException(MOTD, lines.size() + " lines; at most " + MOTD_MAX_LINES);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.getBytes(StandardCharsets.UTF_8).length > MOTD_MAX_LINE_BYTES) {
                throw new InvalidSettingException(MOTD, "line " + (i + 1) + " is longer than "
                        + MOTD_MAX_LINE_BYTES + " bytes of UTF-8");
            }
            if (line.indexOf('\0') >= 0) {
                throw new InvalidSettingException(MOTD, "line " + (i + 1) + " contains a NUL character");
            }
        }
        return lines;
    }
}
