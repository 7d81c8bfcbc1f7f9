package org.syncnet.chat.app;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.syncnet.chat.ChatStateSnapshot;

/**
 * Where this server keeps its chat state snapshots ({@link ChatStateSnapshot}): {@value #CURRENT} in its data folder
 * and the one before it, {@value #PREVIOUS} (used when the newer one is ahead of the stored history or unreadable).
 * A snapshot is written whole or not at all: into {@value #TEMPORARY} (a small write at a time: a whole file through
 * a channel in one write would leave a native buffer of its size cached on the thread), forced to disk, then renamed
 * into place.
 */
public final class SnapshotFiles {
    public static final String CURRENT = "chat-state.snapshot";
    public static final String PREVIOUS = "chat-state.previous.snapshot";
    static final String TEMPORARY = "chat-state.snapshot.tmp";
    /** What one read moves: small, so that it leaves no large native buffer behind. */
    private static final int CHUNK = 64 * 1024;

    private final Path folder;

    public SnapshotFiles(Path folder) {
        this.folder = folder;
    }

    /** One snapshot file as read: its bytes, or why it could not be read. */
    public record Found(Path path, byte[] bytes, String problem) {
    }

    /** The snapshots there are, newest first (a missing file is left out; an unreadable one says why). */
    public List<Found> newestFirst() {
        List<Found> found = new ArrayList<>(2);
        for (String name : List.of(CURRENT, PREVIOUS)) {
            Path path = folder.resolve(name);
            try {
                long size = Files.size(path);
                if (size > ChatStateSnapshot.MAX_BYTES) {
                    found.add(new Found(path, null, size + " bytes, more than " + ChatStateSnapshot.MAX_BYTES));
                } else {
                    found.add(new Found(path, read(path, (int) size), null));
                }
            } catch (NoSuchFileException e) {
                // none yet
            } catch (IOException e) {
                found.add(new Found(path, null, e.toString()));
            }
        }
        return found;
    }

    /**
     * The file's bytes, read a chunk at a time: one read of the whole file through a channel would leave a native
     * buffer of the file's size cached on the reading thread for the life of the server.
     */
    private static byte[] read(Path path, int size) throws IOException {
        byte[] bytes = new byte[size];
        try (FileInputStream in = new FileInputStream(path.toFile())) {
            int at = 0;
            while (at < size) {
                int n = in.read(bytes, at, Math.min(CHUNK, size - at));
                if (n < 0) {
                    return java.util.Arrays.copyOf(bytes, at);  // it shrank meanwhile: what there is
                }
                at += n;
            }
        }
        return bytes;
    }

    /** A snapshot's content, written to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code content} as the newest snapshot; the one it replaces becomes the previous. */
    public void save(Content content) throws IOException {
        Files.createDirectories(folder);
        Path temporary = folder.resolve(TEMPORARY);
        try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
            content.writeTo(out);
            out.getChannel().force(true);
        }
        Path current = folder.resolve(CURRENT);
        if (Files.exists(current)) {
            Files.move(current, folder.resolve(PREVIOUS), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(temporary, current, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);  // the renames themselves survive a power loss
        } catch (IOException e) {
            // some file systems cannot open a folder: the renames are still atomic
        }
    }

    public Path folder() {
        return folder;
    }
}
