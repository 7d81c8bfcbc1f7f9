package org.syncnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IrcBenchTextTest {
    @Test
    void encodesThreeNumbersAndDecodesThemBack() {
        IrcBenchText t = new IrcBenchText(12, 987654321012L, 3);
        assertEquals("12 987654321012 3", t.encode());
        assertEquals(t, IrcBenchText.decode(t.encode()));
        IrcBenchText early = new IrcBenchText(0, -5, 0);  // System.nanoTime may be negative
        assertEquals(early, IrcBenchText.decode(early.encode()));
    }

    @Test
    void anythingElseIsForeign() {
        for (String foreign : new String[] {"", "hello", "1 2", "1 2 3 4", "1  2 3", " 1 2 3", "1 2 3 ", "a 2 3", "1 b 3",
                "1 2 c", "+1 2 3", "-1 2 3", "1 +2 3", "1 2 -3", "1 2 +3", "99999999999 2 3"}) {
            assertNull(IrcBenchText.decode(foreign), foreign);
        }
    }

    @Test
    void decodesARegionWithoutTheRest() {
        String s = "xx 7 100 2yy";
        assertEquals(new IrcBenchText(7, 100, 2), IrcBenchText.decode(s, 3, 10));
        assertNull(IrcBenchText.decode(s, 3, 11), "'2y' is no number");
    }

    @Test
    void thePrivmsgFastPathTakesOnlyThePlainCase() {
        String room = "#bench-ab12";
        assertEquals(new IrcBenchText(5, 42, 1),
                IrcBenchText.decodePrivmsg(":bab1!~bab1@127.0.0.1 PRIVMSG #bench-ab12 :5 42 1", room));
        assertEquals(new IrcBenchText(5, 42, 1), IrcBenchText.decodePrivmsg(":x PRIVMSG #BENCH-AB12 :5 42 1", room),
                "channel names compare case-insensitively");
        assertNull(IrcBenchText.decodePrivmsg(":x PRIVMSG #bench-ab1 :5 42 1", room), "another room");
        assertNull(IrcBenchText.decodePrivmsg(":x PRIVMSG #bench-ab123 :5 42 1", room), "a longer room name");
        assertNull(IrcBenchText.decodePrivmsg(":x NOTICE #bench-ab12 :5 42 1", room));
        assertNull(IrcBenchText.decodePrivmsg("@time=x :x PRIVMSG #bench-ab12 :5 42 1", room), "tags: the full parser");
        assertNull(IrcBenchText.decodePrivmsg(":x PRIVMSG #bench-ab12 :hello there", room));
        assertNull(IrcBenchText.decodePrivmsg("PING :x", room));
    }

    @Test
    void negativeNumbersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new IrcBenchText(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new IrcBenchText(0, 0, -1));
    }
}
