package org.syncnet.chat;

import java.util.Arrays;

/**
 * Payloads as releases before version 5 wrote them (the codec now writes only version 5): stored history holds them
 * and is replayed at start, so the decoder must still read them.
 */
final class Version3 {
    private Version3() {
    }

    /** Whether version 3 could carry the event: its nine types, a join without key and time. */
    static boolean has(ChatEvent e) {
        if (e instanceof ChatEvent.RoomJoined j) {
            return j.key().isEmpty() && j.time() == 0;
        }
        return e instanceof ChatEvent.NickClaimed || e instanceof ChatEvent.RoomLeft
                || e instanceof ChatEvent.MessagePosted || e instanceof ChatEvent.ClientGone
                || e instanceof ChatEvent.ServerGone || e instanceof ChatEvent.TopicSet
                || e instanceof ChatEvent.PrivateMessage || e instanceof ChatEvent.AwaySet;
    }

    static byte[] encode(ChatEvent e) {
        if (!has(e)) {
            throw new IllegalArgumentException("not in version 3: " + e);
        }
        byte[] b = ChatEventCodec.encode(e);
        if (e instanceof ChatEvent.RoomJoined) {
            b = Arrays.copyOf(b, b.length - 2 - 8);  // version 4 appended the key (empty: its length) and the time
        }
        b[0] = 3;
        return b;
    }

    /** The event as version 4 wrote it: version 5 without the account types. */
    static byte[] encodeVersion4(ChatEvent e) {
        byte[] b = ChatEventCodec.encode(e);
        if (b[1] >= ChatEventCodec.ACCOUNT_REGISTERED) {
            throw new IllegalArgumentException("not in version 4: " + e);
        }
        b[0] = 4;
        return b;
    }

    static byte[] nickClaim(String server, long connection, byte[] nick) {
        byte[] b = ChatEventCodecTest.nickClaim(server, connection, nick);
        b[0] = 3;
        return b;
    }
}
