package org.syncnet.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.syncnet.web.PlainHttpFilter.Answer;

class PlainHttpFilterTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/chat.js", "/api/rooms/#lobby/messages", "/api/cluster", "/chat"})
    void plainHttpServesEverythingByDefault(String path) {
        assertEquals(Answer.SERVE, PlainHttpFilter.answer(true, false, "GET", path, false));
        assertEquals(Answer.SERVE, PlainHttpFilter.answer(true, false, "GET", path, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/chat.js", "/api/rooms/#lobby/messages", "/api/cluster", "/chat"})
    void httpsServesEverythingAlways(String path) {
        assertEquals(Answer.SERVE, PlainHttpFilter.answer(false, true, "GET", path, false));
        assertEquals(Answer.SERVE, PlainHttpFilter.answer(false, true, "GET", path, true));
        assertEquals(Answer.SERVE, PlainHttpFilter.answer(false, true, "POST", path, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/chat.js", "/status.html", "/api/rooms/#lobby/messages"})
    void requiredTlsRedirectsTheChatsPages(String path) {
        assertEquals(Answer.REDIRECT, PlainHttpFilter.answer(false, false, "GET", path, false));
        assertEquals(Answer.REDIRECT, PlainHttpFilter.answer(false, false, "HEAD", path, false));
        assertEquals(Answer.REFUSE, PlainHttpFilter.answer(false, false, "POST", path, false));
    }

    @Test
    void requiredTlsRefusesAPlainWebSocketHandshake() {
        assertEquals(Answer.REFUSE, PlainHttpFilter.answer(false, false, "GET", "/chat", true));
        assertEquals(Answer.REFUSE, PlainHttpFilter.answer(false, false, "GET", "/api/cluster", true));
    }

    /** The scripts' readiness check, the status tool and the peers' history transfer speak plain HTTP. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/cluster", "/api/history", "/api/history/events"})
    void requiredTlsKeepsWhatMachinesAsk(String path) {
        assertEquals(Answer.SERVE, PlainHttpFilter.answer(false, false, "GET", path, false));
    }
}
