package org.syncnet.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The last {@link ChatLimits#WHOWAS_ENTRIES} nicks that went away, for WHOWAS; part of the replicated state. */
final class Whowas {
    final ArrayDeque<WhowasEntry> entries = new ArrayDeque<>();

    void add(WhowasEntry entry) {
        entries.addLast(entry);
        if (entries.size() > ChatLimits.WHOWAS_ENTRIES) {
            entries.removeFirst();
        }
    }

    /** The entries for {@code nick} (any case), newest first, at most {@code max} ({@code max} ≤ 0: all). */
    List<WhowasEntry> find(String nick, int max) {
        String key = Casemapping.fold(nick);
        List<WhowasEntry> found = new ArrayList<>();
        Iterator<WhowasEntry> newestFirst = entries.descendingIterator();
        while (newestFirst.hasNext() && (max <= 0 || found.size() < max)) {
            WhowasEntry e = newestFirst.next();
            if (Casemapping.fold(e.nick()).equals(key)) {
                found.add(e);
            }
        }
        return found;
    }
}
