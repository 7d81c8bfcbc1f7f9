package org.syncnet.chat.service;

import java.util.function.Function;
import org.syncnet.cluster.Settings;

/**
 * The per-server chat limits (MicroProfile Config names below). The limits every server must share — message size,
 * nick and room syntax, rooms, history per room — are protocol constants in {@link org.syncnet.chat.ChatLimits}.
 *
 * @param rateBurst         frames a connection may send at once
 * @param ratePerSecond     frames per second a connection may send on average
 * @param outboundQueueKib  characters (KiB) queued for one slow connection before it is dropped as too slow
 * @param maxConnections    WebSocket connections this server accepts at once
 */
public record ChatConfig(int rateBurst, int ratePerSecond, int outboundQueueKib, int maxConnections) {
    public static final String RATE_BURST = "syncnet.chat.rate.burst";
    public static final String RATE_PER_SECOND = "syncnet.chat.rate.per-second";
    public static final String OUTBOUND_QUEUE_KIB = "syncnet.chat.outbound-queue-kib";
    public static final String MAX_CONNECTIONS = "syncnet.chat.max-connections";


    /** Reads and checks every setting; {@code lookup} returns null for an unset one (the default applies). */
    public static ChatConfig fromSettings(Function<String, String> lookup) {
        return new ChatConfig(
                Settings.wholeNumber(lookup, RATE_BURST, 20, 1, 100_000),
                Settings.wholeNumber(lookup, RATE_PER_SECOND, 5, 1, 100_000),
                // at least 1 MiB: one history frame (200 messages of up to 4 KiB) must fit
                Settings.wholeNumber(lookup, OUTBOUND_QUEUE_KIB, 4096, 1024, 1024 * 1024),
                Settings.wholeNumber(lookup, MAX_CONNECTIONS, 10_000, 1, 1_000_000));
    }

}
