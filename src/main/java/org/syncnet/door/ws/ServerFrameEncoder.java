package org.syncnet.door.ws;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import org.syncnet.chat.ListEntry;
import org.syncnet.chat.ModeChange;

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
            if (f.channel() != null) {
                channel(g, f.channel());
            }
            if (f.accounts() != null) {
                g.writeStartObject("accounts");
                f.accounts().forEach(g::write);
                g.writeEnd();
            }
            if (f.away() != null) {
                g.writeStartObject("away");
                f.away().forEach(g::write);
                g.writeEnd();
            }
        } else if (frame instanceof ServerFrame.Presence f) {
            g.write("type", "presence").write("room", f.room()).write("nick", f.nick())
                    .write("change", f.change().name().toLowerCase(Locale.ROOT));
            optional(g, "newNick", f.newNick());
            optional(g, "reason", f.reason());
            optional(g, "account", f.account());
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
        } else if (frame instanceof ServerFrame.Mode f) {
            g.write("type", "mode").write("room", f.room()).write("nick", f.nick()).writeStartArray("changes");
            for (ModeChange c : f.changes()) {
                g.writeStartObject().write("set", c.add()).write("mode", String.valueOf(c.mode()));
                if (!c.argument().isEmpty()) {
                    g.write("arg", c.argument());
                }
                g.writeEnd();
            }
            g.writeEnd();
            modes(g, f.modes());
        } else if (frame instanceof ServerFrame.Kick f) {
            g.write("type", "kick").write("room", f.room()).write("nick", f.nick()).write("target", f.target())
                    .write("reason", f.reason());
        } else if (frame instanceof ServerFrame.Invite f) {
            g.write("type", "invite").write("room", f.room()).write("nick", f.nick()).write("target", f.target());
        } else if (frame instanceof ServerFrame.Error f) {
            g.write("type", "error").write("code", f.code().name()).write("message", f.message());
            optional(g, "id", f.id());
            optional(g, "room", f.room());
            optional(g, "nick", f.nick());
        } else if (frame instanceof ServerFrame.Cluster f) {
            g.write("type", "cluster").write("server", f.server());
            optional(g, "leader", f.leader());
        } else if (frame instanceof ServerFrame.Account f) {
            g.write("type", "account").write("account", f.account())
                    .write("change", f.change().name().toLowerCase(Locale.ROOT));
            if (!f.token().isEmpty()) {
                g.write("token", f.token().value());
            }
        } else if (frame instanceof ServerFrame.MemberAccount f) {
            g.write("type", "memberAccount").write("nick", f.nick()).write("account", f.account());
        } else if (frame instanceof ServerFrame.Nick f) {
            g.write("type", "nick").write("nick", f.nick()).write("newNick", f.newNick());
        } else if (frame instanceof ServerFrame.Away f) {
            g.write("type", "away").write("nick", f.nick()).write("message", f.message());
        } else {
            throw new IllegalArgumentException("unknown frame " + frame);
        }
    }

    private static void channel(JsonGenerator g, ServerFrame.Channel c) {
        g.writeStartArray("ops");
        c.ops().forEach(g::write);
        g.writeEnd().writeStartArray("voiced");
        c.voiced().forEach(g::write);
        g.writeEnd();
        modes(g, c.modes());
        g.write("created", c.created());
    }

    /** {@code modes}, then {@code key} and {@code limit} only when set, {@code bans} only when given. */
    private static void modes(JsonGenerator g, ServerFrame.Modes m) {
        g.write("modes", m.letters());
        if (!m.key().isEmpty()) {
            g.write("key", m.key());
        }
        if (m.limit() > 0) {
            g.write("limit", m.limit());
        }
        if (m.bans() != null) {
            g.writeStartArray("bans");
            for (ListEntry b : m.bans()) {
                g.writeStartObject().write("mask", b.mask()).write("by", b.setBy()).write("time", b.time()).writeEnd();
            }
            g.writeEnd();
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
