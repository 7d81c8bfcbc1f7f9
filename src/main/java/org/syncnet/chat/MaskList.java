package org.syncnet.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of a room's mask lists ({@code b}, {@code e}, {@code I}): normalized masks in the order they were set, each once
 * under {@link Casemapping rfc1459}, at most {@link ChatLimits#MAX_LIST_ENTRIES}.
 */
final class MaskList {
    /** By folded mask, so {@code Bob!*@*} and {@code bob!*@*} are one entry (the first spelling is kept). */
    final Map<String, ListEntry> entries = new LinkedHashMap<>();

    boolean contains(String mask) {
        return entries.containsKey(Casemapping.fold(mask));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    boolean isFull() {
        return entries.size() >= ChatLimits.MAX_LIST_ENTRIES;
    }

    void add(ListEntry entry) {
        entries.put(Casemapping.fold(entry.mask()), entry);
    }

    /** The removed entry (its stored spelling), or null if the mask was not listed. */
    ListEntry remove(String mask) {
        return entries.remove(Casemapping.fold(mask));
    }

    /** Whether any mask matches the client's {@code nick!user@host}. */
    boolean matches(String nickUserHost) {
        for (ListEntry e : entries.values()) {
            if (BanMask.matches(e.mask(), nickUserHost)) {
                return true;
            }
        }
        return false;
    }

    List<ListEntry> entries() {
        return new ArrayList<>(entries.values());
    }
}
