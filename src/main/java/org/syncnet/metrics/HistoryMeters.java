package org.syncnet.metrics;

import io.micrometer.core.instrument.Tags;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.syncnet.history.service.HistoryService;

/**
 * The history's meters, over the writer's own counts (see {@link HistoryService#status()}): events waiting in the
 * queue to the database, events persisted, events that passed by unpersisted because the queue was full, failed
 * writes, whether writing fails now, and the write time per batch (a transaction each).
 */
final class HistoryMeters {
    private final HistoryService history;

    HistoryMeters(Registration meters, HistoryService history) {
        this.history = history;
        meters.gauge("syncnet.history.queue", Tags.empty(), this, m -> m.status(HistoryService.Status::queued));
        meters.counter("syncnet.history.persisted", Tags.empty(), this, m -> m.status(HistoryService.Status::persisted));
        meters.counter("syncnet.history.dropped", Tags.empty(), this, m -> m.status(HistoryService.Status::dropped));
        meters.counter("syncnet.history.failures", Tags.empty(), this, m -> m.status(HistoryService.Status::failures));
        meters.gauge("syncnet.history.failing", Tags.empty(), this, m -> m.status(s -> s.failing() ? 1 : 0));
        meters.timer("syncnet.history.write", Tags.empty(), this, m -> (long) m.status(HistoryService.Status::batches),
                m -> m.status(HistoryService.Status::writeMillis), TimeUnit.MILLISECONDS);
    }

    private double status(ToDoubleFunction<HistoryService.Status> of) {
        return of.applyAsDouble(history.status());
    }
}
