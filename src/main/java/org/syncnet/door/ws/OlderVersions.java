package org.syncnet.door.ws;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.door.ws.ServerFrame.Presence.Change;

/**
 * What a client of an older protocol version gets instead of the latest version's frames: exactly the frames and
 * fields it got before, as the protocol promises (the server sends something new only once a client says it reads
 * it).
 * <ul>
 *   <li>Before version 5 (nick, away and action frames): no {@code away} frames, and members without who is away.
 *       (The {@code nick} frame a version 4 client gets on a guest rename stays.)</li>
 *   <li>Before version 4 (accounts): no {@code account}, {@code memberAccount} or {@code nick} frames, and members
 *       and joins without accounts.</li>
 *   <li>Before version 3 (channel moderation): a kick becomes the kicked member's {@code part}, with who kicked and
 *       why as its reason, so an older client's member list, and its own rooms, stay right; mode changes and invites
 *       it could not show are left out; members and errors lose their new fields.</li>
 * </ul>
 */
final class OlderVersions {
    private OlderVersions() {
    }

    static List<ServerFrame> downgrade(List<ServerFrame> frames, int version) {
        List<ServerFrame> out = new ArrayList<>(frames.size());
        for (ServerFrame f : frames) {
            ServerFrame older = withoutAway(f);
            if (older != null && version < ClientFrame.Hello.ACCOUNTS_VERSION) {
                older = withoutAccounts(older);
            }
            if (older != null && version < ClientFrame.Hello.MODERATION_VERSION) {
                older = withoutModeration(older);
            }
            if (older != null) {
                out.add(older);
            }
        }
        return out;
    }

    /** The frame as version 4 has it; null if it has none. */
    private static ServerFrame withoutAway(ServerFrame f) {
        if (f instanceof ServerFrame.Away) {
            return null;
        } else if (f instanceof ServerFrame.Members m && m.away() != null) {
            return new ServerFrame.Members(m.room(), m.nicks(), m.topic(), m.channel(), m.accounts());
        }
        return f;
    }

    /** The frame as version 3 has it; null if it has none. */
    private static ServerFrame withoutAccounts(ServerFrame f) {
        if (f instanceof ServerFrame.Account || f instanceof ServerFrame.MemberAccount || f instanceof ServerFrame.Nick) {
            return null;
        } else if (f instanceof ServerFrame.Members m && m.accounts() != null) {
            return new ServerFrame.Members(m.room(), m.nicks(), m.topic(), m.channel());
        } else if (f instanceof ServerFrame.Presence p && p.account() != null) {
            return new ServerFrame.Presence(p.room(), p.nick(), p.change(), p.newNick(), p.reason());
        }
        return f;
    }

    /** The frame as versions 1 and 2 have it; null if they have none. */
    private static ServerFrame withoutModeration(ServerFrame f) {
        if (f instanceof ServerFrame.Members m) {
            return m.channel() == null ? m : new ServerFrame.Members(m.room(), m.nicks(), m.topic());
        } else if (f instanceof ServerFrame.Error e) {
            return e.room() == null && e.nick() == null ? e : new ServerFrame.Error(e.code(), e.message(), e.id());
        } else if (f instanceof ServerFrame.Kick k) {
            return new ServerFrame.Presence(k.room(), k.target(), Change.PART, null, partReason(k));
        } else if (f instanceof ServerFrame.Mode || f instanceof ServerFrame.Invite) {
            return null;
        }
        return f;
    }

    private static String partReason(ServerFrame.Kick k) {
        return "kicked by " + k.nick() + (k.reason().isEmpty() ? "" : ": " + k.reason());
    }
}
