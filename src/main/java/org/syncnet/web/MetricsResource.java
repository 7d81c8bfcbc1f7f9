package org.syncnet.web;

import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.syncnet.metrics.MetricsService;

/**
 * {@code GET /syncnet/api/metrics}: this server's own meters ({@code syncnet.*}, docs/metrics.md) as JSON, for the
 * status page's plots: the page's origin cannot reach the management port where Prometheus scrapes them. Each meter
 * with its name, its tags but the server's, and its current measurements ({@code value}, or {@code count} and
 * {@code total_time} in seconds).
 */
@Path("metrics")
public class MetricsResource {
    /** Tags every meter has alike: the server's id, and the container's name of the deployment. */
    private static final String SERVER_TAG = "server";
    private static final String DEPLOYMENT_TAG = "WF_DEPLOYMENT";

    @Inject
    MetricsService metrics;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject view() {
        JsonArrayBuilder meters = Json.createArrayBuilder();
        String server = null;
        for (Meter m : metrics.registry().getMeters()) {
            Meter.Id id = m.getId();
            if (!id.getName().startsWith("syncnet.")) {
                continue;
            }
            server = id.getTag(SERVER_TAG);
            JsonObjectBuilder tags = Json.createObjectBuilder();
            for (Tag t : id.getTagsAsIterable()) {
                if (!t.getKey().equals(SERVER_TAG) && !t.getKey().equals(DEPLOYMENT_TAG)) {
                    tags.add(t.getKey(), t.getValue());
                }
            }
            JsonObjectBuilder values = Json.createObjectBuilder();
            for (Measurement v : m.measure()) {
                if (Double.isFinite(v.getValue())) {
                    values.add(v.getStatistic().name().toLowerCase(Locale.ROOT), v.getValue());
                }
            }
            meters.add(Json.createObjectBuilder().add("name", id.getName()).add("tags", tags).add("values", values));
        }
        JsonObjectBuilder json = Json.createObjectBuilder().add("atMillis", System.currentTimeMillis());
        if (server != null) {
            json.add("server", server);
        }
        return json.add("meters", meters).build();
    }
}
