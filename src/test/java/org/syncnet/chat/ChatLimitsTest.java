package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatLimitsTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "Z", "[away]", "\\o^x", "`tick", "_x", "^^", "{a|b}", "a-1", "a0123456789abcde"})
    void validNicks(String nick) {
        assertTrue(ChatLimits.isValidNick(nick), nick);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "-abc", "a b", "a,b", "a!b", "a@b", "a.b", "#chan", "é", "a0123456789abcdef",
            "a\u0000", "a:b", "a~b", "a*"})
    void invalidNicks(String nick) {
        assertFalse(ChatLimits.isValidNick(nick), nick);
    }

    @Test
    void nullIsNeverValid() {
        assertFalse(ChatLimits.isValidNick(null));
        assertFalse(ChatLimits.isValidRoom(null));
        assertFalse(ChatLimits.isValidText(null));
        assertFalse(ChatLimits.isValidReason(null));
        assertFalse(ChatLimits.isValidTopic(null));
        assertFalse(ChatLimits.isValidClientEventId(null));
        assertFalse(ChatLimits.isValidSession(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#a", "#lobby", "#Lobby-2", "#ÄÖ", "#日本語", "#😀", "##", "#a.b!c@d"})
    void validRooms(String room) {
        assertTrue(ChatLimits.isValidRoom(room), room);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "#", "lobby", "&lobby", "#a b", "#a,b", "#a:b", "#a\u0007", "#a\u0000", "#a\r", "#a\n",
            "#a\u007f", "#a\u0085", "#a\u00a0", "#a\u2003", "#a\ud800", "#\udc00a"})
    void invalidRooms(String room) {
        assertFalse(ChatLimits.isValidRoom(room), room);
    }

    @Test
    void roomLengthCountsCodePoints() {
        assertTrue(ChatLimits.isValidRoom("#" + "x".repeat(49)));
        assertFalse(ChatLimits.isValidRoom("#" + "x".repeat(50)));
        assertTrue(ChatLimits.isValidRoom("#" + "😀".repeat(49)), "49 code points, 98 chars");
        assertFalse(ChatLimits.isValidRoom("#" + "😀".repeat(50)));
    }

    @Test
    void textIsBoundedInUtf8Bytes() {
        assertTrue(ChatLimits.isValidText("x".repeat(4096)));
        assertFalse(ChatLimits.isValidText("x".repeat(4097)));
        assertTrue(ChatLimits.isValidText("€".repeat(1365)), "4095 bytes");
        assertFalse(ChatLimits.isValidText("€".repeat(1366)), "4098 bytes in 1366 chars");
        assertTrue(ChatLimits.isValidText("😀".repeat(1024)));
        assertFalse(ChatLimits.isValidText("😀".repeat(1024) + "x"));
        assertFalse(ChatLimits.isValidText(""));
    }

    @Test
    void textIsOneLineWithIrcFormattingOnly() {
        assertTrue(ChatLimits.isValidText("\u0002bold\u0002 \u00034,5colour\u000f \u001ditalic\u001d \u001funder"
                + "\u001f \u0016rev\u0016 \u001estrike\u001e \u0011mono\u0011\ttab"));
        assertTrue(ChatLimits.isValidText("\u0001ACTION waves\u0001"), "CTCP, e.g. an IRC client's /me");
        for (char c : new char[] {'\u0000', '\u0007', '\n', '\r', '\u001b', '\u007f', '\u0080', '\u009f'}) {
            assertFalse(ChatLimits.isValidText("a" + c + "b"), "control " + (int) c);
        }
        assertTrue(ChatLimits.isValidText("emoji 😀 and ∑ and 日本"));
    }

    @Test
    void loneSurrogatesAreNotValidUtf8() {
        assertFalse(ChatLimits.isValidText("a\ud83d"));
        assertFalse(ChatLimits.isValidText("\ude00a"));
        assertFalse(ChatLimits.isValidText("\ude00\ud83d"));
        assertEquals(-1, ChatLimits.utf8Length("\ud83d"));
    }

    @Test
    void utf8LengthMatchesTheEncoder() {
        for (String s : new String[] {"", "abc", "é", "€", "😀", "a😀é€"}) {
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, ChatLimits.utf8Length(s), s);
        }
    }

    @Test
    void reasonsAndTopicsMayBeEmptyButAreBounded() {
        assertTrue(ChatLimits.isValidReason(""));
        assertTrue(ChatLimits.isValidTopic(""));
        assertTrue(ChatLimits.isValidTopic("x".repeat(300)));
        assertFalse(ChatLimits.isValidTopic("x".repeat(301)));
        assertFalse(ChatLimits.isValidReason("bye\r\nQUIT"));
    }

    @Test
    void isupportAnnouncesTheLimits() {
        assertEquals(List.of("CASEMAPPING=rfc1459", "CHANTYPES=#", "CHANLIMIT=#:20", "CHANNELLEN=50", "NICKLEN=16",
                "TOPICLEN=300", "AWAYLEN=300", "USERLEN=10", "NETWORK=SyncNet", "CHANMODES=beI,k,l,imnst",
                "PREFIX=(ov)@+", "MODES=4", "MAXLIST=b:50,e:50,I:50", "EXCEPTS=e", "INVEX=I"), ChatLimits.ISUPPORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"k", "s3cr3t!", "sésame", "😀", "x23xxxxxxxxxxxxxxxxxxxx", "a*b?c"})
    void validKeys(String key) {
        assertTrue(ChatLimits.isValidKey(key), key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a,b", "a:b", "a\u0007", "a\u0000", "x24xxxxxxxxxxxxxxxxxxxxx", "a\u00a0b", "\ud800"})
    void invalidKeys(String key) {
        assertFalse(ChatLimits.isValidKey(key), key);
    }

    @Test
    void modeArgumentsAreOneBoundedWord() {
        assertTrue(ChatLimits.isValidModeArgument(""));
        assertTrue(ChatLimits.isValidModeArgument("nick!~user@host.example"));
        assertTrue(ChatLimits.isValidModeArgument("x".repeat(100)));
        assertFalse(ChatLimits.isValidModeArgument("x".repeat(101)));
        assertFalse(ChatLimits.isValidModeArgument("a b"));
        assertFalse(ChatLimits.isValidModeArgument("a\tb"));
        assertFalse(ChatLimits.isValidModeArgument("a\ud800"));
        assertFalse(ChatLimits.isValidModeArgument(null));
    }

    @Test
    void userModesAreIWAndOEachOnce() {
        for (String ok : new String[] {"", "i", "w", "o", "iw", "wio", "oi"}) {
            assertTrue(ChatLimits.isValidUserModes(ok), ok);
        }
        for (String bad : new String[] {"ii", "x", "iwox", "I", "+i", " "}) {
            assertFalse(ChatLimits.isValidUserModes(bad), bad);
        }
        assertFalse(ChatLimits.isValidUserModes(null));
        assertTrue(ChatLimits.isValidOperName("root"));
        assertFalse(ChatLimits.isValidOperName(""));
        assertFalse(ChatLimits.isValidOperName("a b"));
        assertFalse(ChatLimits.isValidOperName("x".repeat(33)));
    }

    @Test
    void identitiesAreVisibleAsciiWithoutTheMaskSeparators() {
        assertTrue(ChatLimits.isValidUser("~alice"));
        assertTrue(ChatLimits.isValidUser("~" + "u".repeat(10)));
        assertFalse(ChatLimits.isValidUser("~" + "u".repeat(11)));
        assertTrue(ChatLimits.isValidHost("0::1"));
        assertTrue(ChatLimits.isValidHost("h".repeat(64)));
        assertFalse(ChatLimits.isValidHost("h".repeat(65)));
        for (String bad : new String[] {"", "a b", "a!b", "a@b", ":a", "ä", "a\u0000"}) {
            assertFalse(ChatLimits.isValidUser(bad), bad);
            assertFalse(ChatLimits.isValidHost(bad), bad);
        }
        assertTrue(ChatLimits.isValidRealname(""));
        assertTrue(ChatLimits.isValidRealname("Alice Liddell 😀"));
        assertFalse(ChatLimits.isValidRealname("x".repeat(101)));
        assertFalse(ChatLimits.isValidRealname("a\r\nQUIT"));
        assertTrue(ChatLimits.isValidAway(""));
        assertFalse(ChatLimits.isValidAway("x".repeat(301)));
    }

    @Test
    void clientEventIdsAndSessions() {
        assertTrue(ChatLimits.isValidClientEventId("c1:42"));
        assertTrue(ChatLimits.isValidClientEventId("0f3a-9b.x_y"));
        assertTrue(ChatLimits.isValidClientEventId("x".repeat(64)));
        assertFalse(ChatLimits.isValidClientEventId("x".repeat(65)));
        assertFalse(ChatLimits.isValidClientEventId(""));
        assertFalse(ChatLimits.isValidClientEventId("a b"));
        assertFalse(ChatLimits.isValidClientEventId("é"));
        assertTrue(ChatLimits.isValidSession(""));
        assertTrue(ChatLimits.isValidSession("k3y"));
        assertFalse(ChatLimits.isValidSession("a/b"));
    }
}
