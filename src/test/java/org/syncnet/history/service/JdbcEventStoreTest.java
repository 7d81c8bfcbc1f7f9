package org.syncnet.history.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;
import org.syncnet.history.CommittedEvent;

/**
 * The history's SQL on the embedded database itself (SQLite, a file in a temporary folder, as the servers open it):
 * what the writer, the REST pages, the start-up transfer and the retention ask of it; and the check of the file at
 * start.
 */
class JdbcEventStoreTest {
    @TempDir
    Path dir;

    private HistoryDatabase database(boolean fsync) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve(EmbeddedHistoryFile.NAME) + "?journal_mode=WAL&busy_timeout=10000");
        HistoryDatabase db = new HistoryDatabase(ds, fsync);
        db.prepare();
        return db;
    }

    private static CommittedEvent message(long seq, String room) {
        return new CommittedEvent(seq, 2, "server1", "server1/1", seq, new byte[] {(byte) seq, 7},
                room.toLowerCase(), room, "alice");
    }

    private static CommittedEvent plain(long seq) {
        return CommittedEvent.plain(seq, 2, "server2", "server2/9", seq, new byte[] {1});
    }

    @Test
    void storesReadsPagesAndDeletesEventsByTheirSeqs() {
        JdbcEventStore store = new JdbcEventStore(database(true));
        assertEquals(0, store.highestSeq());
        List<CommittedEvent> events = new ArrayList<>();
        for (long seq = 1; seq <= 120; seq++) {
            events.add(seq % 3 == 0 ? plain(seq) : message(seq, seq % 3 == 1 ? "#A" : "#B"));
        }
        store.append(events); // three statements of 50 rows or fewer, one transaction
        assertEquals(120, store.highestSeq());
        assertTrue(store.eventAt(7).sameEntryAs(events.get(6)));
        assertNull(store.eventAt(121));
        List<CommittedEvent> read = store.readFrom(50, 20);
        assertEquals(20, read.size());
        assertEquals(50, read.get(0).seq());
        assertTrue(read.get(19).sameEntryAs(events.get(68)));

        List<CommittedEvent> page = store.roomMessages("#a", 100, 5);
        assertEquals(List.of(97L, 94L, 91L, 88L, 85L), page.stream().map(CommittedEvent::seq).toList(),
                "newest first, below the given seq, one room only");
        assertEquals("#A", page.get(0).room());

        assertEquals(21, store.deleteFrom(100));
        assertEquals(99, store.highestSeq());
    }

    @Test
    void aFailedBatchChangesNothing() {
        JdbcEventStore store = new JdbcEventStore(database(false));
        store.append(List.of(plain(1), plain(2)));
        assertThrows(HistoryStoreException.class, () -> store.append(List.of(plain(3), plain(2))),
                "seq 2 is stored already");
        assertEquals(2, store.highestSeq(), "seq 3 was rolled back with the rest of its batch");
    }

    @Test
    void retentionCountsReadsAndRemovesOneRoomsOldestMessages() {
        JdbcEventStore store = new JdbcEventStore(database(false));
        JdbcRetentionStore retention = new JdbcRetentionStore(database(false), store);
        List<CommittedEvent> events = new ArrayList<>();
        for (long seq = 1; seq <= 30; seq++) {
            events.add(seq % 2 == 0 ? plain(seq) : message(seq, seq < 20 ? "#A" : "#B"));
        }
        store.append(events);
        assertEquals(Map.of("#a", 10L, "#b", 5L), retention.messageCounts());
        assertEquals(5, retention.nthOldestMessageSeq("#a", 3));
        assertEquals(0, retention.nthOldestMessageSeq("#b", 6));
        assertEquals(List.of(21L, 23L), retention.oldestMessages("#b", 2).stream().map(CommittedEvent::seq).toList());
        assertEquals(3, retention.deleteMessagesThrough("#a", 5));
        assertEquals(Map.of("#a", 7L, "#b", 5L), retention.messageCounts());
        assertNotNull(store.eventAt(2), "no other event is removed");
        assertEquals(30, retention.highestSeq());
    }

    @Test
    void theFileIsInWriteAheadLogModeAndCommitsWaitForTheDiskOnlyWithFsync() throws Exception {
        HistoryDatabase db = database(true);
        assertEquals("wal", db.read("journal mode", c -> pragma(c, "journal_mode")));
        assertEquals("2", db.write("synchronous", c -> pragma(c, "synchronous")), "FULL");
        assertEquals("1", database(false).write("synchronous", c -> pragma(c, "synchronous")), "NORMAL");
    }

    private static String pragma(Connection c, String name) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("pragma " + name)) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void aDamagedFileIsSetAsideAndASoundOneLeftAsItIs() throws Exception {
        new JdbcEventStore(database(false)).append(List.of(plain(1)));
        EmbeddedHistoryFile file = new EmbeddedHistoryFile(dir);
        assertNull(file.setAsideIfDamaged("server1"), "it reads");
        assertTrue(Files.exists(dir.resolve(EmbeddedHistoryFile.NAME)));

        Path db = dir.resolve(EmbeddedHistoryFile.NAME);
        byte[] bytes = Files.readAllBytes(db);
        for (int i = 0; i < bytes.length; i += 97) {
            bytes[i] ^= 0x5a;
        }
        Files.write(db, bytes);
        Files.deleteIfExists(dir.resolve(EmbeddedHistoryFile.NAME + "-wal"));
        Path aside = file.setAsideIfDamaged("server1");
        assertNotNull(aside);
        assertTrue(Files.exists(aside));
        assertFalse(Files.exists(db), "a new file is made when the database is opened next");
        assertEquals(0, new JdbcEventStore(database(false)).highestSeq());
    }

    @Test
    void anEarlierVersionsH2FileAndItsMarkAreSetAside() throws Exception {
        Path mark = dir.resolve("history-mark");
        Files.writeString(mark, "5042\n");
        Files.write(dir.resolve("history.mv.db"), new byte[] {1, 2, 3});
        EmbeddedHistoryFile file = new EmbeddedHistoryFile(dir);
        Path aside = file.retireH2("server1", mark);
        assertNotNull(aside);
        assertTrue(Files.exists(aside));
        assertFalse(Files.exists(dir.resolve("history.mv.db")));
        assertFalse(Files.exists(mark), "the new history does not count what the old one stored");
        assertNull(file.retireH2("server1", mark), "once");
    }
}
