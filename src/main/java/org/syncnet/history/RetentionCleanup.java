package org.syncnet.history;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * One pass of the history's retention over the database: for each room that holds messages, first its oldest messages
 * beyond its newest {@code maxMessagesPerRoom}, then those older than {@code maxAge} ({@link RetentionRules}), each
 * removed in short transactions paced by {@link DeletePacing}. Only room messages are removed, never another event,
 * and never the event at the highest stored seq.
 * <p>
 * The time comes in ({@code nowMillis} for the age, {@code nanoTime} to measure the deletes), so a pass can be run
 * step by step in tests. A failing database ends the pass, reported in its {@link RetentionRun} (what it removed until
 * then counts); so does a stop asked for between two deletes.
 */
public final class RetentionCleanup {
    private final RetentionConfig config;
    private final RetentionStore store;
    private final DeletePacing pacing;
    private final WritingLoop.Pause rest;
    private final LongSupplier nanoTime;

    public RetentionCleanup(RetentionConfig config, RetentionStore store, DeletePacing pacing, WritingLoop.Pause rest,
                            LongSupplier nanoTime) {
        this.config = config;
        this.store = store;
        this.pacing = pacing;
        this.rest = rest;
        this.nanoTime = nanoTime;
    }

    /** What a pass removed so far; one per pass, on the retention's thread. */
    private final class Tally {
        int rooms;
        /** The room the last removal was in. */
        String room;
        long byAge;
        long byCount;
        long counted;
        int deletes;
        long deleteNanos;
        long longestDeleteNanos;

        RetentionRun result(boolean stopped, RuntimeException failure) {
            return new RetentionRun(rooms, byAge, byCount, Math.max(0, counted - byAge - byCount), deletes,
                    deleteNanos, longestDeleteNanos, stopped, failure);
        }
    }

    /** A whole pass at wall-clock time {@code nowMillis}; {@code stopping} is asked between deletes. */
    public RetentionRun run(long nowMillis, BooleanSupplier stopping) throws InterruptedException {
        Tally tally = new Tally();
        try {
            if (config.keepsEverything()) {
                return tally.result(false, null);
            }
            long keepFromSeq = store.highestSeq();
            Map<String, Long> counts = new TreeMap<>(store.messageCounts());
            tally.counted = counts.values().stream().mapToLong(Long::longValue).sum();
            long cutoff = config.cutoffMillis(nowMillis);
            for (Map.Entry<String, Long> room : counts.entrySet()) {
                if (stopping.getAsBoolean()) {
                    return tally.result(true, null);
                }
                trimToCount(room.getKey(), room.getValue(), tally, stopping);
                if (config.limitsAge()) {
                    removeAged(room.getKey(), cutoff, keepFromSeq, tally, stopping);
                }
            }
            return tally.result(stopping.getAsBoolean(), null);
        } catch (RuntimeException e) {
            return tally.result(false, e);
        }
    }

    private void trimToCount(String roomKey, long count, Tally tally, BooleanSupplier stopping)
            throws InterruptedException {
        long excess = RetentionRules.excess(count, config.maxMessagesPerRoom());
        while (excess > 0 && !stopping.getAsBoolean()) {
            int batch = (int) Math.min(excess, pacing.batchSize());
            long through = store.nthOldestMessageSeq(roomKey, batch);
            if (through == 0) {
                return;  // the room holds fewer than counted (removed meanwhile)
            }
            int removed = delete(roomKey, through, batch, tally);
            tally.byCount += removed;
            excess -= batch;
            if (removed == 0) {
                return;
            }
        }
    }

    private void removeAged(String roomKey, long cutoff, long keepFromSeq, Tally tally, BooleanSupplier stopping)
            throws InterruptedException {
        while (!stopping.getAsBoolean()) {
            int batch = pacing.batchSize();
            List<CommittedEvent> oldest = store.oldestMessages(roomKey, batch);
            RetentionRules.AgedRun run = RetentionRules.agedRun(oldest, cutoff, keepFromSeq);
            if (run.isEmpty()) {
                return;
            }
            int removed = delete(roomKey, run.throughSeq(), batch, tally);
            tally.byAge += removed;
            if (removed == 0 || run.endFound() || oldest.size() < batch) {
                return;
            }
        }
    }

    /** One delete transaction, measured, then the rest that paces the next. */
    private int delete(String roomKey, long throughSeq, int batch, Tally tally) throws InterruptedException {
        long start = nanoTime.getAsLong();
        int removed = store.deleteMessagesThrough(roomKey, throughSeq);
        long took = nanoTime.getAsLong() - start;
        tally.deletes++;
        tally.deleteNanos += took;
        tally.longestDeleteNanos = Math.max(tally.longestDeleteNanos, took);
        if (removed > 0 && !roomKey.equals(tally.room)) {
            tally.rooms++;
            tally.room = roomKey;
        }
        pacing.deleted(Math.min(removed, batch), took);
        rest.pause(pacing.restMillis(took));
        return removed;
    }
}
