package org.syncnet.settings;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the cluster settings, shared by the validation (which names them in errors) and the shell; and the
 * reading of whole-number, true/false and duration settings, which the chat's, the history's and the IRC door's
 * settings share.
 */
public final class Settings {
    public static final String SERVER_ID = "syncnet.server.id";
    public static final String MEMBERS = "syncnet.cluster.members";
    public static final String HEARTBEAT_INTERVAL = "syncnet.cluster.heartbeat-interval";
    public static final String FAILURE_TIMEOUT = "syncnet.cluster.failure-timeout";
    public static final String QUORUM = "syncnet.cluster.quorum";
    public static final String SECRET = "syncnet.cluster.secret";
    public static final String RECEIVE_LINGER = "syncnet.cluster.receive-linger-us";
    /** Whether the log and the history are forced to disk at every commit (see ClusterSettings#fsync). */
    public static final String FSYNC = "syncnet.fsync";

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

    private Settings() {
    }

    /**
     * A whole-number setting from {@code min} to {@code max}; {@code lookup} returns null for an unset one (then
     * {@code fallback}).
     *
     * @throws InvalidSettingException naming the setting
     */
    public static int wholeNumber(Function<String, String> lookup, String name, int fallback, int min, int max) {
        String text = lookup.apply(name);
        if (text == null) {
            return fallback;
        }
        String value = text.strip();
        if (!NUMBER.matcher(value).matches() || Integer.parseInt(value) < min || Integer.parseInt(value) > max) {
            throw new InvalidSettingException(name, "'" + text + "' is not a whole number from " + min + " to " + max);
        }
        return Integer.parseInt(value);
    }

    /**
     * A true/false setting; {@code lookup} returns null for an unset one (then {@code fallback}).
     *
     * @throws InvalidSettingException naming the setting
     */
    public static boolean flag(Function<String, String> lookup, String name, boolean fallback) {
        String text = lookup.apply(name);
        if (text == null) {
            return fallback;
        }
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingException(name, "'" + text + "' is neither true nor false");
        };
    }

    /**
     * A duration setting as {@link #parseMillis} reads it, at least {@code minMillis}; {@code lookup}
     * returns null for an unset one (then {@code fallback}).
     *
     * @throws InvalidSettingException naming the setting
     */
    public static long duration(Function<String, String> lookup, String name, long fallback, long minMillis) {
        String text = lookup.apply(name);
        if (text == null) {
            return fallback;
        }
        long millis = parseMillis(name, text);
        if (millis < minMillis) {
            throw new InvalidSettingException(name, "'" + text + "' is shorter than " + minMillis + " ms");
        }
        return millis;
    }

    /**
     * Durations are seconds ("2.0", "2.0s") or milliseconds ("200ms"), positive and at most one hour; public so that
     * every SyncNet setting that is a duration reads alike.
     *
     * @throws InvalidSettingException naming {@code setting} if {@code text} is null, blank or not such a duration
     */
    public static long parseMillis(String setting, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidSettingException(setting, "not set");
        }
        // Double.parseDouble alone would also take "NaN", "1e3", "0x1p1" and "2.0d".
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidSettingException(setting, "'" + text + "' is not a duration like 2.0s or 200ms");
        }
        double number = Double.parseDouble(m.group(1));
        double millis = "ms".equals(m.group(2)) ? number : number * 1000.0;
        if (!(millis > 0) || millis > 3_600_000) {
            throw new InvalidSettingException(setting, "'" + text + "' must be positive and at most one hour");
        }
        return Math.round(millis);
    }

    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)\\s*(ms|s)?");
}
