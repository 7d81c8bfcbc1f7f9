package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatLimits;
import org.syncnet.settings.InvalidSettingException;
import org.syncnet.settings.Settings;

class IrcConfigTest {
    private static IrcConfig read(String... nameValuePairs) {
        Map<String, String> settings = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            settings.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return IrcConfig.fromSettings(settings::get);
    }

    private static void assertInvalid(String name, String value, String... otherSettings) {
        String[] all = new String[otherSettings.length + 2];
        all[0] = name;
        all[1] = value;
        System.arraycopy(otherSettings, 0, all, 2, otherSettings.length);
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(all), name + "=" + value);
        assertEquals(name, e.setting(), name + "=" + value);
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void unsetSettingsTakeTheDefaults() {
        IrcConfig c = read(Settings.SERVER_ID, "server2");
        assertEquals(0, c.port());
        assertEquals(10_000, c.maxConnections());
        assertEquals(120_000, c.pingIdleMillis());
        assertEquals(1024, c.sendQKib());
        assertEquals(1024 * 1024, c.sendQBytes());
        assertEquals(200, c.floodPenaltyMillis());
        assertEquals(4_000, c.floodWindowMillis());
        assertEquals(8, c.floodMaxHeldKib());
        assertEquals(8192, c.floodMaxHeldBytes());
        assertEquals(20, c.joinHistoryLines());
        assertEquals(2, c.motd().size());
        assertTrue(c.motd().get(0).contains("SyncNet") && c.motd().get(0).contains("server2"), c.motd().get(0));
        assertTrue(read().motd().get(0).contains("this server"), "no server id: still a MOTD");
    }

    @Test
    void setSettingsAreRead() {
        IrcConfig c = read(IrcConfig.PORT, " 8001 ", IrcConfig.MAX_CONNECTIONS, "5", IrcConfig.PING_IDLE, "90s",
                IrcConfig.SENDQ_KIB, "4096", IrcConfig.FLOOD_PENALTY, "500ms", IrcConfig.FLOOD_WINDOW, "0.5",
                IrcConfig.FLOOD_MAX_HELD_KIB, "64", IrcConfig.MOTD, "one line", IrcConfig.JOIN_HISTORY_LINES, "7");
        assertEquals(new IrcConfig(8001, 6697, 5, 90_000, 4096, 500, 500, 64, List.of("one line"), 7,
                IrcOperators.NONE), c);
        assertEquals(2_500, read(IrcConfig.PING_IDLE, "2.5").pingIdleMillis());
        assertEquals(1_000, read(IrcConfig.PING_IDLE, "1000ms").pingIdleMillis());
        assertEquals(3_600_000, read(IrcConfig.PING_IDLE, "3600s").pingIdleMillis());
        assertEquals(1, read(IrcConfig.PORT, "1").port());
        assertEquals(65535, read(IrcConfig.PORT, "65535").port());
        assertEquals(1_000_000, read(IrcConfig.MAX_CONNECTIONS, "1000000").maxConnections());
        assertEquals(1024 * 1024, read(IrcConfig.SENDQ_KIB, "1048576").sendQKib());
        assertEquals(1, read(IrcConfig.FLOOD_MAX_HELD_KIB, "1").floodMaxHeldKib());
        assertEquals(1, read(IrcConfig.FLOOD_PENALTY, "1ms").floodPenaltyMillis());
        assertEquals(60_000, read(IrcConfig.FLOOD_WINDOW, "60s").floodWindowMillis());
        assertEquals(0, read(IrcConfig.JOIN_HISTORY_LINES, "0").joinHistoryLines(), "0: no history on join");
        assertEquals(ChatLimits.HISTORY_PER_ROOM, read(IrcConfig.JOIN_HISTORY_LINES, "200").joinHistoryLines(),
                "all a room keeps");
    }

