package org.syncnet.door.irc;

import java.util.ArrayList;
import java.util.List;

/** IRC's comma-separated target lists ({@code JOIN #a,#b}, {@code PRIVMSG alice,#b}). */
final class Targets {
    private Targets() {
    }

    /** The non-empty names in {@code list}, in order. */
    static List<String> split(String list) {
        List<String> names = new ArrayList<>();
        for (String t : list.split(",")) {
            if (!t.isEmpty()) {
                names.add(t);
            }
        }
        return names;
    }
}
