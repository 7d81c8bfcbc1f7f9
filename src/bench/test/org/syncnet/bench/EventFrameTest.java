package org.syncnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventFrameTest {
    @Test
    void readsTheServersEvent() {
        EventFrame f = new EventFrame();
        String s = "{\"type\":\"event\",\"seq\":1234567,\"room\":\"#Bench-ab\",\"nick\":\"b_1\",\"text\":\"17 9876543210\","
                + "\"time\":1795230004210,\"id\":\"m17\"}";
        assertTrue(f.parse(s));
        assertTrue(f.typeIs("event"));
        assertFalse(f.typeIs("even"));
        assertEquals(1234567, f.seq());
        assertTrue(f.hasSeq());
        assertTrue(f.hasId());
        assertTrue(f.roomAbsentOrEqualsIgnoreCase("#bench-AB"));
        assertFalse(f.roomAbsentOrEqualsIgnoreCase("#bench-a"));
        assertEquals("17 9876543210", s.substring(f.textStart(), f.textEnd()));

        assertTrue(f.parse(" { \"type\" : \"event\" , \"seq\" : 5 , \"text\":\"\", \"x\": null, \"y\": true } "));
        assertFalse(f.hasId());
        assertTrue(f.roomAbsentOrEqualsIgnoreCase("#any"));
        assertEquals(5, f.seq());
        assertEquals(f.textStart(), f.textEnd());
    }

    @Test
    void leavesAnythingElseToJsonP() {
        EventFrame f = new EventFrame();
        String[] notSimple = {
            "",
            "[]",
            "{\"type\":\"event\",\"text\":\"a\\\"b\"}",              // an escape
            "{\"type\":\"ev\\u0065nt\"}",
            "{\"type\":\"history\",\"messages\":[{\"seq\":1}]}",   // nesting
            "{\"type\":\"event\",\"seq\":1.5}",                   // not an integer
            "{\"type\":\"event\",\"seq\":1e3}",
            "{\"type\":\"event\",\"seq\":01}",
            "{\"type\":\"event\",\"seq\":12345678901234567890}",  // too long to be sure
            "{\"type\":\"event\",\"seq\":\"1\"}",                 // seq a string
            "{\"type\":\"event\",\"room\":5}",
            "{\"type\":\"event\",\"seq\":1,\"seq\":2}",           // repeated
            "{\"type\":\"event\",\"seq\":1",                      // truncated
            "{\"type\":\"event\",\"seq\":1}x",
            "{\"type\":\"event\" \"seq\":1}",
            "{\"type\":\"event\",\"seq\":1,}",
            "{\"type\":\"event\",\"ok\":tru}",
            "{\"type\":\"a\tb\"}",                                // a raw control character
        };
        for (String s : notSimple) {
            assertFalse(f.parse(s), s);
        }
        assertTrue(f.parse("{}"));
        assertFalse(f.typeIs("event"));
        assertFalse(f.hasSeq());
    }
}
