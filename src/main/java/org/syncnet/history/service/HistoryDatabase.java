package org.syncnet.history.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The history's database behind a datasource: the embedded SQLite file by default, PostgreSQL when configured (any
 * other that speaks the same SQL). Creates the table where missing and runs each piece of work in a transaction of
 * its own; on SQLite it also sets, per transaction, whether the commit waits for the disk ({@code syncnet.fsync}).
 */
final class HistoryDatabase {
    /** Work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final boolean fsync;
    private volatile boolean sqlite;

    /** @param fsync whether a commit waits until the disk holds it (SQLite; PostgreSQL decides that itself) */
    HistoryDatabase(DataSource dataSource, boolean fsync) {
        this.dataSource = dataSource;
        this.fsync = fsync;
    }

    /**
     * Creates the table and its index where missing, and learns which database this is.
     *
     * @throws HistoryStoreException when the database cannot be reached or read
     */
    void prepare() {
        run("preparing the history table", c -> {
            sqlite = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("sqlite");
            try (Statement s = c.createStatement()) {
                // SQLite: an integer primary key is the row id itself.
                for (String ddl : EventTable.create(sqlite ? "integer" : "bigint", sqlite ? "blob" : "bytea")) {
                    s.execute(ddl);
                }
            }
            return null;
        }, true);
    }

    /** {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T write(String what, Work<T> work) {
        return run(what, work, true);
    }

    /** {@code work} without a transaction of its own (each statement is one). */
    <T> T read(String what, Work<T> work) {
        return run(what, work, false);
    }

    private <T> T run(String what, Work<T> work, boolean transaction) {
        try (Connection c = dataSource.getConnection()) {
            if (!transaction) {
                return work.run(c);
            }
            if (sqlite) {
                try (Statement s = c.createStatement()) {
                    s.execute(fsync ? "pragma synchronous = full" : "pragma synchronous = normal");
                }
            }
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new HistoryStoreException(what + ": " + e.getMessage(), e);
        }
    }
}
