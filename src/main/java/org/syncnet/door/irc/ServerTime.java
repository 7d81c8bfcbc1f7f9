package org.syncnet.door.irc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The IRCv3 {@code server-time} tag of a message: {@code time=2026-11-27T10:00:00.000Z}, the chat's time stamp in
 * UTC with milliseconds. Every recipient of one message asks for the same time, one after the other, so the last
 * tag made is kept and handed out again: a room message costs one formatting, not one per recipient.
 */
final class ServerTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The last tag made; immutable, so a racing reader sees a whole one. */
    private static volatile Stamp last;

    private record Stamp(long millis, Map<String, String> tags) {
    }

    private ServerTime() {
    }

    /** {@code {time=...}} for a message stamped {@code millis} (ms since 1970). */
    static Map<String, String> tags(long millis) {
        Stamp s = last;
        if (s == null || s.millis != millis) {
            s = new Stamp(millis, Map.of("time", format(millis)));
            last = s;
        }
        return s.tags;
    }

    /** {@code 2026-11-27T10:00:00.000Z}. */
    static String format(long millis) {
        return FORMAT.format(Instant.ofEpochMilli(millis));
    }
}
