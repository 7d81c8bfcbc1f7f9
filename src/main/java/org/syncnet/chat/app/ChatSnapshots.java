package org.syncnet.chat.app;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.syncnet.chat.ChatState;
import org.syncnet.chat.ChatStateSnapshot;

/**
 * When and how the chat state is saved as a snapshot ({@link ChatStateSnapshot}): every {@code interval} applied
 * events and when the server stops. The state is copied on the applier thread, under the state's lock, so the copy is
 * consistent ({@link ChatStateSnapshot#capture}: the changing parts encoded, the messages only listed); encoding the
 * messages, writing and forcing the file run on another thread, one save at a time (a save due while one is still
 * being written waits for the next event).
 */
public final class ChatSnapshots {
    private static final Logger LOG = Logger.getLogger("org.syncnet.chat");
    /** No snapshots: a start rebuilds the state from the whole stored history. */
    public static final ChatSnapshots OFF = new ChatSnapshots("", null, 0);
    private static final long STOP_WAIT_SECONDS = 10;

    private final String self;
    private final SnapshotFiles files;
    private final long interval;
    /** Held while a snapshot is being written: one at a time, in order. */
    private final Semaphore writing = new Semaphore(1);
    private Executor executor;
    /** The size of the last snapshot written: the next is about as large (one write at a time). */
    private volatile int lastBytes;
    /** The seq of the newest snapshot saved or loaded (applier thread). */
    private long savedSeq;

    /** @param interval applied events between two snapshots (0: none are written) */
    public ChatSnapshots(String self, SnapshotFiles files, long interval) {
        this.self = self;
        this.files = files;
        this.interval = interval;
    }

    boolean enabled() {
        return files != null && interval > 0;
    }

    /** Where saves are written from; before the first delivery. */
    void start(Executor executor) {
        if (enabled()) {
            this.executor = executor;  // OFF is shared: it keeps nothing
        }
    }

    /** The snapshots on disk, newest first (none when off). */
    List<SnapshotFiles.Found> stored() {
        return files == null ? List.of() : files.newestFirst();
    }

    /** The state was loaded from the snapshot at {@code seq}, of {@code bytes}. */
    void loaded(long seq, int bytes) {
        savedSeq = seq;
        lastBytes = bytes;
    }

    /** On the applier thread with the state locked, after applying: saves a snapshot when one is due. */
    void afterApplied(ChatState state) {
        if (!enabled() || executor == null || state.lastSeq() - savedSeq < interval) {
            return;
        }
        if (!writing.tryAcquire()) {
            return;  // the last one is still being written: again after the next event
        }
        long started = System.nanoTime();
        ChatStateSnapshot.Capture capture;
        try {
            capture = ChatStateSnapshot.capture(state);
        } catch (RuntimeException e) {
            writing.release();
            savedSeq = state.lastSeq();  // not again before the next interval
            LOG.log(Level.WARNING, self + ": cannot take a chat state snapshot at seq " + state.lastSeq(), e);
            return;
        }
        long captureMicros = (System.nanoTime() - started) / 1000;
        savedSeq = capture.seq();
        try {
            executor.execute(() -> {
                try {
                    write(capture, captureMicros, Level.FINE);
                } finally {
                    writing.release();
                }
            });
        } catch (RuntimeException e) {
            writing.release();
            LOG.log(Level.WARNING, self + ": cannot hand over the chat state snapshot at seq " + capture.seq(), e);
        }
    }

    /** When the server stops: saves the state as it is now (the caller holds the state's lock). */
    void atStop(ChatState state) {
        if (!enabled() || state.lastSeq() == 0) {
            return;
        }
        try {
            // A periodic save still being written must not replace this one after it.
            if (!writing.tryAcquire(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warning(self + ": no chat state snapshot at stop: the previous one is still being written");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            long started = System.nanoTime();
            ChatStateSnapshot.Capture capture = ChatStateSnapshot.capture(state);
            write(capture, (System.nanoTime() - started) / 1000, Level.INFO);
            savedSeq = state.lastSeq();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, self + ": cannot take a chat state snapshot at stop (seq " + state.lastSeq()
                    + "); the next start replays the stored history after the previous one", e);
        } finally {
            writing.release();
        }
    }

    private void write(ChatStateSnapshot.Capture capture, long captureMicros, Level level) {
        long started = System.nanoTime();
        int[] size = {0};
        try {
            files.save(out -> size[0] = capture.writeTo(out, lastBytes));
            lastBytes = size[0];
            LOG.log(level, () -> self + ": chat state snapshot at seq " + capture.seq() + " saved to "
                    + files.folder().resolve(SnapshotFiles.CURRENT) + " (" + size[0] / 1024 + " KiB; copied in "
                    + captureMicros / 1000 + " ms on the applier, encoded and written in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms beside it)");
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, self + ": cannot write the chat state snapshot at seq " + capture.seq() + " to "
                    + files.folder() + ": " + e + "; the previous one stays", e);
        }
    }
}
