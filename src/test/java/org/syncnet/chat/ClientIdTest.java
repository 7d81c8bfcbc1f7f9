package org.syncnet.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ClientIdTest {
    @Test
    void clientIdsAreEqualByServerAndConnection() {
        ClientId id = new ClientId("server1", 7);
        assertEquals(id, new ClientId(new String("server1"), 7));
        assertEquals(id.hashCode(), new ClientId(new String("server1"), 7).hashCode());
        assertNotEquals(id, new ClientId("server2", 7));
        assertNotEquals(id, new ClientId("server1", 8));
        assertNotEquals(id, (Object) "server1/7");
    }
}
