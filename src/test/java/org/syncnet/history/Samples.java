package org.syncnet.history;

import java.util.ArrayList;
import java.util.List;
import org.syncnet.chat.Casemapping;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatEventCodec;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Identity;

/** Committed events for the history tests. */
final class Samples {
    static final ClientId ALICE = new ClientId("server1", 1);
    static final ClientId BOB = new ClientId("server2", 7);

    private Samples() {
    }

    /** A message alice posted in {@code room}, as the chat accepted it at {@code seq}. */
    static CommittedEvent message(long seq, String room, String text) {
        byte[] payload = ChatEventCodec.encode(new ChatEvent.MessagePosted(ALICE, room, text, "m-" + seq,
                1_790_000_000_000L + seq));
        return new CommittedEvent(seq, 1, "server1", ALICE.toString(), seq, payload,
                Casemapping.fold(room), room, "alice");
    }

    /** An event that is no room message (bob claims a nick). */
    static CommittedEvent plain(long seq) {
        return plain(seq, 1);
    }

    static CommittedEvent plain(long seq, long epoch) {
        byte[] payload = ChatEventCodec.encode(new ChatEvent.NickClaimed(BOB, "bob", "", new Identity("u", "h", "")));
        return CommittedEvent.plain(seq, epoch, "server2", BOB.toString(), seq, payload);
    }

    /** Plain events {@code from} to {@code to}, ascending. */
    static List<CommittedEvent> plains(long from, long to) {
        List<CommittedEvent> all = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            all.add(plain(s));
        }
        return all;
    }
}
