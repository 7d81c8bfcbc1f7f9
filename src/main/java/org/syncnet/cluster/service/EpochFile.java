package org.syncnet.cluster.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The bound epoch on disk, one small file in the server's data folder. Format (17 bytes): the magic {@code SNEP},
 * a version byte (1), the epoch (8 bytes, big-endian), and a CRC-32 of the 13 bytes before it. A write goes to a
 * temporary file that is forced to disk and then renamed over the old one, so a crash leaves the old or the new
 * record, never a torn one. A file that is there but unreadable is an error, never read as 0: a server that forgot
 * its epoch could grant a stale leader a promise.
 */
public final class EpochFile {
    static final byte VERSION = 1;
    private static final byte[] MAGIC = {'S', 'N', 'E', 'P'};
    static final int SIZE = MAGIC.length + 1 + Long.BYTES + Integer.BYTES;

    private final Path file;
    private final Path temporary;
    private long epoch;

    /**
     * Reads the record at {@code file} (none there: epoch 0).
     *
     * @throws IllegalStateException naming the file when it cannot be read or is not a valid record
     */
    public EpochFile(Path file) {
        this.file = file;
        this.temporary = file.resolveSibling(file.getFileName() + ".tmp");
        this.epoch = load();
    }

    /** The recorded epoch, 0 if none. */
    public long read() {
        return epoch;
    }

    /** Records {@code e} durably before returning; throws if it cannot (the node must not go on then). */
    public void write(long e) {
        ByteBuffer record = ByteBuffer.allocate(SIZE).put(MAGIC).put(VERSION).putLong(e);
        record.putInt((int) crc(record.array()));
        record.flip();
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (record.hasRemaining()) {
                    ch.write(record);
                }
                ch.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot record epoch " + e + " in " + file, ex);
        }
        epoch = e;
    }

    public Path path() {
        return file;
    }

    private long load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the epoch record " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length != SIZE || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || bytes[MAGIC.length] != VERSION) {
            throw corrupt("not an epoch record of version " + VERSION + " (" + bytes.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, MAGIC.length + 1, Long.BYTES + Integer.BYTES);
        long e = in.getLong();
        if (in.getInt() != (int) crc(bytes) || e < 0) {
            throw corrupt("its checksum does not match");
        }
        return e;
    }

    private IllegalStateException corrupt(String why) {
        return new IllegalStateException("the epoch record " + file + " is corrupt: " + why + "; restore it, or delete"
                + " it only together with the server's whole data/syncnet folder (the server then starts empty and"
                + " catches up from its peers)");
    }

    /** The CRC-32 of the record's first 13 bytes. */
    private static long crc(byte[] record) {
        CRC32 crc = new CRC32();
        crc.update(record, 0, SIZE - Integer.BYTES);
        return crc.getValue();
    }
}
