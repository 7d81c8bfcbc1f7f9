package org.syncnet.door.ws;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;

/** Writes {@link ServerFrame}s as one-line JSON objects; null fields are left out. Thread-safe. */
public final class ServerFrameEncoder {
    private final JsonGeneratorFactory generators = Json.createGeneratorFactory(Map.of());

    public String encode(ServerFrame frame) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = generators.createGenerator(out)) {
            g.writeStartObject();
            write(g, frame);
            g.writeEnd();
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, ServerFrame frame) {
        if (frame instanceof ServerFrame.Welcome f) {
            g.write("type", "welcome").write("server", f.server());
            optional(g, "leader", f.leader());
            g.write("nick", f.nick());
        } else if (frame instanceof ServerFrame.Event f) {
            g.write("type", "event");
            eventFields(g, f);
        } else if (frame instanceof ServerFrame.Private f) {
            g.write("type", "private").write("seq", f.seq()).write("from", f.from()).write("to", f.to())
                    .write("text", f.text()).write("time", f.time());
            optional(g, "id", f.id());
            notice(g, f.notice());
        } else if (frame instanceof ServerFrame.Members f) {
            g.write("type", "members").write("room", f.room()).writeStartArray("nicks");
            f.nicks().forEach(g::write);
            g.writeEnd().write("topic", f.topic());
        } else if (frame instanceof ServerFrame.Presence f) {
            g.write("type", "presence").write("room", f.room()).write("nick", f.nick())
                    .write("change", f.change().name().toLowerCase(Locale.ROOT));
            optional(g, "newNick", f.newNick());
            optional(g, "reason", f.reason());
        } else if (frame instanceof ServerFrame.History f) {
            g.write("type", "history").write("room", f.room()).writeStartArray("messages");
            for (ServerFrame.Event e : f.messages()) {
                g.writeStartObject();
                eventFields(g, e);
                g.writeEnd();
            }
            g.writeEnd().write("complete", f.complete());
        } else if (frame instanceof ServerFrame.Topic f) {
            g.write("type", "topic").write("room", f.room()).write("topic", f.topic()).write("nick", f.nick());
        } else if (frame instanceof ServerFrame.Error f) {
            g.write("type", "error").write("code", f.code().name()).write("message", f.message());
            optional(g, "id", f.id());
        } else if (frame instanceof ServerFrame.Cluster f) {
            g.write("type", "cluster").write("server", f.server());
            optional(g, "leader", f.leader());
        } else {
            throw new IllegalArgumentException("unknown frame " + frame);
        }
    }

    private static void eventFields(JsonGenerator g, ServerFrame.Event e) {
        g.write("seq", e.seq()).write("room", e.room()).write("nick", e.nick()).write("text", e.text())
                .write("time", e.time());
        optional(g, "id", e.id());
        notice(g, e.notice());
    }

    private static void notice(JsonGenerator g, boolean notice) {
        if (notice) {
            g.write("notice", true);
        }
    }

    private static void optional(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.write(name, value);
        }
    }
}
