package org.syncnet.history.service;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /syncnet/api/history}: what this server's history writer did since the server started — events persisted,
 * the highest stored seq, events found stored already or not persisted (queue full), the queue, the time the writes
 * took, and failures.
 */
@Path("history")
public class HistoryStatusResource {
    @Inject
    HistoryService history;

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
        return Response.ok(json.build()).build();
    }
}
