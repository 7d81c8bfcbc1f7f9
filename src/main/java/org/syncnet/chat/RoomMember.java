package org.syncnet.chat;

/** A member of a room with its status there: channel operator ({@code @}) and voice ({@code +}). */
public record RoomMember(Member member, boolean op, boolean voice) {
    /** The NAMES prefix of the highest status: {@code @}, {@code +} or empty. */
    public String prefix() {
        return op ? "@" : voice ? "+" : "";
    }
}
