package org.syncnet.door.irc;

import org.syncnet.chat.ChannelView;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.RoomMember;
import org.syncnet.door.irc.CapNegotiation.Cap;

/**
 * Channel membership as one connection is shown it: the status prefixes before nicks (353, 352) and channels (319)
 * — the highest only, or all of them ({@code @+}) for a client that negotiated {@code multi-prefix} — and which
 * secret ({@code +s}) channels it may see at all: those it is in, as ircds hide the others from NAMES, LIST, WHO and
 * WHOIS.
 */
final class ChannelStatus {
    private final ClientId me;
    private final CapNegotiation caps;

    ChannelStatus(ClientId me, CapNegotiation caps) {
        this.me = me;
        this.caps = caps;
    }

    String prefix(RoomMember m) {
        return prefix(m.op(), m.voice());
    }

    /** {@code @}, {@code +}, or with multi-prefix {@code @+}; empty for a member without status. */
    String prefix(boolean op, boolean voice) {
        if (caps.has(Cap.MULTI_PREFIX)) {
            return (op ? "@" : "") + (voice ? "+" : "");
        }
        return op ? "@" : voice ? "+" : "";
    }

    /** Whether this connection may see the channel: it is not secret, or the connection is in it. */
    boolean canSee(ChannelView room) {
        return !isSecret(room) || member(room, me) != null;
    }

    static boolean isSecret(ChannelView room) {
        return room.modes().indexOf('s') >= 0;
    }

    /** {@code client}'s membership of {@code room}, or null if it is not in it. */
    static RoomMember member(ChannelView room, ClientId client) {
        for (RoomMember m : room.members()) {
            if (m.member().client().equals(client)) {
                return m;
            }
        }
        return null;
    }
}
