package org.syncnet.history.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The highest seq this server's history database confirmed stored, in a small text file beside it in the server's
 * data folder. At start a database that holds less than the mark says lost rows, or was replaced (a missing SQLite
 * file is silently created empty; a PostgreSQL URL may point elsewhere): the server fills it again from its peers and
 * its own log, and refuses to start only when neither has the events (see {@code ClusterService}). Written after each
 * stored batch (temporary file, then rename); not forced to disk: a mark that lags the database is harmless, only one
 * ahead of it would not be.
 */
final class HistoryMark {
    private final Path file;
    private final Path temporary;

    HistoryMark(Path file) {
        this.file = file;
        this.temporary = file.resolveSibling(file.getFileName() + ".tmp");
    }

    /**
     * The seq marked, 0 when there is no mark (a first start).
     *
     * @throws IllegalStateException naming the file when it is unreadable
     */
    long read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the history mark " + file + ": " + e.getMessage(), e);
        }
        try {
            long seq = Long.parseLong(text);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("the history mark " + file + " is corrupt (\"" + text.substring(0,
                Math.min(text.length(), 40)) + "\"); it should hold the highest stored seq");
    }

    void write(long seq) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(temporary, seq + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the history mark " + file, e);
        }
    }

    Path path() {
        return file;
    }
}
