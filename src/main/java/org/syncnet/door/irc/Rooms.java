package org.syncnet.door.irc;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.syncnet.chat.Casemapping;
import org.syncnet.chat.ChatLimits;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.RoomSnapshot;

/** Cheap looks at the chat state's rooms for queries and pre-checks (no history copied). */
final class Rooms {
    private Rooms() {
    }

    /** The room's members and topic without its history, or empty if no such room exists. */
    static Optional<RoomSnapshot> peek(ChatState state, String room) {
        // A resume point past every sequence selects no history: only the members are copied.
        return state.room(room, Long.MAX_VALUE);
    }

    static boolean exists(ChatState state, String room) {
        String key = Casemapping.fold(room);
        for (String r : state.rooms()) {
            if (Casemapping.fold(r).equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code room} exists and is {@code -n}: non-members may post to it. */
    static boolean acceptsOutsiders(ChatState state, String room) {
        return ChatLimits.isValidRoom(room)
                && state.channel(room).map(r -> r.modes().indexOf('n') < 0).orElse(false);
    }

    /** The folded names of the rooms {@code client} is in. */
    static Set<String> foldedRoomsOf(ChatState state, ClientId client) {
        List<String> rooms = state.roomsOf(client);
        Set<String> folded = new HashSet<>(rooms.size() * 2);
        for (String r : rooms) {
            folded.add(Casemapping.fold(r));
        }
        return folded;
    }
}
