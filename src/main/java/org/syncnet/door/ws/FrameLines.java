package org.syncnet.door.ws;

import java.util.ArrayList;
import java.util.List;

/**
 * Protocol version 2's server frames: the objects a connection's flush sends go out joined into as few text frames as
 * the size bound allows, one object per line. The server's JSON never holds a raw line feed (strings escape control
 * characters), so a client splits a frame at {@code '\n'}. Under load a client gets one frame per flush instead of
 * one per event: the container does work for every frame (framing, callbacks, a buffer copy each), whatever its size.
 */
final class FrameLines {
    /** Objects are joined up to this many characters a frame; a longer one (a history page) goes alone. */
    static final int MAX_FRAME_CHARS = 64 * 1024;

    private FrameLines() {
    }

    /** The frames that carry {@code objects} in order, each at most {@code maxChars} unless one object is longer. */
    static List<String> join(List<String> objects, int maxChars) {
        List<String> frames = new ArrayList<>();
        int first = 0;
        int chars = 0;
        for (int i = 0; i < objects.size(); i++) {
            int length = objects.get(i).length();
            if (i > first && chars + 1 + length > maxChars) {
                frames.add(joined(objects, first, i));
                first = i;
                chars = 0;
            }
            chars += (i > first ? 1 : 0) + length;
        }
        if (first < objects.size()) {
            frames.add(joined(objects, first, objects.size()));
        }
        return frames;
    }

    private static String joined(List<String> objects, int from, int to) {
        // String.join sizes its result first: one copy of the objects, where a StringBuilder makes two
        return to - from == 1 ? objects.get(from) : String.join("\n", objects.subList(from, to));
    }
}
