package org.syncnet.cluster.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.syncnet.cluster.log.DurableLog;
import org.syncnet.cluster.log.entry.LogEntry;
import org.syncnet.cluster.wire.Append;
import org.syncnet.cluster.wire.MalformedDatagramException;

/**
 * The log on disk: segment files {@code segment-<first seq>.log} in the server's data folder. A file is
 * the magic {@code SNLG} and a version byte (1), then records: body length (4 bytes), CRC-32 of the body (4), and the
 * body, an {@link Append} body (the entries after (prevEpoch, prevSeq), as the cluster wire carries them). Entries
 * are buffered as they are appended and written once per step of the cluster thread ({@link #flush}), before anything
 * sent can show them: a killed process keeps what it wrote. With {@code fsync} the write is also forced to disk then
 * (one fsync for all the step's entries: group commit), so a power loss loses nothing this server acknowledged;
 * without it the operating system writes when it will, and a machine crash may lose the last writes. Loading stops at
 * the first
 * torn or damaged record (a kill during a write) and cuts the file there; a new run starts a new segment. Old
 * segments go once the newer ones hold {@code keep} entries.
 */
public final class LogSegments implements DurableLog {
    /**
     * Entries kept on disk (not in memory): what a server whose history lost its newest events (a crash while the
     * history's queue was long, a database replaced) delivers again from here when no peer has them.
     */
    public static final int KEEP = 100_000;
    private static final Logger LOG = Logger.getLogger("org.syncnet.cluster");
    static final byte VERSION = 1;
    private static final byte[] MAGIC = {'S', 'N', 'L', 'G'};
    private static final int HEADER = MAGIC.length + 1;
    /** Entries in one segment before the next begins. */
    static final int SEGMENT_ENTRIES = 50_000;
    /** Entries in one record at most: a record is read whole. */
    static final int RECORD_ENTRIES = 256;
    private static final int MAX_RECORD_BYTES = Append.FIXED_BYTES + RECORD_ENTRIES * (LogEntry.MAX_PAYLOAD + 256);

    /** The entries kept when the server starts: the last ones appended, contiguous (the end may be uncommitted). */
    public record Tail(long prevEpoch, List<LogEntry> entries) {
    }

    private final String self;
    private final Path dir;
    private final int keep;
    private final int recent;
    private final long applied;
    private final boolean fsync;
    /** Segment files by first seq, with how many entries each holds. */
    private final TreeMap<Long, Long> segments = new TreeMap<>();
    private final List<LogEntry> buffer = new ArrayList<>();
    /** Until taken: the entries read back at start (the log holds what it needs of them from then on). */
    private Tail tail;
    private FileChannel current;
    private long currentFirst;
    private long lastSeq;
    private long lastEpoch;
    private boolean failing;
    private long forces;

    private LogSegments(String self, Path dir, int keep, int recent, long applied, boolean fsync) throws IOException {
        this.self = self;
        this.dir = dir;
        this.keep = keep;
        this.recent = recent;
        this.applied = applied;
        this.fsync = fsync;
        Files.createDirectories(dir);
        this.tail = load();
    }

    /** Opens the log in {@code dir} and reads the last {@code keep} entries back. */
    public static LogSegments open(String self, Path dir, int keep, boolean fsync) {
        return open(self, dir, keep, keep, Long.MAX_VALUE, fsync);
    }

