package org.syncnet.cluster.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncnet.cluster.log.entry.LogEntry;

class LogSegmentsTest {
    @TempDir
    Path dir;

    private static LogEntry entry(long epoch, long seq) {
        return new LogEntry(epoch, seq, "server1", "server1/" + seq, seq, ("event " + seq).getBytes(StandardCharsets.UTF_8));
    }

    private static List<LogEntry> entries(long epoch, long from, long to) {
        List<LogEntry> out = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            out.add(seq % 10 == 0 ? LogEntry.barrier(epoch, seq, "server3") : entry(epoch, seq));
        }
        return out;
    }

    private void commit(LogSegments log, List<LogEntry> entries) {
        entries.forEach(log::appended);
        log.flush();
    }

    /** A segment of two records, seq 1-20 and 21-40 (epoch 2). */
    private Path twoRecords() throws IOException {
        LogSegments log = LogSegments.open("server1", dir, 1000, false);
        commit(log, entries(2, 1, 20));
        commit(log, entries(2, 21, 40));
        log.close();
        try (Stream<Path> files = Files.list(dir)) {
            return files.findFirst().orElseThrow();
        }
    }

    @Test
    void withFsyncEveryFlushForcesItsWritesToDiskOnceWhateverTheirNumber() {
        LogSegments log = LogSegments.open("server1", dir, 1000, true);
        commit(log, entries(2, 1, 1));
        commit(log, entries(2, 2, 700)); // several records: still one force (group commit)
        log.flush(); // nothing new: nothing to force
        assertEquals(2, log.forces());
        log.close();
        assertEquals(entries(2, 1, 700), LogSegments.open("server1", dir, 1000, false).takeTail().entries());
        LogSegments without = LogSegments.open("server1", dir, 1000, false);
        commit(without, entries(2, 701, 710));
        assertEquals(0, without.forces());
    }

    @Test
    void committedEntriesComeBackInOrderAfterARestart() {
        LogSegments first = LogSegments.open("server1", dir, 1000, false);
        assertEquals(List.of(), first.takeTail().entries());
        commit(first, entries(2, 1, 300));
        commit(first, entries(5, 301, 700)); // more than one record per flush
        first.close();

        LogSegments.Tail tail = LogSegments.open("server1", dir, 1000, false).takeTail();
        assertEquals(entries(2, 1, 300), tail.entries().subList(0, 300));
        assertEquals(entries(5, 301, 700), tail.entries().subList(300, 700));
        assertEquals(0, tail.prevEpoch());
    }

    @Test
    void onlyTheLastEntriesAreKeptAndTheEpochBeforeThemIsKnown() throws IOException {
        LogSegments log = LogSegments.open("server1", dir, 2 * LogSegments.SEGMENT_ENTRIES, false);
        commit(log, entries(3, 1, LogSegments.SEGMENT_ENTRIES));
        commit(log, entries(4, LogSegments.SEGMENT_ENTRIES + 1, 2L * LogSegments.SEGMENT_ENTRIES));
        commit(log, entries(4, 2L * LogSegments.SEGMENT_ENTRIES + 1, 3L * LogSegments.SEGMENT_ENTRIES));
        commit(log, entries(4, 3L * LogSegments.SEGMENT_ENTRIES + 1, 3L * LogSegments.SEGMENT_ENTRIES + 1));
        log.close();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(3, files.count(), "the oldest segment went once the newer ones held enough");
        }
        LogSegments.Tail tail = LogSegments.open("server1", dir, 1000, false).takeTail();
        assertEquals(1000, tail.entries().size());
        assertEquals(3L * LogSegments.SEGMENT_ENTRIES + 1, tail.entries().get(999).seq());
        assertEquals(4, tail.prevEpoch());
        assertEquals(LogSegments.SEGMENT_ENTRIES + 1,
                LogSegments.open("server1", dir, 200_000, false).takeTail().entries().get(0).seq(),
                "what is kept on disk starts with the second segment");
    }

    @Test
    void aStartReadsOnlyTheSegmentsHoldingTheRecentEntriesAndThoseAfterTheAppliedOnes() throws IOException {
        int n = LogSegments.SEGMENT_ENTRIES;
        LogSegments log = LogSegments.open("server1", dir, 3 * n, false);
        commit(log, entries(3, 1, n));
        commit(log, entries(4, n + 1, 2L * n));
        commit(log, entries(4, 2L * n + 1, 2L * n + 500));
        log.close();
        Path oldest = dir.resolve(String.format("segment-%020d.log", 1));
        byte[] whole = Files.readAllBytes(oldest);
        Files.write(oldest, new byte[] {'n', 'o', 'n', 'e'}); // would fail the start if it were read

        LogSegments.Tail recent = LogSegments.open("server1", dir, 3 * n, 1000, 2L * n + 500, false).takeTail();
        assertEquals(entries(4, 2L * n - 499, 2L * n + 500), recent.entries(), "the last 1000");
        assertEquals(4, recent.prevEpoch());
        LogSegments.Tail unapplied = LogSegments.open("server1", dir, 3 * n, 1000, n + 10, false).takeTail();
        assertEquals(n + 11, unapplied.entries().get(0).seq(), "everything after the applied seq");
        assertEquals(2L * n + 500, unapplied.entries().get(unapplied.entries().size() - 1).seq());

        Files.write(oldest, whole);
        LogSegments reopened = LogSegments.open("server1", dir, n + 500, 1000, 2L * n + 500, false);
        reopened.resumesAfter(2L * n + 500, 4);
        commit(reopened, entries(4, 2L * n + 501, 2L * n + 600)); // a new segment, so old ones are looked at
        reopened.close();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(3, files.count(), "the oldest segment went once the newer ones held enough");
        }
        assertTrue(Files.notExists(oldest));
    }

    @Test
    void aTornRecordAtTheEndIsCutAndTheLogGoesOnFromWhatItHolds() throws IOException {
        Path segment = twoRecords();
        byte[] bytes = Files.readAllBytes(segment);
        Files.write(segment, java.util.Arrays.copyOf(bytes, bytes.length - 7)); // killed in the middle of a write

        LogSegments reopened = LogSegments.open("server1", dir, 1000, false);
        assertEquals(entries(2, 1, 20), reopened.takeTail().entries());
        assertTrue(Files.size(segment) < bytes.length - 7, "cut at the last whole record");
        reopened.resumesAfter(20, 2);
        commit(reopened, entries(6, 21, 25));
        reopened.close();
        List<LogEntry> expected = new ArrayList<>(entries(2, 1, 20));
        expected.addAll(entries(6, 21, 25));
        assertEquals(expected, LogSegments.open("server1", dir, 1000, false).takeTail().entries());
    }

    @Test
    void aDamagedRecordEndsTheReadableLogThere() throws IOException {
        Path segment = twoRecords();
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 3] ^= 1; // a flipped bit in the second record: its checksum fails
        Files.write(segment, bytes);
        assertEquals(entries(2, 1, 20), LogSegments.open("server1", dir, 1000, false).takeTail().entries());
    }

    @Test
    void entriesCommittedAgainAfterALossOfStateReplaceTheOldOnes() {
        LogSegments log = LogSegments.open("server1", dir, 1000, false);
        commit(log, entries(2, 1, 30));
        commit(log, entries(7, 21, 25)); // a sub-majority quorum's divergence: the log went on from seq 20
        log.close();
        List<LogEntry> expected = new ArrayList<>(entries(2, 1, 20));
        expected.addAll(entries(7, 21, 25));
        assertEquals(expected, LogSegments.open("server1", dir, 1000, false).takeTail().entries());
    }
}
