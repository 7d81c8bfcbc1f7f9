package org.syncnet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncnet.settings.InvalidSettingException;

class RetentionConfigTest {
    private static final long DAY = 86_400_000L;

    private static RetentionConfig read(Map<String, String> settings) {
        return RetentionConfig.fromSettings(settings::get);
    }

    private static void assertInvalid(String name, String value, String detail) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(Map.of(name, value)),
                name + "=" + value);
        assertEquals(name, e.setting());
        assertTrue(e.getMessage().contains("Invalid setting " + name) && e.getMessage().contains(detail),
                e.getMessage());
    }

    @Test
    void byDefaultEverythingIsKept() {
        RetentionConfig c = read(Map.of());
        assertEquals(new RetentionConfig(0, 0, 60_000), c);
        assertEquals(RetentionConfig.keepEverything(), c);
        assertTrue(c.keepsEverything());
        assertFalse(c.limitsAge());
        assertFalse(c.limitsCount());
        assertEquals(Long.MIN_VALUE, c.cutoffMillis(1_000), "no message is too old");
    }

    @Test
    void agesTakeDaysHoursMinutesOrSecondsAndZeroKeepsForever() {
        assertEquals(30 * DAY, read(Map.of(RetentionConfig.MAX_AGE, "30d")).maxAgeMillis());
        assertEquals(12 * 3_600_000L, read(Map.of(RetentionConfig.MAX_AGE, " 12H ")).maxAgeMillis());
        assertEquals(90 * 60_000L, read(Map.of(RetentionConfig.MAX_AGE, "90m")).maxAgeMillis());
        assertEquals(45_000L, read(Map.of(RetentionConfig.MAX_AGE, "45s")).maxAgeMillis());
        assertEquals(36_500 * DAY, read(Map.of(RetentionConfig.MAX_AGE, "36500d")).maxAgeMillis());
        RetentionConfig forever = read(Map.of(RetentionConfig.MAX_AGE, "0"));
        assertTrue(forever.keepsEverything());
        assertEquals("0", forever.maxAgeText());
    }

    @Test
    void setLimitsAreRead() {
        RetentionConfig c = read(Map.of(RetentionConfig.MAX_AGE, "30d", RetentionConfig.MAX_MESSAGES_PER_ROOM,
                " 10000 ", RetentionConfig.INTERVAL, "5s"));
        assertEquals(new RetentionConfig(30 * DAY, 10_000, 5_000), c);
        assertFalse(c.keepsEverything());
        assertEquals(1_000 * DAY - 30 * DAY, c.cutoffMillis(1_000 * DAY), "messages before this are too old");
        assertEquals("max age 30d, max messages per room 10000, every 5.0 s", c.toString());
        assertFalse(read(Map.of(RetentionConfig.MAX_MESSAGES_PER_ROOM, "1")).keepsEverything());
        assertEquals(1_000, read(Map.of(RetentionConfig.INTERVAL, "1000ms")).intervalMillis());
    }

    @Test
    void anAgeIsSpelledInItsLargestWholeUnit() {
        assertEquals("30d", RetentionConfig.ageText(30 * DAY));
        assertEquals("36h", RetentionConfig.ageText(36 * 3_600_000L));
        assertEquals("90m", RetentionConfig.ageText(90 * 60_000L));
        assertEquals("61s", RetentionConfig.ageText(61_000));
        assertEquals("1500ms", RetentionConfig.ageText(1_500));
    }

    @Test
    void invalidValuesNameTheirSetting() {
        assertInvalid(RetentionConfig.MAX_AGE, "30", "not an age like 30d, 12h, 90m or 45s");
        assertInvalid(RetentionConfig.MAX_AGE, "30 d", "not an age");
        assertInvalid(RetentionConfig.MAX_AGE, "1.5d", "not an age");
        assertInvalid(RetentionConfig.MAX_AGE, "-1d", "not an age");
        assertInvalid(RetentionConfig.MAX_AGE, "2w", "not an age");
        assertInvalid(RetentionConfig.MAX_AGE, "", "not an age");
        assertInvalid(RetentionConfig.MAX_AGE, "forever", "not an age");
        assertInvalid(RetentionConfig.MAX_AGE, "0d", "more than 0 and at most 36500d");
        assertInvalid(RetentionConfig.MAX_AGE, "36501d", "more than 0 and at most 36500d");
        assertInvalid(RetentionConfig.MAX_AGE, "999999999h", "more than 0 and at most 36500d");
        assertInvalid(RetentionConfig.MAX_AGE, "9999999999d", "not an age");
        assertInvalid(RetentionConfig.MAX_MESSAGES_PER_ROOM, "-1", "from 0 to 1000000000");
        assertInvalid(RetentionConfig.MAX_MESSAGES_PER_ROOM, "lots", "from 0 to 1000000000");
        assertInvalid(RetentionConfig.MAX_MESSAGES_PER_ROOM, "1000000001", "from 0 to 1000000000");
        assertInvalid(RetentionConfig.INTERVAL, "500ms", "shorter than 1000 ms");
        assertInvalid(RetentionConfig.INTERVAL, "2h", "not a duration");
        assertInvalid(RetentionConfig.INTERVAL, "7200s", "at most one hour");
    }
}
