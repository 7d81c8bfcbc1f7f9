package org.syncnet.cluster.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Runs many seeded schedules, in parallel on every core (each run is single-threaded and independent, so the
 * result does not depend on the parallelism), and reports the lowest failing seed. {@code -Dsim.seed=N} replays
 * exactly one seed; {@code -Dsim.schedules=N} sets how many schedules the whole suite runs;
 * {@code -Dsim.firstSeed=N} shifts the seeds explored.
 */
final class SeedRunner {
    private static final int DEFAULT_SCHEDULES = 2000;

    private SeedRunner() {
    }

    /** This test's share of the suite-wide number of schedules, at least one. */
    static int share(double fraction) {
        int total = Integer.getInteger("sim.schedules", DEFAULT_SCHEDULES);
        return Math.max(1, (int) Math.round(total * fraction));
    }

    static void forEachSeed(long firstSeed, int count, LongConsumer run) {
        // -Dsim.firstSeed=N explores another stretch of seeds than the one the build always runs.
        firstSeed += Long.getLong("sim.firstSeed", 0L);
        String replay = System.getProperty("sim.seed");
        if (replay != null && !replay.isBlank()) {
            run.accept(Long.parseLong(replay.trim()));
            return;
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (long seed = firstSeed; seed < firstSeed + count; seed++) {
                long s = seed;
                runs.add(pool.submit(() -> run.accept(s)));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<?> f : runs) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (!failures.isEmpty()) {
                // Futures are in seed order, so this is the lowest failing seed.
                Throwable first = failures.get(0);
                throw new AssertionError(failures.size() + " of " + count + " schedules failed; the first:\n"
                        + first.getMessage(), first);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
