package org.syncnet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PageRequestTest {
    private static void assertBad(String parameter, String room, String before, String limit) {
        PageRequest.BadParameter e = assertThrows(PageRequest.BadParameter.class,
                () -> PageRequest.parse(room, before, limit), room + " " + before + " " + limit);
        assertEquals(parameter, e.parameter());
        assertTrue(e.getMessage().startsWith(parameter + ": "), e.getMessage());
    }

    @Test
    void absentParametersMeanTheNewestFifty() {
        assertEquals(new PageRequest("#Lobby", "#lobby", Long.MAX_VALUE, 50), PageRequest.parse("#Lobby", null, null));
    }

    @Test
    void givenParametersAreRead() {
        assertEquals(new PageRequest("#a[b]", "#a{b}", 1, 1), PageRequest.parse("#a[b]", "1", "1"));
        assertEquals(new PageRequest("#日本", "#日本", Long.MAX_VALUE, 200),
                PageRequest.parse("#日本", "9223372036854775807", "200"));
        assertEquals(120, PageRequest.parse("#a", "0120", "007").before(), "leading zeros are digits too");
    }

    @Test
    void aBadRoomIsNamed() {
        assertBad("room", "lobby", null, null);
        assertBad("room", "#", null, null);
        assertBad("room", "#a b", null, null);
        assertBad("room", "#a,b", null, null);
        assertBad("room", "#" + "x".repeat(50), null, null);
        assertBad("room", null, null, null);
        assertBad("room", "lobby", "0", "0");  // the room is checked first
    }

    @Test
    void aBadBeforeIsNamed() {
        for (String before : new String[] {"0", "-1", "", "abc", "1.5", "+3", " 3", "9223372036854775808",
                "99999999999999999999"}) {
            assertBad("before", "#a", before, null);
        }
    }

    @Test
    void aBadLimitIsNamed() {
        for (String limit : new String[] {"0", "201", "-5", "", "ten", "1e2", "99999999999999999999"}) {
            assertBad("limit", "#a", null, limit);
        }
    }
}
