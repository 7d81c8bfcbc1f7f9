package org.syncnet.door.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameLinesTest {
    @Test
    void objectsShareFramesInOrderUpToTheBound() {
        List<String> objects = List.of("{\"a\":1}", "{\"b\":22}", "{\"c\":333}", "{\"d\":4}");
        assertEquals(List.of(String.join("\n", objects)), FrameLines.join(objects, 1000));
        // 7 + 1 + 8 = 16 fits 17, a third would make 26
        assertEquals(List.of("{\"a\":1}\n{\"b\":22}", "{\"c\":333}\n{\"d\":4}"), FrameLines.join(objects, 17));
        assertEquals(objects, FrameLines.join(objects, 8), "one each when two never fit");
    }

    @Test
    void anObjectOverTheBoundGoesAloneAndUncopied() {
        String big = "{\"h\":\"" + "x".repeat(100) + "\"}";
        List<String> frames = FrameLines.join(List.of("{}", big, "{}"), 50);
        assertEquals(List.of("{}", big, "{}"), frames);
        assertSame(big, frames.get(1));
        assertEquals(List.of(), FrameLines.join(List.of(), 50));
    }

    @Test
    void splittingTheFramesAtLineFeedsGivesTheObjectsBack() {
        for (int bound = 1; bound < 60; bound++) {
            List<String> objects = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                objects.add("{\"n\":" + "9".repeat(i % 7) + i + "}");
            }
            int longest = objects.stream().mapToInt(String::length).max().orElseThrow();
            List<String> back = new ArrayList<>();
            for (String frame : FrameLines.join(objects, bound)) {
                assertTrue(frame.length() <= Math.max(bound, longest), "bound " + bound + ": " + frame);
                back.addAll(Arrays.asList(frame.split("\n")));
            }
            assertEquals(objects, back, "bound " + bound);
        }
    }
}
