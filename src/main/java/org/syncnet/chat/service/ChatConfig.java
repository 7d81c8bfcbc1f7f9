package org.syncnet.chat.service;

import java.util.function.Function;
import org.syncnet.settings.InvalidSettingException;
import org.syncnet.settings.Settings;

/**
 * The per-server chat limits (MicroProfile Config names below). The limits every server must share — message size,
 * nick and room syntax, rooms, history per room — are protocol constants in {@link org.syncnet.chat.ChatLimits}.
 *
 * @param rateBurst         frames a connection may send at once
 * @param ratePerSecond     frames per second a connection may send on average
 * @param outboundQueueKib  characters (KiB) queued for one slow connection before it is dropped as too slow
 * @param maxConnections    WebSocket connections this server accepts at once
 * @param pingIntervalMillis how often each WebSocket connection gets a ping: a browser answers it with a pong, which
 *                          keeps a client that only reads from WildFly's read timeout (90 s: the HTTP listener closes
 *                          a connection it could read nothing from for that long, a silent dead client included)
 * @param replyTimeoutMillis how long a client's command may wait for the log before the client gets an error for it
 *                          and its later commands' replies go out (see {@code ReplyOrder}); longer than a failover
 * @param flushLingerMicros how long the applier waits for one more committed event before it writes what it
 *                          gathered; 0 writes as soon as none waits (see {@code OrderedWorker})
 * @param snapshotInterval  applied events between two snapshots of the chat state in the data folder (0: none; a
 *                          start then replays the whole stored history)
 */
public record ChatConfig(int rateBurst, int ratePerSecond, int outboundQueueKib, int maxConnections,
                         long pingIntervalMillis, long replyTimeoutMillis, int flushLingerMicros,
                         int snapshotInterval) {
    public static final String RATE_BURST = "syncnet.chat.rate.burst";
    public static final String RATE_PER_SECOND = "syncnet.chat.rate.per-second";
    public static final String OUTBOUND_QUEUE_KIB = "syncnet.chat.outbound-queue-kib";
    public static final String MAX_CONNECTIONS = "syncnet.chat.max-connections";
    public static final String PING_INTERVAL = "syncnet.chat.ping-interval";
    public static final String REPLY_TIMEOUT = "syncnet.chat.reply-timeout";
    public static final String FLUSH_LINGER = "syncnet.chat.flush-linger-us";
    public static final String SNAPSHOT_INTERVAL = "syncnet.chat.snapshot-interval";
    /** Fewer events between snapshots would spend more on snapshots than a start saves. */
    static final int MIN_SNAPSHOT_INTERVAL = 1_000;
    /** Below the HTTP listener's read timeout (90 s), with room for a pong that is late. */
    static final long MAX_PING_INTERVAL_MILLIS = 60_000;

    /** Reads and checks every setting; {@code lookup} returns null for an unset one (the default applies). */
    public static ChatConfig fromSettings(Function<String, String> lookup) {
        return new ChatConfig(
                Settings.wholeNumber(lookup, RATE_BURST, 20, 1, 100_000),
                Settings.wholeNumber(lookup, RATE_PER_SECOND, 5, 1, 100_000),
                // at least 1 MiB: one history frame (200 messages of up to 4 KiB) must fit
                Settings.wholeNumber(lookup, OUTBOUND_QUEUE_KIB, 4096, 1024, 1024 * 1024),
                Settings.wholeNumber(lookup, MAX_CONNECTIONS, 10_000, 1, 1_000_000),
                pingInterval(lookup),
                Settings.duration(lookup, REPLY_TIMEOUT, 10_000, 1_000),
                Settings.wholeNumber(lookup, FLUSH_LINGER, 0, 0, 5_000),
                snapshotInterval(lookup));
    }

    private static int snapshotInterval(Function<String, String> lookup) {
        int events = Settings.wholeNumber(lookup, SNAPSHOT_INTERVAL, 10_000, 0, 100_000_000);
        if (events > 0 && events < MIN_SNAPSHOT_INTERVAL) {
            throw new InvalidSettingException(SNAPSHOT_INTERVAL, "'" + lookup.apply(SNAPSHOT_INTERVAL) + "' is below "
                    + MIN_SNAPSHOT_INTERVAL + " events (0: no snapshots)");
        }
        return events;
    }

    private static long pingInterval(Function<String, String> lookup) {
        long millis = Settings.duration(lookup, PING_INTERVAL, 30_000, 100);
        if (millis > MAX_PING_INTERVAL_MILLIS) {
            throw new InvalidSettingException(PING_INTERVAL, "'" + lookup.apply(PING_INTERVAL) + "' is longer than "
                    + MAX_PING_INTERVAL_MILLIS / 1000 + " s: the HTTP listener closes a connection silent for 90 s");
        }
        return millis;
    }
}
