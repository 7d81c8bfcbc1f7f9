package org.syncnet.door.ws;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.door.ws.ServerFrame.Presence.Change;

/**
 * What a client of protocol version 1 or 2 gets instead of version 3's frames: exactly the frames and fields it got
 * before channel moderation, as the protocol promises (the server sends something new only once a client says it
 * reads it). A kick becomes the kicked member's {@code part}, with who kicked and why as its reason, so an older
 * client's member list, and its own rooms, stay right; mode changes and invites it could not show are left out;
 * members and errors lose their new fields.
 */
final class OlderVersions {
    private OlderVersions() {
    }

    static List<ServerFrame> downgrade(List<ServerFrame> frames) {
        List<ServerFrame> out = new ArrayList<>(frames.size());
        for (ServerFrame f : frames) {
            if (f instanceof ServerFrame.Members m) {
                out.add(m.channel() == null ? m : new ServerFrame.Members(m.room(), m.nicks(), m.topic()));
            } else if (f instanceof ServerFrame.Error e) {
                out.add(e.room() == null && e.nick() == null ? e : new ServerFrame.Error(e.code(), e.message(), e.id()));
            } else if (f instanceof ServerFrame.Kick k) {
                out.add(new ServerFrame.Presence(k.room(), k.target(), Change.PART, null, partReason(k)));
            } else if (!(f instanceof ServerFrame.Mode) && !(f instanceof ServerFrame.Invite)) {
                out.add(f);
            }
        }
        return out;
    }

    private static String partReason(ServerFrame.Kick k) {
        return "kicked by " + k.nick() + (k.reason().isEmpty() ? "" : ": " + k.reason());
    }
}
