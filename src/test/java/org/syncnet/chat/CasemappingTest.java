package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CasemappingTest {
    @Test
    void foldsAsciiLettersAndTheScandinavianPairs() {
        assertEquals("alice", Casemapping.fold("ALICE"));
        assertEquals("{}|^", Casemapping.fold("[]\\~"));
        assertEquals("#lobby", Casemapping.fold("#LoBbY"));
        assertTrue(Casemapping.equal("Nick[away]", "nick{AWAY}"));
        assertTrue(Casemapping.equal("a\\b", "A|B"));
    }

    @Test
    void leavesEverythingElseAlone() {
        assertEquals("#ÄÖ-_`", Casemapping.fold("#ÄÖ-_`"));
        assertFalse(Casemapping.equal("#Ä", "#ä"), "non-ASCII is compared exactly, as IRC clients do");
        assertFalse(Casemapping.equal("a", "b"));
    }

    @Test
    void returnsTheSameStringWhenNothingFolds() {
        String s = "#already-lower";
        assertSame(s, Casemapping.fold(s));
    }
}
