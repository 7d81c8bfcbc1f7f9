package org.syncnet.history.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.syncnet.cluster.log.LogCut;
import org.syncnet.history.CommittedEvent;

class EventJsonTest {
    @Test
    void storedEventsCrossBetweenServersUnchanged() {
        CommittedEvent message = new CommittedEvent(9, 4, "server1", "server1/77", 12, new byte[] {0, -1, 7},
                "#lobby", "#Lobby", "alice", new LogCut(7, 4));
        CommittedEvent plain = CommittedEvent.plain(10, 4, "server2", "server2/reaper", 3, new byte[0]);
        assertEquals(message, EventJson.decode(EventJson.encode(message)));
        assertEquals(message.cut(), EventJson.decode(EventJson.encode(message)).cut());
        assertEquals(plain, EventJson.decode(EventJson.encode(plain)));
    }

    @Test
    void somethingElseIsRefused() {
        assertThrows(RuntimeException.class, () -> EventJson.decode(Json.createObjectBuilder().add("seq", 1).build()));
    }
}