    @Test
    void theClientPortIsTheSettingOrDerivedFromTheClusterPort() {
        assertEquals(8000, read().clientPort(8020));
        assertEquals(8002, read().clientPort(8022));
        assertEquals(6667, read(IrcConfig.PORT, "6667").clientPort(8020));
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read().clientPort(20));
        assertEquals(IrcConfig.PORT, e.setting());
        assertEquals(1, read().clientPort(21));
    }

    @Test
    void theTlsPortIsTheSettingOr6697PlusThePortOffset() {
        assertEquals(6697, read().tlsPort());
        assertEquals(6697, read(IrcConfig.PORT_OFFSET, "0").tlsPort());
        assertEquals(6698, read(IrcConfig.PORT_OFFSET, "1").tlsPort(), "server2 of a hand-started cluster");
        assertEquals(6797, read(IrcConfig.PORT_OFFSET, " 100 ").tlsPort(), "the first test server");
        assertEquals(7000, read(IrcConfig.TLS_PORT, "7000", IrcConfig.PORT_OFFSET, "100").tlsPort(), "no offset added");
        assertEquals(1, read(IrcConfig.TLS_PORT, "1").tlsPort());
        assertEquals(65535, read(IrcConfig.TLS_PORT, "65535").tlsPort());
        for (String bad : new String[] {"", " ", "0", "-1", "1.5", "ten", "0x10", "99999999999", "65536"}) {
            assertInvalid(IrcConfig.TLS_PORT, bad);
        }
        assertInvalid(IrcConfig.PORT_OFFSET, "ten");
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> read(IrcConfig.PORT_OFFSET, "64000"));
        assertEquals(IrcConfig.TLS_PORT, e.setting(), "unset, and the derived number is no port: set it");
    }

    @Test
    void theTlsPortMustNotBeThePlainPortToo() {
        read(IrcConfig.TLS_PORT, "6697").checkTlsPortBesides(8000);
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> read(IrcConfig.TLS_PORT, "8000").checkTlsPortBesides(8000));
        assertEquals(IrcConfig.TLS_PORT, e.setting());
        assertTrue(e.getMessage().contains(IrcConfig.PORT), e.getMessage());
    }

    @Test
    void everyBadNumberIsRejectedWithTheSettingsName() {
        for (String bad : new String[] {"", " ", "0", "-1", "1.5", "ten", "0x10", "99999999999", "65536"}) {
            assertInvalid(IrcConfig.PORT, bad);
        }
        for (String bad : new String[] {"", "0", "-1", "1.5", "ten", "99999999999", "1000001"}) {
            assertInvalid(IrcConfig.MAX_CONNECTIONS, bad);
        }
        for (String bad : new String[] {"", "0", "1023", "-1", "1.5", "1MiB", "1048577"}) {
            assertInvalid(IrcConfig.SENDQ_KIB, bad);
        }
        for (String bad : new String[] {"", "0", "-8", "8k", "1025"}) {
            assertInvalid(IrcConfig.FLOOD_MAX_HELD_KIB, bad);
        }
        for (String bad : new String[] {"", "-1", "201", "20 lines", "all", "1.5"}) {  // a room keeps 200
            assertInvalid(IrcConfig.JOIN_HISTORY_LINES, bad);
        }
    }

    @Test
    void everyBadDurationIsRejectedWithTheSettingsName() {
        for (String name : new String[] {IrcConfig.PING_IDLE, IrcConfig.FLOOD_PENALTY, IrcConfig.FLOOD_WINDOW}) {
            for (String bad : new String[] {"", "0", "0s", "-2s", "2 minutes", "1e3", "NaN", "3601s", "0.1ms"}) {
                // a short penalty, so that a bad window is rejected for itself and not for being shorter
                String[] others = name.equals(IrcConfig.FLOOD_PENALTY) ? new String[0]
                        : new String[] {IrcConfig.FLOOD_PENALTY, "1ms"};
                assertInvalid(name, bad, others);
            }
        }
        assertInvalid(IrcConfig.PING_IDLE, "999ms");
        assertInvalid(IrcConfig.PING_IDLE, "0.5");
    }

    @Test
    void theWindowMustHoldAtLeastOnePenalty() {
        assertInvalid(IrcConfig.FLOOD_WINDOW, "100ms");  // the penalty is 200 ms by default
        assertInvalid(IrcConfig.FLOOD_WINDOW, "1s", IrcConfig.FLOOD_PENALTY, "1500ms");
        assertInvalid(IrcConfig.FLOOD_PENALTY, "5s");  // the window is 4 s by default
        assertEquals(11_000, read(IrcConfig.FLOOD_PENALTY, "11s", IrcConfig.FLOOD_WINDOW, "11s").floodWindowMillis());
    }

    @Test
    void theMotdIsSplitIntoLines() {
        assertEquals(List.of("Welcome", "", "  | ascii | art |", "bye"),
                read(IrcConfig.MOTD, "Welcome\n\n  | ascii | art |\\nbye\n\n").motd());
        assertEquals(List.of("a", "b", "c"), read(IrcConfig.MOTD, "a\r\nb\rc").motd());
        assertEquals(List.of("caf\u00e9 \u0002bold\u0002"), read(IrcConfig.MOTD, "caf\u00e9 \u0002bold\u0002").motd());
        assertEquals(List.of(), read(IrcConfig.MOTD, "none").motd(), "none: the session answers 422");
        assertEquals(List.of(), read(IrcConfig.MOTD, " NONE ").motd());
        assertEquals(List.of(), read(IrcConfig.MOTD, "").motd());
        assertEquals(List.of("x".repeat(IrcConfig.MOTD_MAX_LINE_BYTES)),
                read(IrcConfig.MOTD, "x".repeat(IrcConfig.MOTD_MAX_LINE_BYTES)).motd());
    }

    @Test
    void aMotdThatCannotBeSentIsRejectedWithTheSettingsName() {
        assertInvalid(IrcConfig.MOTD, "x".repeat(IrcConfig.MOTD_MAX_LINE_BYTES + 1));
        assertInvalid(IrcConfig.MOTD, "\u00e9".repeat(IrcConfig.MOTD_MAX_LINE_BYTES / 2 + 1));  // 2 bytes each
        assertInvalid(IrcConfig.MOTD, "fine\nnul\0here");
        assertInvalid(IrcConfig.MOTD, "line\n".repeat(IrcConfig.MOTD_MAX_LINES + 1));
        assertEquals(IrcConfig.MOTD_MAX_LINES, read(IrcConfig.MOTD, "line\n".repeat(IrcConfig.MOTD_MAX_LINES)).motd().size());
    }
}
