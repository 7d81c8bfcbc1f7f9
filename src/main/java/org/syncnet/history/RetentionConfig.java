package org.syncnet.history;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.syncnet.settings.InvalidSettingException;
import org.syncnet.settings.Settings;

/**
 * How long the history keeps room messages (MicroProfile Config names below). Only room messages are ever removed:
 * the other events (nicks, joins, parts, topics...) stay, because a restarted server rebuilds its chat state from
 * them.
 *
 * @param maxAgeMillis       messages older than this (by the time the accepting server gave them) are removed; 0 keeps
 *                           them whatever their age
 * @param maxMessagesPerRoom a room keeps its newest this many messages; 0: no limit
 * @param intervalMillis     how long from the end of one cleanup to the start of the next
 */
public record RetentionConfig(long maxAgeMillis, int maxMessagesPerRoom, long intervalMillis) {
    public static final String MAX_AGE = "syncnet.history.max-age";
    public static final String MAX_MESSAGES_PER_ROOM = "syncnet.history.max-messages-per-room";
    public static final String INTERVAL = "syncnet.history.retention-interval";
    /** The longest age one can ask for: a hundred years (far from overflowing the millis). */
    static final long MAX_AGE_DAYS = 36_500;
    static final int MAX_MESSAGES_LIMIT = 1_000_000_000;
    static final long DEFAULT_INTERVAL_MILLIS = 60_000;
    private static final Pattern AGE = Pattern.compile("([0-9]{1,9})([dhms])");

    public RetentionConfig {
        if (maxAgeMillis < 0 || maxMessagesPerRoom < 0 || intervalMillis < 1) {
            throw new IllegalArgumentException("retention: max age " + maxAgeMillis + " ms, max messages "
                    + maxMessagesPerRoom + ", interval " + intervalMillis + " ms");
        }
    }

    /** Keeps everything: the default. */
    public static RetentionConfig keepEverything() {
        return new RetentionConfig(0, 0, DEFAULT_INTERVAL_MILLIS);
    }

    /** Reads and checks every setting; {@code lookup} returns null for an unset one (the default applies). */
    public static RetentionConfig fromSettings(Function<String, String> lookup) {
        String age = lookup.apply(MAX_AGE);
        return new RetentionConfig(
                age == null ? 0 : parseAge(MAX_AGE, age),
                Settings.wholeNumber(lookup, MAX_MESSAGES_PER_ROOM, 0, 0, MAX_MESSAGES_LIMIT),
                // at least a second: a run reads every room's count, which is not free on a large history
                Settings.duration(lookup, INTERVAL, DEFAULT_INTERVAL_MILLIS, 1_000));
    }

    /**
     * An age: {@code 0} (keep forever) or a whole number with its unit, {@code d} days, {@code h} hours, {@code m}
     * minutes or {@code s} seconds ({@code 30d}, {@code 12h}, {@code 90m}), at most {@value #MAX_AGE_DAYS} days.
     *
     * @throws InvalidSettingException naming {@code setting}
     */
    static long parseAge(String setting, String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("0")) {
            return 0;
        }
        Matcher m = AGE.matcher(value);
        if (!m.matches()) {
            throw new InvalidSettingException(setting, "'" + text + "' is not an age like 30d, 12h, 90m or 45s"
                    + " (or 0: keep forever)");
        }
        long n = Long.parseLong(m.group(1));
        TimeUnit unit = switch (m.group(2)) {
            case "d" -> TimeUnit.DAYS;
            case "h" -> TimeUnit.HOURS;
            case "m" -> TimeUnit.MINUTES;
            default -> TimeUnit.SECONDS;
        };
        if (n == 0 || unit.toDays(n) > MAX_AGE_DAYS) {
            throw new InvalidSettingException(setting, "'" + text + "' must be more than 0 and at most "
                    + MAX_AGE_DAYS + "d (0 alone: keep forever)");
        }
        return unit.toMillis(n);
    }

    /** Whether no limit is set: then no cleanup runs. */
    public boolean keepsEverything() {
        return maxAgeMillis == 0 && maxMessagesPerRoom == 0;
    }

    public boolean limitsAge() {
        return maxAgeMillis > 0;
    }

    public boolean limitsCount() {
        return maxMessagesPerRoom > 0;
    }

    /** The max age as the setting spells it, in its largest whole unit ({@code 30d}, {@code 36h}); "0" for none. */
    public String maxAgeText() {
        return ageText(maxAgeMillis);
    }

    static String ageText(long millis) {
        if (millis == 0) {
            return "0";
        }
        for (TimeUnit unit : new TimeUnit[] {TimeUnit.DAYS, TimeUnit.HOURS, TimeUnit.MINUTES, TimeUnit.SECONDS}) {
            long one = unit.toMillis(1);
            if (millis % one == 0) {
                return millis / one + switch (unit) {
                    case DAYS -> "d";
                    case HOURS -> "h";
                    case MINUTES -> "m";
                    default -> "s";
                };
            }
        }
        return millis + "ms";
    }

    /** Messages older than what, at {@code nowMillis}: the time below which a message is too old. */
    public long cutoffMillis(long nowMillis) {
        return limitsAge() ? nowMillis - maxAgeMillis : Long.MIN_VALUE;
    }

    @Override
    public String toString() {
        return "max age " + (limitsAge() ? maxAgeText() : "none") + ", max messages per room "
                + (limitsCount() ? maxMessagesPerRoom : "none") + ", every " + intervalMillis / 1000.0 + " s";
    }
}
