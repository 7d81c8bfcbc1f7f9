package org.syncnet.history.service;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.logging.Logger;
import org.syncnet.history.PageRequest;
import org.syncnet.history.RoomMessage;
import org.syncnet.history.RoomPage;

/**
 * {@code GET /syncnet/api/rooms/{room}/messages?before=SEQ&limit=N}: a room's messages with a seq below {@code before}
 * (absent: the newest), at most {@code limit} (default 50, at most 200), the newest such page, in ascending seq, with
 * the cursor for the page before it ({@code before}; null at the room's first message). The room is written with its
 * {@code #} as {@code %23}; rooms compare under rfc1459 ({@code #Lobby} is {@code #lobby}); a room that never had a
 * message gives an empty page. A bad parameter gets 400 with {@code {"error":"BAD_PARAMETER","parameter":...}}.
 */
@Path("rooms/{room}/messages")
public class RoomMessagesResource {
    private static final Logger LOG = Logger.getLogger("org.syncnet.history");

    @Inject
    HistoryService history;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response messages(@PathParam("room") String room, @QueryParam("before") String before,
                             @QueryParam("limit") String limit) {
        PageRequest request;
        try {
            request = PageRequest.parse(room, before, limit);
        } catch (PageRequest.BadParameter e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Json.createObjectBuilder()
                    .add("error", "BAD_PARAMETER").add("parameter", e.parameter()).add("message", e.getMessage())
                    .build()).build();
        }
        if (!history.enabled()) {
            return unavailable("HISTORY_OFF", "the chat history is off on this server (syncnet.history.enabled)");
        }
        RoomPage page;
        try {
            page = history.page(request);
        } catch (RuntimeException e) {
            LOG.warning(() -> "history: cannot read " + request + ": " + e);
            return unavailable("HISTORY_UNAVAILABLE", "the history database cannot be read now; try again later");
        }
        return Response.ok(toJson(request, page)).build();
    }

    static JsonObject toJson(PageRequest request, RoomPage page) {
        JsonArrayBuilder messages = Json.createArrayBuilder();
        for (RoomMessage m : page.messages()) {
            messages.add(Json.createObjectBuilder()
                    .add("seq", m.seq())
                    .add("room", m.room())
                    .add("nick", m.nick())
                    .add("text", m.text())
                    .add("time", m.time())
                    .add("notice", m.notice()));
        }
        JsonObjectBuilder json = Json.createObjectBuilder().add("room", request.room()).add("messages", messages);
        if (page.before() == null) {
            json.addNull("before");
        } else {
            json.add("before", page.before());
        }
        return json.build();
    }

    private static Response unavailable(String code, String message) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(Json.createObjectBuilder().add("error", code).add("message", message).build()).build();
    }
}
