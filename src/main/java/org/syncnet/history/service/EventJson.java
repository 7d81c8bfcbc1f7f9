package org.syncnet.history.service;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Base64;
import org.syncnet.cluster.log.LogCut;
import org.syncnet.history.CommittedEvent;

/** A stored event as the history transfer between servers carries it (the payload in base64). */
final class EventJson {
    private EventJson() {
    }

    static JsonObject encode(CommittedEvent e) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("seq", e.seq())
                .add("epoch", e.epoch())
                .add("origin", e.originServer())
                .add("clientId", e.clientId())
                .add("clientEventId", e.clientEventId())
                .add("payload", Base64.getEncoder().encodeToString(e.payload()))
                .add("cutSeq", e.cut().seq())
                .add("cutEpoch", e.cut().epoch());
        if (e.isRoomMessage()) {
            json.add("roomKey", e.roomKey()).add("room", e.room()).add("nick", e.nick());
        }
        return json.build();
    }

    /** @throws RuntimeException (ClassCast, NullPointer, IllegalArgument) when the object is not such an event */
    static CommittedEvent decode(JsonObject j) {
        return new CommittedEvent(j.getJsonNumber("seq").longValueExact(), j.getJsonNumber("epoch").longValueExact(),
                j.getString("origin"), j.getString("clientId"), j.getJsonNumber("clientEventId").longValueExact(),
                Base64.getDecoder().decode(j.getString("payload")), j.getString("roomKey", null),
                j.getString("room", null), j.getString("nick", null),
                new LogCut(j.getJsonNumber("cutSeq").longValueExact(), j.getJsonNumber("cutEpoch").longValueExact()));
    }
}
