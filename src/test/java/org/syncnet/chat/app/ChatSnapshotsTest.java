package org.syncnet.chat.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncnet.chat.ChatEvent;
import org.syncnet.chat.ChatEventCodec;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ChatStateSnapshot;
import org.syncnet.chat.ClientId;
import org.syncnet.chat.Identity;
import org.syncnet.cluster.log.Delivery;

/**
 * The chat saves its state every so many applied events and at stop, and a start loads the newest snapshot the stored
 * history reaches and applies only the stored events after it; a damaged snapshot, or one beyond the stored history,
 * is skipped for the one before it or for the whole history, and the state is the same either way.
 */
class ChatSnapshotsTest {
    private static final Identity ID = new Identity("u", "h", "");
    /** Runs a save at once, on the caller's thread. */
    private static final Executor DIRECT = Runnable::run;

    @TempDir
    Path folder;

    /** The log: clients join and talk, some leave. */
    private static List<ChatEvent> log(int count) {
        List<ChatEvent> events = new ArrayList<>();
        for (int i = 0; events.size() < count; i++) {
            ClientId c = new ClientId("server2", i % 7);
            switch (i % 9) {
                case 0 -> events.add(new ChatEvent.NickClaimed(c, "n" + (i % 7), "", ID));
                case 1 -> events.add(new ChatEvent.RoomJoined(c, "#r" + (i % 3)));
                case 8 -> events.add(new ChatEvent.ClientGone(c, "bye"));
                default -> events.add(new ChatEvent.MessagePosted(c, "#r" + (i % 3), "m" + i, "id" + i, i));
            }
        }
        return events;
    }

    /** The first {@code upTo} events of {@code log} as a history, recording from where they are replayed. */
    private static final class History implements StoredEvents {
        final List<ChatEvent> log;
        final long upTo;
        final List<Long> replayedAfter = new ArrayList<>();

        History(List<ChatEvent> log, long upTo) {
            this.log = log;
            this.upTo = upTo;
        }

        @Override
        public long lastSeq() {
            return upTo;
        }

        @Override
        public long replay(long afterSeq, Replay apply) {
            replayedAfter.add(afterSeq);
            for (long seq = afterSeq + 1; seq <= upTo; seq++) {
                apply.event(seq, "server2", ChatEventCodec.encode(log.get((int) seq - 1)));
            }
            return upTo - afterSeq;
        }
    }

    private static LogApplier applier(ChatState state) {
        return new LogApplier("server1", state, new Object(), new ConnectionRegistry("server1", 1, 2,
                (client, number, payload) -> true), CommittedEvents.NONE, new NickGuard(30_000, id -> true));
    }

    /** Applies events {@code from}..{@code to} as the log delivers them. */
    private static void deliver(LogApplier applier, List<ChatEvent> log, int from, int to) {
        for (int seq = from; seq <= to; seq++) {
            applier.deliver(List.of(new Delivery(1, seq, "server2", "c", seq,
                    ChatEventCodec.encode(log.get(seq - 1)))));
        }
    }

    private static byte[] stateOf(StoredEvents history) {
        ChatState whole = new ChatState();
        applier(whole).restore(history, ChatSnapshots.OFF);
        return ChatStateSnapshot.encode(whole);
    }

    @Test
    void aStartLoadsTheNewestSnapshotAndAppliesOnlyTheEventsAfterIt() throws Exception {
        List<ChatEvent> log = log(5_000);
        ChatState running = new ChatState();
        LogApplier first = applier(running);
        ChatSnapshots snapshots = new ChatSnapshots("server1", new SnapshotFiles(folder), 1_000);
        first.restore(StoredEvents.NONE, snapshots);
        snapshots.start(DIRECT);
        deliver(first, log, 1, 3_500);
        assertEquals(3_000, ChatStateSnapshot.seqOf(Files.readAllBytes(folder.resolve(SnapshotFiles.CURRENT))));
        assertEquals(2_000, ChatStateSnapshot.seqOf(Files.readAllBytes(folder.resolve(SnapshotFiles.PREVIOUS))));

        History stored = new History(log, 4_200);  // the history holds more than the snapshot: the tail is applied
        ChatState restarted = new ChatState();
        applier(restarted).restore(stored, new ChatSnapshots("server1", new SnapshotFiles(folder), 1_000));
        assertEquals(List.of(3_000L), stored.replayedAfter);
        assertTrue(java.util.Arrays.equals(stateOf(new History(log, 4_200)), ChatStateSnapshot.encode(restarted)));
    }

    @Test
    void aStopSavesTheStateAsItIs() throws Exception {
        List<ChatEvent> log = log(1_500);
        ChatState running = new ChatState();
        LogApplier applier = applier(running);
        ChatSnapshots snapshots = new ChatSnapshots("server1", new SnapshotFiles(folder), 1_000);
        applier.restore(StoredEvents.NONE, snapshots);
        snapshots.start(DIRECT);
        deliver(applier, log, 1, 1_234);
        applier.stopped();
        assertEquals(1_234, ChatStateSnapshot.seqOf(Files.readAllBytes(folder.resolve(SnapshotFiles.CURRENT))));

        History stored = new History(log, 1_234);
        ChatState restarted = new ChatState();
        applier(restarted).restore(stored, new ChatSnapshots("server1", new SnapshotFiles(folder), 1_000));
        assertEquals(List.of(1_234L), stored.replayedAfter, "nothing left to replay");
        assertTrue(java.util.Arrays.equals(ChatStateSnapshot.encode(running), ChatStateSnapshot.encode(restarted)));
    }

    @Test
    void aDamagedSnapshotOrOneBeyondTheHistoryIsSkipped() throws Exception {
        List<ChatEvent> log = log(5_000);
        ChatSnapshots snapshots = new ChatSnapshots("server1", new SnapshotFiles(folder), 1_000);
        LogApplier first = applier(new ChatState());
        first.restore(StoredEvents.NONE, snapshots);
        snapshots.start(DIRECT);
        deliver(first, log, 1, 3_000);  // snapshots at 2000 (previous) and 3000 (current)

        // The history lags behind the newest snapshot (it was still being written when the server died).
        History lagging = new History(log, 2_500);
        ChatState a = new ChatState();
        applier(a).restore(lagging, new ChatSnapshots("server1", new SnapshotFiles(folder), 1_000));
        assertEquals(List.of(2_000L), lagging.replayedAfter);
        assertTrue(java.util.Arrays.equals(stateOf(new History(log, 2_500)), ChatStateSnapshot.encode(a)));

        // Both damaged: the whole history is replayed.
        for (String name : List.of(SnapshotFiles.CURRENT, SnapshotFiles.PREVIOUS)) {
            byte[] bytes = Files.readAllBytes(folder.resolve(name));
            bytes[bytes.length / 2] ^= 0x10;
            Files.write(folder.resolve(name), bytes);
        }
        History full = new History(log, 3_300);
        ChatState b = new ChatState();
        applier(b).restore(full, new ChatSnapshots("server1", new SnapshotFiles(folder), 1_000));
        assertEquals(List.of(0L), full.replayedAfter);
        assertTrue(java.util.Arrays.equals(stateOf(new History(log, 3_300)), ChatStateSnapshot.encode(b)));
    }
}
