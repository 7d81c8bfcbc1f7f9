package org.syncnet.history.service;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.syncnet.history.RetentionStatus;

/**
 * {@code GET /syncnet/api/history}: what this server's history writer did since the server started — events persisted,
 * the highest stored seq, events found stored already or not persisted (queue full), the queue, the time the writes
 * took, and failures; and under {@code retention} what the retention removed (see {@link #retention}).
 */
@Path("history")
public class HistoryStatusResource {
    @Inject
    HistoryService history;
    @Inject
    RetentionService retention;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        HistoryService.Status s = history.status();
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("server", s.server())
                .add("enabled", s.enabled())
                .add("persisted", s.persisted())
                .add("highestSeq", s.highestSeq())
                .add("skipped", s.skipped())
                .add("replaced", s.replaced())
                .add("dropped", s.dropped())
                .add("queued", s.queued())
                .add("batches", s.batches())
                .add("writeMillis", s.writeMillis())
                .add("failures", s.failures())
                .add("failing", s.failing());
        if (s.lastFailure() == null) {
            json.addNull("lastFailure");
        } else {
            json.add("lastFailure", s.lastFailure());
        }
        json.add("retention", retention(retention.status()));
        return Response.ok(json.build()).build();
    }

    /**
     * The retention's limits (0: none) and counters: messages removed (for their age, beyond a room's newest N), the
     * last cleanup (when it ended, ms since 1970, null before the first; what it removed; how long it took), the room
     * messages stored after it (-1 before the first), the delete transactions with their time together and the
     * longest one, and failures.
     */
    static JsonObjectBuilder retention(RetentionStatus r) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("active", r.active())
                .add("maxAge", r.config().maxAgeText())
                .add("maxAgeMillis", r.config().maxAgeMillis())
                .add("maxMessagesPerRoom", r.config().maxMessagesPerRoom())
                .add("intervalMillis", r.config().intervalMillis())
                .add("runs", r.runs())
                .add("removed", r.removed())
                .add("removedByAge", r.byAge())
                .add("removedByCount", r.byCount());
        if (r.lastRunAtMillis() < 0) {
            json.addNull("lastRunAt");
        } else {
            json.add("lastRunAt", r.lastRunAtMillis());
        }
        json.add("lastRunRemoved", r.lastRunRemoved())
                .add("lastRunMillis", r.lastRunMillis())
                .add("storedMessages", r.storedMessages())
                .add("deletes", r.deletes())
                .add("deleteMillis", millis(r.deleteNanos()))
                .add("longestDeleteMillis", millis(r.longestDeleteNanos()))
                .add("failures", r.failures())
                .add("failing", r.failing());
        if (r.lastFailure() == null) {
            json.addNull("lastFailure");
        } else {
            json.add("lastFailure", r.lastFailure());
        }
        return json;
    }

    /** Milliseconds to a tenth. */
    private static double millis(long nanos) {
        return Math.round(nanos / 100_000.0) / 10.0;
    }
}
