package org.syncnet.chat.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncnet.settings.InvalidSettingException;

class ChatConfigTest {
    @Test
    void unsetSettingsTakeTheDefaults() {
        assertEquals(new ChatConfig(20, 5, 4096, 10_000, 30_000, 10_000, 0, 10_000),
                ChatConfig.fromSettings(name -> null));
    }

    @Test
    void setSettingsAreRead() {
        Map<String, String> s = Map.of(ChatConfig.RATE_BURST, "100", ChatConfig.RATE_PER_SECOND, " 50 ",
                ChatConfig.OUTBOUND_QUEUE_KIB, "1024", ChatConfig.MAX_CONNECTIONS, "3");
        assertEquals(new ChatConfig(100, 50, 1024, 3, 30_000, 10_000, 0, 10_000), ChatConfig.fromSettings(s::get));
    }

    @Test
    void everyBadValueIsRejectedWithTheSettingsName() {
        for (String name : new String[] {ChatConfig.RATE_BURST, ChatConfig.RATE_PER_SECOND,
                ChatConfig.OUTBOUND_QUEUE_KIB, ChatConfig.MAX_CONNECTIONS}) {
            for (String bad : new String[] {"", "0", "-1", "1.5", "ten", "99999999999", "2000000"}) {
                InvalidSettingException e = assertThrows(InvalidSettingException.class,
                        () -> ChatConfig.fromSettings(n -> n.equals(name) ? bad : null), name + "=" + bad);
                assertEquals(name, e.setting());
            }
        }
        assertThrows(InvalidSettingException.class,
                () -> ChatConfig.fromSettings(n -> n.equals(ChatConfig.OUTBOUND_QUEUE_KIB) ? "1023" : null),
                "a queue that cannot hold one history frame");
    }

    @Test
    void theSnapshotIntervalIsZeroOrAtLeastAThousandEvents() {
        assertEquals(0, ChatConfig.fromSettings(n -> n.equals(ChatConfig.SNAPSHOT_INTERVAL) ? "0" : null)
                .snapshotInterval());
        assertEquals(50_000, ChatConfig.fromSettings(n -> n.equals(ChatConfig.SNAPSHOT_INTERVAL) ? "50000" : null)
                .snapshotInterval());
        for (String bad : new String[] {"999", "1", "-1", "ten", "", "100000001"}) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> ChatConfig.fromSettings(n -> n.equals(ChatConfig.SNAPSHOT_INTERVAL) ? bad : null), bad);
            assertEquals(ChatConfig.SNAPSHOT_INTERVAL, e.setting());
        }
    }

    @Test
    void thePingIntervalIsADurationBelowTheListenersReadTimeout() {
        assertEquals(1500, ChatConfig.fromSettings(n -> n.equals(ChatConfig.PING_INTERVAL) ? "1.5s" : null)
                .pingIntervalMillis());
        assertEquals(60_000, ChatConfig.fromSettings(n -> n.equals(ChatConfig.PING_INTERVAL) ? "60" : null)
                .pingIntervalMillis());
        for (String bad : new String[] {"", "0", "-1s", "ten", "61s", "50ms"}) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> ChatConfig.fromSettings(n -> n.equals(ChatConfig.PING_INTERVAL) ? bad : null), bad);
            assertEquals(ChatConfig.PING_INTERVAL, e.setting());
        }
    }

    @Test
    void theReplyTimeoutIsADurationOfAtLeastASecond() {
        assertEquals(2500, ChatConfig.fromSettings(n -> n.equals(ChatConfig.REPLY_TIMEOUT) ? "2.5s" : null)
                .replyTimeoutMillis());
        for (String bad : new String[] {"", "0", "-1s", "ten", "999ms"}) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> ChatConfig.fromSettings(n -> n.equals(ChatConfig.REPLY_TIMEOUT) ? bad : null), bad);
            assertEquals(ChatConfig.REPLY_TIMEOUT, e.setting());
        }
    }
}
