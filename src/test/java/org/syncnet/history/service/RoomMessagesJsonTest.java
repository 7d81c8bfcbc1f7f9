package org.syncnet.history.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncnet.history.PageRequest;
import org.syncnet.history.RoomMessage;
import org.syncnet.history.RoomPage;

class RoomMessagesJsonTest {
    @Test
    void aPageCarriesTheHistoryEntryFieldsAndItsCursor() {
        RoomPage page = new RoomPage(List.of(
                new RoomMessage(12, "#Lobby", "bob", "hi \"you\"", 1_795_230_000_000L, false),
                new RoomMessage(15, "#Lobby", "carol", "\u0001ACTION waves\u0001", 1_795_230_000_500L, true)), 12L);
        assertEquals("{\"room\":\"#lobby\",\"messages\":["
                        + "{\"seq\":12,\"room\":\"#Lobby\",\"nick\":\"bob\",\"text\":\"hi \\\"you\\\"\",\"time\":1795230000000,"
                        + "\"notice\":false},"
                        + "{\"seq\":15,\"room\":\"#Lobby\",\"nick\":\"carol\",\"text\":\"\\u0001ACTION waves\\u0001\","
                        + "\"time\":1795230000500,\"notice\":true}],\"before\":12}",
                RoomMessagesResource.toJson(PageRequest.parse("#lobby", null, null), page).toString());
    }

    @Test
    void theFirstPageOfARoomHasANullCursor() {
        assertEquals("{\"room\":\"#empty\",\"messages\":[],\"before\":null}",
                RoomMessagesResource.toJson(PageRequest.parse("#empty", null, null), new RoomPage(List.of(), null))
                        .toString());
    }
}
