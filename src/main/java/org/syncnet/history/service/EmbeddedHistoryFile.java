package org.syncnet.history.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The embedded history database's file, {@code <data folder>/history.db}, checked at start before the datasource opens
 * it: a file SQLite cannot read (damaged on disk, or not a database at all) is moved aside with its journal files and
 * named in the log, and the server starts with a new one, which it fills again from its peers and its own log (the
 * data exists there). Only the embedded database: a PostgreSQL history is its operator's to repair.
 */
final class EmbeddedHistoryFile {
    static final String NAME = "history.db";
    private static final Logger LOG = Logger.getLogger("org.syncnet.history");

    private final Path file;

    EmbeddedHistoryFile(Path folder) {
        this.file = folder.resolve(NAME);
    }

    /**
     * Moves the file aside if SQLite cannot read its table; returns where it went, or null if there is no file or it
     * reads.
     *
     * @throws IOException when a damaged file cannot be moved
     */
    Path setAsideIfDamaged(String self) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        String problem = problem();
        if (problem == null) {
            return null;
        }
        Path aside = file.resolveSibling(NAME + ".damaged-" + System.currentTimeMillis());
        for (String suffix : new String[] {"-wal", "-shm", ""}) {
            Path part = file.resolveSibling(NAME + suffix);
            if (Files.exists(part)) {
                Files.move(part, aside.resolveSibling(aside.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        LOG.severe(self + ": the history database " + file + " cannot be read (" + problem + "); it was moved to "
                + aside + " and a new one is filled from the peers and this server's log");
        return aside;
    }

    /**
     * Moves aside the H2 database of a version before SQLite (its {@code history.mv.db}) and the mark that counted its
     * events: this version does not read it, and a new history starts, filled from the peers (the cluster keeps
     * going; what no peer stored any more is not carried over). Returns where the old file went, or null if there was
     * none.
     *
     * @throws IOException when the files cannot be moved
     */
    Path retireH2(String self, Path mark) throws IOException {
        Path h2 = file.resolveSibling("history.mv.db");
        if (!Files.exists(h2)) {
            return null;
        }
        String suffix = ".h2-" + System.currentTimeMillis();
        Path aside = h2.resolveSibling(h2.getFileName() + suffix);
        Files.move(h2, aside, StandardCopyOption.ATOMIC_MOVE);
        if (Files.exists(mark)) {
            Files.move(mark, mark.resolveSibling(mark.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
        }
        LOG.warning(self + ": the H2 history database of an earlier version, " + h2 + ", is not read by this one (it"
                + " keeps its history in SQLite); it was moved to " + aside + " and a new history is filled from the"
                + " peers");
        return aside;
    }

    /** Null if SQLite reads the file's header, schema and last row; else what it said. */
    private String problem() {
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties());
             Statement s = c.createStatement()) {
            try (ResultSet tables = s.executeQuery("select count(*) from sqlite_master where name = 'chat_event'")) {
                tables.next();
                if (tables.getInt(1) == 0) {
                    return null; // created, the table not yet: prepare() makes it
                }
            }
            try (ResultSet last = s.executeQuery("select * from chat_event where seq = (select max(seq) from"
                    + " chat_event)")) {
                last.next();
            }
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }
}
