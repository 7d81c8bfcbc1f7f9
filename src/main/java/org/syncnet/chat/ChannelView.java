package org.syncnet.chat;

import java.util.List;

/**
 * A room as the doors show it to MODE, NAMES, WHO and LIST: without its history. {@code modes} are the letters set,
 * such as {@code +ntk} (flags in alphabetical order, then {@code k}, then {@code l}), without arguments: {@code key}
 * (empty: none) and {@code limit} (0: none) hold them, as a door shows the key only to members. {@code created}: the
 * creating join's time (milliseconds since 1970; 0 if the room was created by an event logged before joins had it).
 */
public record ChannelView(String name, String topic, long created, String modes, String key, int limit,
                          List<RoomMember> members, List<ListEntry> bans, List<ListEntry> exceptions,
                          List<ListEntry> inviteExceptions) {
    public ChannelView {
        members = List.copyOf(members);
        bans = List.copyOf(bans);
        exceptions = List.copyOf(exceptions);
        inviteExceptions = List.copyOf(inviteExceptions);
    }
}
