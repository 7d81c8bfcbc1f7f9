package org.syncnet.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The send phase of a run, the same for every load generator. It starts 100 ms after construction and lasts
 * {@link LoadOptions#seconds}. Open loop: message k is due at start + k/rate and handed to sender k mod senders at
 * that moment, whether or not earlier ones were answered (so a slow server cannot slow the offered load down,
 * and latency counts from the due time). Closed loop: each sender gets {@link LoadOptions#window} messages at the
 * start and then, through {@link #nextIfOpen}, one more per confirmation until the end. The delivery counter and
 * the CPU times are sampled at the end of the warm-up and at the end.
 */
final class LoadPhase {
    /** One sending client. */
    interface Sender {
        /** Sends message {@code k}, due at {@code dueNanos} ({@code System.nanoTime}). */
        void send(int k, long dueNanos);
    }

    /** Deliveries so far, when, and the CPU seconds so far (see {@link CpuMeter#snapshot}). */
    record Sample(long deliveries, long nanos, Map<String, Double> cpu) {
    }

    /** @param total messages attempted: numbers 0..total-1 */
    record Result(int total, Sample warm, Sample end) {
        double measuredSeconds() {
            return (end.nanos - warm.nanos) / 1e9;
        }

        long measuredDeliveries() {
            return end.deliveries - warm.deliveries;
        }

        double deliveriesPerSecond() {
            return measuredDeliveries() / measuredSeconds();
        }
    }

    private static final long NANOS = 1_000_000_000L;

    private final LoadOptions load;
    private final LongSupplier deliveries;
    private final CpuMeter meter;
    private final long start;
    private final long end;
    private int next;  // guarded by this
    private boolean over;  // guarded by this

    LoadPhase(LoadOptions load, LongSupplier deliveries, CpuMeter meter) {
        this.load = load;
        this.deliveries = deliveries;
        this.meter = meter;
        this.start = System.nanoTime() + 100_000_000L;
        this.end = start + (long) (load.seconds() * NANOS);
    }

    long start() {
        return start;
    }

    long end() {
        return end;
    }

    /** Closed loop: the number of the next message to send now, or -1 once the send phase is over. */
    synchronized int nextIfOpen(long nowNanos) {
        return over || nowNanos - end >= 0 ? -1 : next++;
    }

    /** Runs the send phase on the calling thread; returns at its end. */
    Result run(List<? extends Sender> senders, ScheduledExecutorService timer) {
        long warmAt = start + (long) (load.warmup() * NANOS);
        CompletableFuture<Sample> warm = new CompletableFuture<>();
        timer.schedule(() -> warm.complete(sample()), warmAt - System.nanoTime(), TimeUnit.NANOSECONDS);
        BenchRun.parkUntil(start);
        if (load.closedLoop()) {
            for (Sender s : senders) {
                for (int w = 0; w < load.window(); w++) {
                    int k = nextIfOpen(System.nanoTime());
                    if (k >= 0) {
                        s.send(k, System.nanoTime());
                    }
                }
            }
        } else {
            double interval = (double) NANOS / load.rate();
            for (int k = 0; ; k++) {
                long due = start + (long) (k * interval);
                if (due - end >= 0) {
                    break;
                }
                BenchRun.parkUntil(due);
                synchronized (this) {
                    next = k + 1;
                }
                senders.get(k % senders.size()).send(k, due);
            }
        }
        BenchRun.parkUntil(end);
        Sample atEnd = sample();
        int total;
        synchronized (this) {
            over = true;
            total = next;
        }
        return new Result(total, warm.join(), atEnd);
    }

    private Sample sample() {
        return new Sample(deliveries.getAsLong(), System.nanoTime(), meter.snapshot());
    }
}
