package org.syncnet.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.syncnet.chat.ChatEvent.RoomJoined;
import org.syncnet.chat.ChatEvent.RoomLeft;
import org.syncnet.chat.ChatOutcome.Joined;
import org.syncnet.chat.ChatOutcome.Left;
import org.syncnet.chat.ChatOutcome.Rejected;

/**
 * The rooms of {@link ChatState}, who is in them (on both sides: each {@link RoomState}'s members and each
 * {@link Client}'s rooms) and their messages. Rules:
 * <ul>
 *   <li>Room names compare under {@link Casemapping rfc1459}; a room keeps the spelling of its creator's join.</li>
 *   <li>The first join creates a room; it stays, with its topic and history, when its last member leaves (a
 *       whole cluster restarted ends every client, and its rooms must still be there). Joining a room one is in is
 *       ignored (no outcome); a client may be in {@link ChatLimits#MAX_ROOMS_PER_CLIENT} rooms, and at most
 *       {@code maxRooms} ({@link ChatLimits#MAX_ROOMS}) rooms exist, which bounds the history held: a new room then
 *       replaces the oldest empty one, or is refused if none is empty.</li>
 *   <li>A new room has modes {@code +nt}, the creating join's time as its creation time, and its creator as
 *       operator ({@code @}). Joining a room without members also makes the joiner operator, but the room's modes,
 *       key, limit, lists and topic stay and apply to that join ({@link ChannelModeration#joinRefusal}).</li>
 *   <li>Each room keeps its last {@code historyLimit} messages; the {@link ResumeBuffer} holds the recent messages
 *       of all rooms beyond that, for resumes.</li>
 * </ul>
 */
final class RoomRegistry {
    final int historyLimit;
    final int maxRooms;
    /** By folded name, oldest first. */
    final Map<String, RoomState> rooms = new LinkedHashMap<>();
    final ResumeBuffer resume;

    RoomRegistry(int historyLimit, int maxRooms, long resumeChars) {
        this.historyLimit = historyLimit;
        this.maxRooms = maxRooms;
        this.resume = new ResumeBuffer(resumeChars);
    }

    /** The room called {@code name} (any case), or null. */
    RoomState get(String name) {
        return rooms.get(Casemapping.fold(name));
    }

    List<ChatOutcome> join(Client c, RoomJoined e) {
        String key = Casemapping.fold(e.room());
        if (c.rooms.contains(key)) {
            return List.of();
        }
        if (c.rooms.size() >= ChatLimits.MAX_ROOMS_PER_CLIENT) {
            return List.of(new Rejected(c.id, ErrorCode.TOO_MANY_ROOMS, e.room()));
        }
        RoomState room = rooms.get(key);
        if (room == null) {
            if (rooms.size() >= maxRooms && !dropOldestEmptyRoom()) {
                return List.of(new Rejected(c.id, ErrorCode.ROOM_LIMIT, e.room()));
            }
            room = new RoomState(e.room(), historyLimit, e.time());
            rooms.put(key, room);
        } else {
            ErrorCode refusal = ChannelModeration.joinRefusal(c, room, e.key());
            if (refusal != null) {
                return List.of(new Rejected(c.id, refusal, e.room()));
            }
        }
        room.join(c.member());
        c.rooms.add(key);
        return List.of(new Joined(room.name, c.member(), room.snapshot(0, resume, 0), room.audience()));
    }

    /** Makes room for a new room: the oldest room without members goes. False if every room has members. */
    private boolean dropOldestEmptyRoom() {
        for (Iterator<RoomState> it = rooms.values().iterator(); it.hasNext(); ) {
            if (it.next().members.isEmpty()) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    List<ChatOutcome> leave(Client c, RoomLeft e) {
        String key = Casemapping.fold(e.room());
        if (!c.rooms.contains(key)) {
            return List.of(new Rejected(c.id, ErrorCode.NOT_IN_ROOM, e.room()));
        }
        RoomState room = rooms.get(key);
        List<ClientId> to = room.audience();
        leaveByKey(c, key);
        return List.of(new Left(room.name, c.member(), e.reason(), to));
    }

    /** Takes {@code c}, a member, out of {@code room} (a kick). */
    void takeOut(Client c, RoomState room) {
        leaveByKey(c, Casemapping.fold(room.name));
    }

    private void leaveByKey(Client c, String key) {
        rooms.get(key).leave(c.id);
        c.rooms.remove(key);
    }

    /** {@code c} is going: it leaves every room and its invites are forgotten. The names of the rooms it was in. */
    List<String> leaveAll(Client c) {
        List<String> names = new ArrayList<>();
        for (String key : List.copyOf(c.rooms)) {
            names.add(rooms.get(key).name);
            leaveByKey(c, key);
        }
        for (RoomState room : rooms.values()) {
            room.forgetInvite(c.id);
        }
        return names;
    }

    /** {@code c} has a new nick or account: its rooms show the new member, in the same place in join order. */
    void renamed(Client c) {
        for (String key : c.rooms) {
            rooms.get(key).members.put(c.id, c.member());  // same key: keeps its place in join order
        }
    }

    /**
     * {@code c} now has the connection that replaced {@code old} (a resume): it becomes the newest member of its
     * rooms, and its statuses and invites move with it. The names of its rooms.
     */
    List<String> moved(Client c, ClientId old) {
        List<String> names = new ArrayList<>();
        for (String key : c.rooms) {
            RoomState room = rooms.get(key);
            room.members.remove(old);
            room.members.put(c.id, c.member());
            names.add(room.name);
        }
        for (RoomState room : rooms.values()) {
            room.replace(old, c.id);  // statuses, and invites to rooms it is not in
        }
        return names;
    }

    /** Everyone sharing a room with {@code c}, not {@code c} itself, each once, in a deterministic order. */
    Set<ClientId> roommates(Client c) {
        Set<ClientId> to = new LinkedHashSet<>();
        for (String key : c.rooms) {
            to.addAll(rooms.get(key).members.keySet());
        }
        to.remove(c.id);
        return to;
    }

    /** Adds a message to the room's history and to the resume buffer. */
    void record(RoomState room, HistoryEntry entry) {
        room.add(entry);
        resume.add(entry);
    }

    // ---- for ChatState's queries ----

    /** Display names of the rooms {@code c} is in, in join order. */
    List<String> namesOf(Client c) {
        List<String> names = new ArrayList<>();
        for (String key : c.rooms) {
            names.add(rooms.get(key).name);
        }
        return names;
    }

    /** Display names of all rooms, oldest first. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        for (RoomState r : rooms.values()) {
            names.add(r.name);
        }
        return Collections.unmodifiableList(names);
    }

    /** Display names of the rooms {@code client} holds an unused invite to, oldest room first. */
    List<String> invitedTo(ClientId client) {
        List<String> names = new ArrayList<>();
        for (RoomState r : rooms.values()) {
            if (r.isInvited(client)) {
                names.add(r.name);
            }
        }
        return names;
    }

    RoomSnapshot snapshot(RoomState room, long afterSeq, long maxResumeChars) {
        return room.snapshot(afterSeq, resume, maxResumeChars);
    }
}
