package org.syncnet.door.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ClientId;

/** The session's small parts: text cleaning, server names, hosts and event ids. */
class IrcPartsTest {
    @Test
    void cleanStripsRefusedControlsKeepsFormattingAndClipsWholeCharacters() {
        assertEquals("ab\u0002c\u0001d\te", IrcText.clean("a\u0000b\u0002c\u0001d\te\u007f\u0085", 100));
        assertEquals("x", IrcText.clean("x\ud800", 100), "a lone surrogate goes");
        assertEquals("😀", IrcText.clean("😀😀", 7), "no half emoji");
        assertEquals("ab", IrcText.clip("abc", 2));
        assertEquals("é", IrcText.clip("éé", 3));
        assertTrue(ChatLimits.isValidText(IrcText.clean("\u0001ACTION waves\u0001", ChatLimits.MAX_TEXT_BYTES)));
    }

    @Test
    void chunkKeepsEveryWordAndEachLineWithinItsBytes() {
        assertEquals(List.of(), IrcText.chunk(List.of(), 10));
        assertEquals(List.of("aa bb", "cc", "toolongword"), IrcText.chunk(List.of("aa", "bb", "cc", "toolongword"), 5));
    }

    @Test
    void serverNamesAreHostLike() {
        assertEquals("server1.syncnet", IrcServerInfo.ircName("server1"));
        assertEquals("server-two.syncnet", IrcServerInfo.ircName("Server_Two!"));
        assertEquals("server.syncnet", IrcServerInfo.ircName("日本"));
        List<String> cluster = List.of("server1", "server2", "server3");
        IrcServerInfo info = new IrcServerInfo("irc.example.org", "Net", "v1", "today", List.of(),
                id -> id.equals("server2") ? "two.example.org" : "not a name", cluster, new UserPeaks());
        assertEquals("two.example.org", info.ircNameOf("server2"));
        assertEquals("server3.syncnet", info.ircNameOf("server3"), "an unusable name falls back");
        assertThrows(IllegalArgumentException.class,
                () -> new IrcServerInfo("bad name", "Net", "v1", "today", List.of(), id -> id, cluster,
                        new UserPeaks()));
        assertThrows(IllegalArgumentException.class,
                () -> new IrcServerInfo("ok.name", "Net", "v 1", "today", List.of(), id -> id, cluster,
                        new UserPeaks()));
        assertThrows(IllegalArgumentException.class,
                () -> new IrcServerInfo("ok.name", "Net", "v1", "today", List.of(), id -> id, List.of(),
                        new UserPeaks()));
        assertThrows(IllegalArgumentException.class,
                () -> IrcServerInfo.forServer("server1", "v1", "today", List.of("two\r\nlines")));
        assertThrows(IllegalArgumentException.class,
                () -> IrcServerInfo.forCluster("server4", cluster, "v1", "today", List.of()));
    }

    @Test
    void theClusterServersAreCountedAndTheirNamesAreTargets() {
        IrcServerInfo info = IrcServerInfo.forCluster("server2", List.of("server1", "server2", "server3"), "v1",
                "today", List.of());
        assertEquals(3, info.clusterSize());
        assertEquals(1, IrcServerInfo.forServer("server1", "v1", "today", List.of()).clusterSize());
        for (String named : List.of("server2.syncnet", "SERVER3.SyncNet", "server1.syncnet", "*.syncnet", "server?.*",
                "*")) {
            assertTrue(info.namesClusterServer(named), named);
        }
        for (String other : List.of("server4.syncnet", "server2", "irc.example.org", "*.example.org", "")) {
            assertFalse(info.namesClusterServer(other), other);
        }
    }

    @Test
    void masksMatchWithWildcardsUnderRfc1459Casemapping() {
        assertTrue(new IrcMask("*").matches(""));
        assertTrue(new IrcMask("*").matches("anything"));
        assertTrue(new IrcMask("b?b").matches("BOB"));
        assertFalse(new IrcMask("b?b").matches("bb"));
        assertTrue(new IrcMask("a*b*c").matches("aXXbYYbZc"));
        assertFalse(new IrcMask("a*b*c").matches("aXXbYYbZ"));
        assertTrue(new IrcMask("*@10.0.0.*").matches("bob!~bob@10.0.0.2"));
        assertTrue(new IrcMask("[foo]*").matches("{FOO}bar"), "[ ] are the upper case of { }");
        assertTrue(new IrcMask("~b*").matches("^bob"), "~ is the upper case of ^");
        assertTrue(new IrcMask("é?").matches("é😀"), "? is one character, not one UTF-16 unit");
        assertFalse(new IrcMask("É*").matches("é"), "only ASCII letters fold");
        assertTrue(new IrcMask("**a**").matches("ba"));
        assertFalse(new IrcMask("exact").matches("exactly"));
        assertTrue(IrcMask.hasWildcards("a*"));
        assertTrue(IrcMask.hasWildcards("a?"));
        assertFalse(IrcMask.hasWildcards("alice"));
    }

    @Test
    void userPeaksKeepTheHighestCountsSeen() {
        UserPeaks peaks = new UserPeaks();
        assertEquals(new UserPeaks.Peaks(3, 10), peaks.observe(3, 10));
        assertEquals(new UserPeaks.Peaks(3, 10), peaks.observe(1, 4));
        assertEquals(new UserPeaks.Peaks(5, 10), peaks.observe(5, 9));
    }

    @Test
    void hostsAreMadeValid() {
        assertEquals("0::1", IrcIdentity.host("::1"));
        assertEquals("fe80::1", IrcIdentity.host("fe80::1"));
        assertEquals("127.0.0.1", IrcIdentity.host("127.0.0.1"));
        assertEquals("unknown", IrcIdentity.host(""));
        assertEquals("a-b", IrcIdentity.host("a b"));
        assertEquals(ChatLimits.MAX_HOST_CHARS, IrcIdentity.host("h".repeat(200)).length());
    }

    @Test
    void eventIdsAreValidUniquePerConnectionAndSayWhetherANoticeSentThem() {
        EventIds one = new EventIds(new ClientId("server1", Long.MAX_VALUE));
        EventIds other = new EventIds(new ClientId("server2", Long.MAX_VALUE));
        String message = one.next(false);
        String notice = one.next(true);
        assertTrue(ChatLimits.isValidClientEventId(message), message);
        assertTrue(ChatLimits.isValidClientEventId(notice), notice);
        assertFalse(message.equals(other.next(false)));
        assertFalse(EventIds.isNotice(message));
        assertTrue(EventIds.isNotice(notice));
        assertFalse(EventIds.isNotice(null));
    }
}