    /**
     * Opens the log in {@code dir}, which keeps {@code keep} entries on disk, and reads back only what the server needs
     * of them: the last {@code recent} entries, and every one after {@code applied} (the chat state has not seen
     * those). Older segments are not read at all, so a start costs the same however much the disk keeps.
     *
     * @param fsync whether every {@link #flush} forces what it wrote to disk
     * @throws UncheckedIOException naming the folder when it cannot be read
     */
    public static LogSegments open(String self, Path dir, int keep, int recent, long applied, boolean fsync) {
        try {
            return new LogSegments(self, dir, keep, recent, applied, fsync);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The entries read back at start; once only, so that this durable log does not hold them in memory. */
    public Tail takeTail() {
        Tail taken = tail;
        if (taken == null) {
            throw new IllegalStateException("the tail was taken already");
        }
        tail = null;
        return taken;
    }

    @Override
    public void resumesAfter(long seq, long epoch) {
        if (seq > lastSeq) {
            lastSeq = seq;
            lastEpoch = epoch;
        }
    }

    @Override
    public void appended(LogEntry entry) {
        buffer.add(entry);
    }

    /** Writes what was appended since the last flush. A failure is logged once and counted as not kept. */
    public void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        try {
            for (int from = 0; from < buffer.size(); from += RECORD_ENTRIES) {
                write(buffer.subList(from, Math.min(buffer.size(), from + RECORD_ENTRIES)));
            }
            if (fsync) {
                current.force(false);
                forces++;
            }
            if (failing) {
                failing = false;
                LOG.info(() -> self + ": writing the log to " + dir + " works again");
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.severe(self + ": cannot write the log to " + dir + ": " + e + "; log entries are not kept"
                        + " on disk until it works again");
            }
            closeCurrent();
        } finally {
            buffer.clear();
        }
    }

    /** How often a flush forced the log to disk. */
    public long forces() {
        return forces;
    }

    public void close() {
        flush();
        closeCurrent();
    }

    private void write(List<LogEntry> entries) throws IOException {
        LogEntry first = entries.get(0);
        long prevEpoch = first.seq() == lastSeq + 1 ? lastEpoch : 0;
        if (current == null || first.seq() != lastSeq + 1 || segments.get(currentFirst) >= SEGMENT_ENTRIES) {
            startSegment(first.seq());
        }
        Append body = new Append(prevEpoch, first.seq() - 1, 0, entries);
        int size = 8 + Append.FIXED_BYTES;
        for (LogEntry e : entries) {
            size += Append.encodedSize(e);
        }
        ByteBuffer record = ByteBuffer.allocate(size);
        record.position(8);
        body.writeBody(record);
        int length = record.position() - 8;
        CRC32 crc = new CRC32();
        crc.update(record.array(), 8, length);
        record.putInt(0, length).putInt(4, (int) crc.getValue());
        record.flip();
        while (record.hasRemaining()) {
            current.write(record);
        }
        segments.merge(currentFirst, (long) entries.size(), Long::sum);
        LogEntry last = entries.get(entries.size() - 1);
        lastSeq = last.seq();
        lastEpoch = last.epoch();
    }

    private void startSegment(long firstSeq) throws IOException {
        if (fsync && current != null) {
            current.force(false);
        }
        closeCurrent();
        // Segments that start at or after this seq hold entries the log replaced (state lost): drop them.
        for (Long later : new ArrayList<>(segments.tailMap(firstSeq, true).keySet())) {
            Files.deleteIfExists(segmentFile(later));
            segments.remove(later);
        }
        current = FileChannel.open(segmentFile(firstSeq), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        current.write(ByteBuffer.wrap(new byte[] {MAGIC[0], MAGIC[1], MAGIC[2], MAGIC[3], VERSION}));
        if (fsync) {
            try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
                folder.force(true); // the new file's name, so that a power loss cannot lose the whole segment
            }
        }
        currentFirst = firstSeq;
        segments.put(firstSeq, 0L);
        dropOldSegments();
    }

    /** Deletes the oldest segments while the newer ones still hold {@code keep} entries. */
    private void dropOldSegments() throws IOException {
        while (segments.size() > 1) {
            long newer = segments.values().stream().mapToLong(Long::longValue).sum() - segments.firstEntry().getValue();
            if (newer < keep) {
                return;
            }
            Files.deleteIfExists(segmentFile(segments.firstKey()));
            segments.pollFirstEntry();
        }
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.fine(() -> self + ": closing a log segment: " + e);
            }
            current = null;
        }
    }

    private Path segmentFile(long firstSeq) {
        return dir.resolve(String.format("segment-%020d.log", firstSeq));
    }

    // ---- loading ------------------------------------------------------------------------------------------------

    private Tail load() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().matches("segment-\\d{20}\\.log")).sorted().toList();
        }
        ArrayDeque<LogEntry> kept = new ArrayDeque<>();
        long prevEpoch = 0;
        // A segment holds the entries before the next one's first seq (later ones it holds were replaced), and the
        // log ends at the last one's first seq - 1 or after: a segment wholly before what is needed is not read.
        long needed = files.isEmpty() ? 0 : needed(firstSeq(files.get(files.size() - 1)) - 1);
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            if (i + 1 < files.size() && firstSeq(files.get(i + 1)) <= needed) {
                segments.put(firstSeq(file), firstSeq(files.get(i + 1)) - firstSeq(file));
                continue;
            }
            long count = 0;
            for (Append record : readRecords(file)) {
                long prevSeq = record.prevSeq();
                LogEntry lastKept = kept.peekLast();
                if (lastKept != null && prevSeq < lastKept.seq()) {
                    while (!kept.isEmpty() && kept.peekLast().seq() > prevSeq) {
                        kept.pollLast(); // replaced after a loss of state: the later record wins
                    }
                } else if (lastKept != null && prevSeq > lastKept.seq()) {
                    kept.clear(); // a gap: only what follows it is contiguous
                }
                if (kept.isEmpty()) {
                    prevEpoch = record.prevEpoch();
                }
                for (LogEntry e : record.entries()) {
                    kept.addLast(e);
                    count++;
                    if (kept.size() > keep) {
                        prevEpoch = kept.pollFirst().epoch();
                    }
                }
            }
            segments.put(firstSeq(file), count);
        }
        if (!kept.isEmpty()) {
            long from = needed(kept.peekLast().seq());
            while (kept.peekFirst().seq() < from) {
                prevEpoch = kept.pollFirst().epoch();
            }
            lastSeq = kept.peekLast().seq();
            lastEpoch = kept.peekLast().epoch();
            LOG.info(() -> self + ": read " + kept.size() + " log entries back from " + dir + " (seq "
                    + kept.peekFirst().seq() + " to " + kept.peekLast().seq() + ")");
        }
        return new Tail(prevEpoch, List.copyOf(kept));
    }

    /** The first seq the server needs when the log ends at {@code lastSeq}. */
    private long needed(long lastSeq) {
        return Math.min(applied, lastSeq - recent) + 1;
    }

    private static long firstSeq(Path segment) {
        return Long.parseLong(segment.getFileName().toString().substring(8, 28));
    }

    /** The file's records up to the first torn or damaged one, where the file is cut. */
    private List<Append> readRecords(Path file) throws IOException {
        List<Append> records = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            ch.read(header, 0);
            if (header.position() < HEADER || !Arrays.equals(header.array(), 0, MAGIC.length, MAGIC, 0,
                    MAGIC.length) || header.get(MAGIC.length) != VERSION) {
                throw new IOException(file + " is not a SyncNet log segment of version " + VERSION);
            }
            long position = HEADER;
            long size = ch.size();
            ByteBuffer frame = ByteBuffer.allocate(8);
            while (position < size) {
                frame.clear();
                ch.read(frame, position);
                int length = frame.position() == 8 ? frame.getInt(0) : -1;
                Append record = null;
                if (length > 0 && length <= MAX_RECORD_BYTES && position + 8 + length <= size) {
                    ByteBuffer body = ByteBuffer.allocate(length);
                    ch.read(body, position + 8);
                    CRC32 crc = new CRC32();
                    crc.update(body.array(), 0, length);
                    if ((int) crc.getValue() == frame.getInt(4)) {
                        record = decode(body.flip());
                    }
                }
                if (record == null) {
                    long at = position;
                    LOG.warning(() -> self + ": the log segment " + file + " ends in a torn or damaged record at byte "
                            + at + " (of " + size + "); cut there");
                    ch.truncate(position);
                    break;
                }
                records.add(record);
                position += 8 + length;
            }
        }
        return records;
    }

    private static Append decode(ByteBuffer body) {
        try {
            Append a = Append.readBody(body);
            return body.hasRemaining() || a.entries().isEmpty() ? null : a;
        } catch (MalformedDatagramException | BufferUnderflowException | IllegalArgumentException e) {
            return null;
        }
    }
}
