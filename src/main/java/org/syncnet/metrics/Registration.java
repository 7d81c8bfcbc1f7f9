package org.syncnet.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Registers this server's meters, each tagged with the server's id, through the registry methods that reach the
 * container's Prometheus registry (WildFly's application registry passes on {@code gauge}, {@code more().counter} and
 * {@code more().timer}, not meters built with a builder), and removes them again at undeployment.
 */
final class Registration {
    /** Every meter of this application is named so. */
    static final String PREFIX = "syncnet.";

    private final MeterRegistry registry;
    private final Tags server;

    Registration(MeterRegistry registry, String serverId) {
        this.registry = registry;
        this.server = Tags.of("server", serverId);
    }

    /** A gauge over {@code source}, which the caller keeps (a gauge holds it only weakly). */
    <T> void gauge(String name, Tags tags, T source, ToDoubleFunction<T> value) {
        registry.gauge(name, server.and(tags), source, value);
    }

    /** A counter whose value {@code source} keeps (it only grows). */
    <T> void counter(String name, Tags tags, T source, ToDoubleFunction<T> count) {
        registry.more().counter(name, server.and(tags), source, count);
    }

    /** A timer whose count and total time {@code source} keeps. */
    <T> void timer(String name, Tags tags, T source, ToLongFunction<T> count, ToDoubleFunction<T> total,
                   TimeUnit unit) {
        registry.more().timer(name, server.and(tags), source, count, total, unit);
    }

    /**
     * {@code histogram} as a timer ({@code name}: count and sum in seconds) and its cumulative bucket counts
     * ({@code name.buckets}, by upper bound {@code le} in seconds).
     */
    void histogram(String name, Tags tags, LatencyHistogram histogram) {
        timer(name, tags, histogram, LatencyHistogram::count, LatencyHistogram::sumSeconds, TimeUnit.SECONDS);
        for (int i = 0; i < LatencyHistogram.BOUNDS.length; i++) {
            int bucket = i;
            registry.more().counter(name + ".buckets", server.and(tags).and("le", LatencyHistogram.BOUNDS[i]),
                    histogram, h -> h.cumulative(bucket));
        }
    }

    /** Removes this application's meters, so that a redeployment registers its own. */
    void removeAll() {
        for (Meter m : registry.getMeters()) {
            if (m.getId().getName().startsWith(PREFIX)) {
                registry.remove(m);
            }
        }
    }
}
