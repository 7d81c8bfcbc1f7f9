package org.syncnet.cluster;

import org.syncnet.settings.Settings;

import org.syncnet.settings.InvalidSettingException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MembershipTest {
    private static final String DEFAULT = "server1@127.0.0.1:8020/0,server2@127.0.0.1:8021/1,server3@127.0.0.1:8022/2";

    private static void assertInvalidMembers(String spec, String... mentions) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> Membership.parse(spec), spec);
        assertEquals(Settings.MEMBERS, e.setting());
        assertTrue(e.getMessage().contains(Settings.MEMBERS), e.getMessage());
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), e.getMessage() + " should mention " + m);
        }
    }

    @Test
    void parsesTheDefaultCluster() {
        Membership m = Membership.parse(DEFAULT);
        assertEquals(3, m.size());
        assertEquals(List.of(new Member("server1", "127.0.0.1", 8020, 0), new Member("server2", "127.0.0.1", 8021, 1),
                new Member("server3", "127.0.0.1", 8022, 2)), m.ring());
        assertEquals(2, m.majority());
        assertEquals(2, m.rank("server3"));
        assertEquals(new Member("server2", "127.0.0.1", 8021, 1), m.member("server2"));
        assertTrue(m.contains("server1"));
        assertFalse(m.contains("server4"));
        assertFalse(m.contains("SERVER1"));
        assertThrows(IllegalArgumentException.class, () -> m.member("server4"));
        assertThrows(IllegalArgumentException.class, () -> m.rank("server4"));
    }

    @Test
    void ringOrderIsByRingPositionNotByListingOrder() {
        Membership m = Membership.parse(" c@h3:3/90 , a@h1:1/5,b@h2:2/17 ");
        assertEquals(List.of("a", "b", "c"), m.ring().stream().map(Member::id).toList());
        assertEquals(0, m.rank("a"));
        assertEquals(2, m.rank("c"));
        assertEquals("c", m.ownerOf(2));
    }

    @Test
    void anyNumberOfMembers() {
        for (int n = 1; n <= 40; n++) {
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                entries.add("s" + i + "@10.0.0." + i + ":" + (9000 + i) + "/" + (i * 3));
            }
            Collections.shuffle(entries, new Random(n));
            Membership m = Membership.parse(String.join(",", entries));
            assertEquals(n, m.size());
            assertEquals(n / 2 + 1, m.majority());
            for (int i = 0; i < n; i++) {
                assertEquals(i, m.rank("s" + i));
                assertEquals(i * 3, m.member("s" + i).ringPosition());
            }
        }
    }

    @Test
    void hostsAndPortsAtTheirLimits() {
        Membership m = Membership.parse("a@localhost:1/0,b@[::1]:65535/1,c@[fe80::1%eth0]:8020/2,"
                + "d@node-4.example.org:8020/999999999,e_1.x@my_service:8020/3");
        assertEquals("[::1]", m.member("b").host());
        assertEquals(65535, m.member("b").port());
        assertEquals("[fe80::1%eth0]", m.member("c").host());
        assertEquals(999_999_999, m.member("d").ringPosition());
        assertEquals("my_service", m.member("e_1.x").host());
        assertEquals("a".repeat(32), Membership.parse("a".repeat(32) + "@h:1/0").ring().get(0).id());
    }

    @Test
    void memberToStringIsItsSpec() {
        assertEquals(DEFAULT, Membership.parse(DEFAULT).ring().stream().map(Member::toString)
                .collect(Collectors.joining(",")));
    }

    // ---- epoch ownership -----------------------------------------------------------------------------------

    @Test
    void epochsRotateThroughTheRing() {
        Membership m = Membership.parse(DEFAULT);
        assertEquals("server1", m.ownerOf(0));
        assertEquals("server2", m.ownerOf(1));
        assertEquals("server3", m.ownerOf(2));
        assertEquals("server1", m.ownerOf(3));
        assertEquals("server3", m.ownerOf(-1));
        assertEquals(2, m.nextEpochOwnedBy("server3", 0));
        assertEquals(2, m.nextEpochOwnedBy("server3", 1));
        assertEquals(5, m.nextEpochOwnedBy("server3", 2));
        assertEquals(3, m.nextEpochOwnedBy("server1", 0));
        assertThrows(IllegalArgumentException.class, () -> m.nextEpochOwnedBy("nobody", 0));
    }

    /** For every size, member and many epochs: the next owned epoch is above, owned by it, and the first such. */
    @Test
    void nextEpochOwnedByIsTheFirstOwnedEpochAbove() {
        Random rnd = new Random(7);
        for (int n = 1; n <= 9; n++) {
            StringBuilder spec = new StringBuilder();
            for (int i = 0; i < n; i++) {
                spec.append(i == 0 ? "" : ",").append("s").append(i).append("@h:1/").append(100 - 7 * i);
            }
            Membership m = Membership.parse(spec.toString());
            List<Long> epochs = new ArrayList<>();
            for (long e = -30; e <= 60; e++) {
                epochs.add(e);
            }
            for (int k = 0; k < 300; k++) {
                epochs.add(rnd.nextLong() / 2);
            }
            epochs.add(Long.MIN_VALUE);
            epochs.add(Long.MIN_VALUE + 1);
            epochs.add(Long.MAX_VALUE - 100);
            for (Member member : m.ring()) {
                for (long above : epochs) {
                    long next = m.nextEpochOwnedBy(member.id(), above);
                    String where = n + " members, " + member.id() + " above " + above;
                    assertTrue(next > above && next - above <= n, where + ": " + next);
                    assertEquals(member.id(), m.ownerOf(next), where);
                    for (long e = above + 1; e < next; e++) {
                        assertFalse(member.id().equals(m.ownerOf(e)), where + ": owns " + e + " earlier");
                    }
                }
            }
            // Each epoch has exactly one owner, and consecutive epochs walk the whole ring.
            for (long e = 0; e < 3L * n; e++) {
                assertEquals(m.ring().get((int) (e % n)).id(), m.ownerOf(e));
            }
        }
    }

    @Test
    void nextEpochPastTheLastLongIsAnError() {
        Membership m = Membership.parse(DEFAULT);
        assertThrows(ArithmeticException.class, () -> m.nextEpochOwnedBy("server1", Long.MAX_VALUE));
        // Long.MAX_VALUE % 3 == 1: server2 owns it; server3 would need one more.
        assertEquals(Long.MAX_VALUE, m.nextEpochOwnedBy("server2", Long.MAX_VALUE - 1));
        assertThrows(ArithmeticException.class, () -> m.nextEpochOwnedBy("server3", Long.MAX_VALUE - 1));
    }

    // ---- invalid ---------------------------------------------------------------------------------------------

    @Test
    void duplicateIdsAreRejected() {
        assertInvalidMembers("a@h:1/0,b@h:2/1,a@h:3/2", "duplicate", "'a'");
    }

    @Test
    void duplicateRingPositionsAreRejected() {
        assertInvalidMembers("a@h:1/0,b@h:2/0", "duplicate ring position 0");
        assertInvalidMembers("a@h:1/4,b@h:2/1,c@h:3/04", "duplicate ring position 4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "server1", "server1@h", "server1@h:8020", "server1@h:8020/", "@h:8020/0",
        "server1@:8020/0", "server1@h:/0", "server1h:8020/0", "server1@h/0:8020", "a@h:1/0,", ",a@h:1/0",
        "a@h:1/0,,b@h:2/1", "a@h:1/0, ,b@h:2/1", "a b@h:1/0", "a@h:1/0/1", "a@h:1/x", "a@h:x/0", "a@h:1/1.5",
        "a@h:+1/0", "a@h:1/+0", "a@h:1/-1", "a@h:-1/0", "a@h:\u0661/0", "a@h:1/\u0660", "a@h:1/99999999999",
        "a@h h:1/0", "a@h@i:1/0", "a@::1:8020/0", "a@[::1:8020/0", "a@[xyz]:8020/0", "a@h/i:1/0",
        "\u00e9@h:1/0", "a:b@h:1/0", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@h:1/0"})
    void malformedEntriesAreRejected(String spec) {
        assertInvalidMembers(spec);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@h:0/0", "a@h:65536/0", "a@h:99999/0"})
    void portsOutOfRangeAreRejected(String spec) {
        assertInvalidMembers(spec, "port");
    }

    @Test
    void nullOrEmptyIsRejected() {
        assertInvalidMembers(null);
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> new Membership(List.of()));
        assertEquals(Settings.MEMBERS, e.setting());
    }

    @Test
    void errorMessagesQuoteTheOffendingEntry() {
        assertInvalidMembers("a@h:1/0,b@h:x/1", "'x'", "b@h:x/1");
        assertInvalidMembers("a@h:70000/0", "70000", "'a'");
    }
}
