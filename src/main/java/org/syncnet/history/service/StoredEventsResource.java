package org.syncnet.history.service;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.syncnet.history.CommittedEvent;
import org.syncnet.history.EventPage;
import org.syncnet.history.TransferAuth;

/**
 * {@code GET /syncnet/api/history/events?after=SEQ&limit=N}, for peers only (signed with the cluster secret, see
 * {@link TransferAuth}): this server's stored events after {@code after}, ascending, at most {@code limit}
 * ({@value #MAX_LIMIT}). A server that starts far behind fetches what it lacks with it ({@link PeerHistory}).
 */
@Path("history/events")
public class StoredEventsResource {
    static final int MAX_LIMIT = 5_000;
    static final int MAX_BINARY_LIMIT = 20_000;

    @Inject
    HistoryService history;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response events(@QueryParam("after") long after, @QueryParam("limit") int limit,
                           @HeaderParam(TransferAuth.HEADER) String auth) {
        if (after < 0 || limit < 1 || limit > MAX_LIMIT) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Json.createObjectBuilder()
                    .add("error", "BAD_PARAMETER").add("message", "after >= 0, limit 1.." + MAX_LIMIT).build()).build();
        }
        if (!history.transferAuth().verify(auth, after, limit, System.currentTimeMillis())) {
            return Response.status(Response.Status.FORBIDDEN).build();
        }
        if (!history.enabled()) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        }
        List<CommittedEvent> events = history.storedAfter(after, limit);
        JsonArrayBuilder array = Json.createArrayBuilder();
        events.forEach(e -> array.add(EventJson.encode(e)));
        return Response.ok(Json.createObjectBuilder().add("events", array).build()).build();
    }

    /**
     * {@code GET /syncnet/api/history/events/binary?after=SEQ&limit=N}: the same in binary ({@link EventPage}), up to
     * {@value #MAX_BINARY_LIMIT} events and about {@link EventPage#TARGET_BYTES} a page; the page says whether more
     * follow. What a peer of this version fetches (the JSON form stays for peers of earlier versions).
     */
    @GET
    @Path("binary")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response binaryEvents(@QueryParam("after") long after, @QueryParam("limit") int limit,
                                 @HeaderParam(TransferAuth.HEADER) String auth) {
        if (after < 0 || limit < 1 || limit > MAX_BINARY_LIMIT) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        if (!history.transferAuth().verify(auth, after, limit, System.currentTimeMillis())) {
            return Response.status(Response.Status.FORBIDDEN).build();
        }
        if (!history.enabled()) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        }
        List<CommittedEvent> events = history.storedAfter(after, limit);
        return Response.ok(EventPage.encode(events, events.size() == limit)).build();
    }
}
