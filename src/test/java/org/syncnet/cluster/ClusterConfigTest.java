package org.syncnet.cluster;

import org.syncnet.settings.Settings;

import org.syncnet.settings.InvalidSettingException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterConfigTest {
    private static final String MEMBERS = "server1@127.0.0.1:8020/0,server2@127.0.0.1:8021/1,server3@127.0.0.1:8022/2";

    private static ClusterConfig config(String id, String members, String interval, String timeout, String quorum,
                                        String secret) {
        return ClusterConfig.fromSettings(id, members, interval, timeout, quorum, secret);
    }

    private static ClusterConfig withQuorum(String quorum) {
        return config("server1", MEMBERS, "2.0", "5.0", quorum, "s3cret");
    }

    private static void assertInvalid(String setting, Executable build) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, build);
        assertEquals(setting, e.setting());
        assertTrue(e.getMessage().contains(setting), e.getMessage());
    }

    @Test
    void theOriginalSettings() {
        ClusterConfig c = config("server2", MEMBERS, "2.0", "5.0", null, "s3cret");
        assertEquals("server2", c.selfId());
        assertEquals(new Member("server2", "127.0.0.1", 8021, 1), c.self());
        assertEquals(2000, c.heartbeatMillis());
        assertEquals(5000, c.failureTimeoutMillis());
        assertEquals(2, c.quorum());
        assertArrayEquals("s3cret".getBytes(StandardCharsets.UTF_8), c.secret());
    }

    @ParameterizedTest
    @CsvSource({"2.0, 2000", "2.0s, 2000", "200ms, 200", "2, 2000", "2s, 2000", "0.5, 500", ".5s, 500",
        "2., 2000", " 2.0S , 2000", "200MS, 200", "1.5 s, 1500", "10ms, 10", "0.0125s, 13", "3600, 3600000",
        "3600000ms, 3600000"})
    void validDurations(String text, long millis) {
        assertEquals(millis, Settings.parseMillis(Settings.HEARTBEAT_INTERVAL, text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "s", "ms", "2.0x", "2m", "2 min", "2.0.0", "-2", "+2", "0", "0.0s", "0ms",
        "NaN", "Infinity", "1e3", "1E3ms", "0x1p1", "2.0d", "2.0f", "2,0", "3600.001", "3600001ms", "2sms", "٢"})
    void invalidDurationsNameTheSetting(String text) {
        assertInvalid(Settings.HEARTBEAT_INTERVAL, () -> Settings.parseMillis(Settings.HEARTBEAT_INTERVAL, text));
        assertInvalid(Settings.FAILURE_TIMEOUT, () -> config("server1", MEMBERS, "2.0", text, null, "k"));
        assertInvalid(Settings.HEARTBEAT_INTERVAL, () -> config("server1", MEMBERS, text, "5.0", null, "k"));
    }

    @Test
    void missingDurations() {
        assertInvalid(Settings.HEARTBEAT_INTERVAL, () -> config("server1", MEMBERS, null, "5.0", null, "k"));
        assertInvalid(Settings.FAILURE_TIMEOUT, () -> config("server1", MEMBERS, "2.0", null, null, "k"));
    }

    @Test
    void heartbeatBelowTenMillisIsRejected() {
        assertInvalid(Settings.HEARTBEAT_INTERVAL, () -> config("server1", MEMBERS, "9ms", "5.0", null, "k"));
        assertInvalid(Settings.HEARTBEAT_INTERVAL, () -> config("server1", MEMBERS, "0.0001", "5.0", null, "k"));
        assertEquals(10, config("server1", MEMBERS, "10ms", "11ms", null, "k").heartbeatMillis());
    }

    @Test
    void timeoutMustBeGreaterThanTheInterval() {
        assertInvalid(Settings.FAILURE_TIMEOUT, () -> config("server1", MEMBERS, "2.0", "2.0", null, "k"));
        assertInvalid(Settings.FAILURE_TIMEOUT, () -> config("server1", MEMBERS, "2.0", "2000ms", null, "k"));
        assertInvalid(Settings.FAILURE_TIMEOUT, () -> config("server1", MEMBERS, "2.0", "1.0", null, "k"));
        assertEquals(2001, config("server1", MEMBERS, "2.0", "2001ms", null, "k").failureTimeoutMillis());
    }

    @Test
    void quorumDefaultsToMajority() {
        assertEquals(2, withQuorum(null).quorum());
        assertEquals(2, withQuorum("").quorum());
        assertEquals(2, withQuorum(" majority ").quorum());
        assertEquals(2, withQuorum("MAJORITY").quorum());
        assertEquals(1, config("a", "a@h:1/0", "1", "2", null, "k").quorum());
        assertEquals(3, config("a", "a@h:1/0,b@h:1/1,c@h:1/2,d@h:1/3", "1", "2", null, "k").quorum());
    }

    @Test
    void quorumInRange() {
        assertEquals(1, withQuorum("1").quorum());
        assertEquals(3, withQuorum(" 3 ").quorum());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "4", "-1", "+2", "2.0", "two", "1e1", "99999999999", "most"})
    void quorumOutOfRangeOrNotANumber(String quorum) {
        assertInvalid(Settings.QUORUM, () -> withQuorum(quorum));
    }

    @Test
    void serverIdMustBeAMember() {
        assertInvalid(Settings.SERVER_ID, () -> config("server4", MEMBERS, "2.0", "5.0", null, "k"));
        assertInvalid(Settings.SERVER_ID, () -> config("Server1", MEMBERS, "2.0", "5.0", null, "k"));
        assertInvalid(Settings.SERVER_ID, () -> config(null, MEMBERS, "2.0", "5.0", null, "k"));
        assertInvalid(Settings.SERVER_ID, () -> config("  ", MEMBERS, "2.0", "5.0", null, "k"));
        assertEquals("server3", config(" server3 ", MEMBERS, "2.0", "5.0", null, "k").selfId());
    }

    @Test
    void badMembersAreReportedAsMembers() {
        assertInvalid(Settings.MEMBERS, () -> config("server1", null, "2.0", "5.0", null, "k"));
        assertInvalid(Settings.MEMBERS, () -> config("server1", "server1@h:1/0,server1@h:2/1", "2.0", "5.0", null, "k"));
        assertInvalid(Settings.MEMBERS, () -> config("server1", "server1@h:1/0,server2@h:2/0", "2.0", "5.0", null, "k"));
    }

    @Test
    void emptySecretIsRejected() {
        for (String secret : new String[] {null, "", "   "}) {
            assertInvalid(Settings.SECRET, () -> config("server1", MEMBERS, "2.0", "5.0", null, secret));
        }
        Membership m = Membership.parse(MEMBERS);
        assertInvalid(Settings.SECRET, () -> new ClusterConfig("server1", m, 2000, 5000, 2, new byte[0]));
    }

    @Test
    void secretIsCopiedInAndOut() {
        byte[] key = {1, 2, 3};
        ClusterConfig c = new ClusterConfig("server1", Membership.parse(MEMBERS), 2000, 5000, 2, key);
        key[0] = 9;
        c.secret()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, c.secret());
    }

    @Test
    void theConstructorChecksToo() {
        Membership m = Membership.parse(MEMBERS);
        assertInvalid(Settings.HEARTBEAT_INTERVAL, () -> new ClusterConfig("server1", m, 0, 5000, 2, new byte[1]));
        assertInvalid(Settings.FAILURE_TIMEOUT, () -> new ClusterConfig("server1", m, 2000, 2000, 2, new byte[1]));
        assertInvalid(Settings.QUORUM, () -> new ClusterConfig("server1", m, 2000, 5000, 0, new byte[1]));
        assertInvalid(Settings.QUORUM, () -> new ClusterConfig("server1", m, 2000, 5000, 4, new byte[1]));
    }
}
