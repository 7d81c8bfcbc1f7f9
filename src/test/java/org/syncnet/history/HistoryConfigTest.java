package org.syncnet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncnet.settings.InvalidSettingException;

class HistoryConfigTest {
    private static HistoryConfig read(Map<String, String> settings) {
        return HistoryConfig.fromSettings(settings::get);
    }

    private static void assertInvalid(String name, String value, String detail) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(Map.of(name, value)),
                name + "=" + value);
        assertEquals(name, e.setting());
        assertTrue(e.getMessage().contains("Invalid setting " + name) && e.getMessage().contains(detail),
                e.getMessage());
    }

    @Test
    void unsetSettingsTakeTheDefaults() {
        HistoryConfig c = read(Map.of());
        assertEquals(new HistoryConfig(true, 500, 32 * 1024), c);
        assertEquals(32L * 1024 * 1024, c.queueBytes());
    }

    @Test
    void setSettingsAreRead() {
        assertEquals(new HistoryConfig(false, 1, 1024), read(Map.of(HistoryConfig.ENABLED, " FALSE ",
                HistoryConfig.BATCH_SIZE, "1", HistoryConfig.QUEUE_KIB, "1024")));
        assertEquals(new HistoryConfig(true, 10_000, 1024 * 1024), read(Map.of(HistoryConfig.ENABLED, "True",
                HistoryConfig.BATCH_SIZE, "10000", HistoryConfig.QUEUE_KIB, "1048576")));
    }

    @Test
    void invalidValuesNameTheirSetting() {
        assertInvalid(HistoryConfig.ENABLED, "yes", "neither true nor false");
        assertInvalid(HistoryConfig.ENABLED, "", "neither true nor false");
        assertInvalid(HistoryConfig.BATCH_SIZE, "0", "from 1 to 10000");
        assertInvalid(HistoryConfig.BATCH_SIZE, "10001", "from 1 to 10000");
        assertInvalid(HistoryConfig.BATCH_SIZE, "many", "from 1 to 10000");
        assertInvalid(HistoryConfig.QUEUE_KIB, "1023", "from 1024");
        assertInvalid(HistoryConfig.QUEUE_KIB, "-5", "from 1024");
    }
}
