package org.syncnet.metrics;

import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import org.syncnet.chat.ErrorCode;
import org.syncnet.chat.app.ChatCounters;
import org.syncnet.chat.app.DeliveryTiming;
import org.syncnet.chat.app.LocalChat;

/**
 * The chat's meters: connections per door, log entries applied (events/s as a rate), outcomes handed to this
 * server's connections, the chat state's refusals by reason, and the delivery latency of a sample of this server's
 * clients' events, from their submission to the moment the chat applied them and handed their outcomes to this
 * server's connections ({@link DeliveryTiming}).
 */
final class ChatMeters implements DeliveryTiming {
    /** The doors, as {@link org.syncnet.chat.app.ChatConnection#door()} names them. */
    static final String[] DOORS = {"irc", "websocket"};

    private final LocalChat chat;
    private final ChatCounters counters;
    private final LatencyHistogram deliveryLatency = new LatencyHistogram();

    ChatMeters(Registration meters, LocalChat chat) {
        this.chat = chat;
        this.counters = chat.counters();
        for (String door : DOORS) {
            meters.gauge("syncnet.chat.connections", Tags.of("door", door), chat, c -> c.connectionCount(door));
        }
        meters.counter("syncnet.chat.events", Tags.empty(), counters, ChatCounters::applied);
        meters.counter("syncnet.chat.deliveries", Tags.empty(), counters, ChatCounters::handedOut);
        for (ErrorCode code : ErrorCode.values()) {
            meters.counter("syncnet.chat.refusals", Tags.of("reason", code.name().toLowerCase(Locale.ROOT)),
                    counters, c -> c.refusals(code));
        }
        meters.histogram("syncnet.chat.delivery.latency", Tags.empty(), deliveryLatency);
    }

    /** Starts timing deliveries; {@link #stop} ends it. */
    void start() {
        chat.timeDeliveries(this);
    }

    void stop() {
        chat.timeDeliveries(DeliveryTiming.NONE);
    }

    @Override
    public long stamp() {
        return System.nanoTime();
    }

    @Override
    public void delivered(long stamp) {
        deliveryLatency.record(System.nanoTime() - stamp);
    }
}
