package org.syncnet.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityHeadersFilterTest {
    /** The member list, and a room's history pages: a page that failed over reads them from another member. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/cluster", "/api/rooms/#lobby/messages", "/api/rooms/#a/messages"})
    void otherMembersPagesMayRead(String path) {
        assertTrue(SecurityHeadersFilter.readableByMembers(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/history", "/api/rooms//messages", "/api/rooms/messages", "/api/rooms/#lobby",
        "/api/cluster/x", "/index.html", "/chat", "/api/rooms/#lobby/messages/x", ""})
    void nothingElse(String path) {
        assertFalse(SecurityHeadersFilter.readableByMembers(path), path);
    }
}
