package org.syncnet.cluster.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.syncnet.cluster.log.entry.ClientEventKey;
import org.syncnet.cluster.log.entry.PartKey;

/** The keys' written-out equals and hashCode agree with what the records would generate. */
class KeysTest {
    @Test
    void clientEventKeysAreEqualByClientAndNumber() {
        ClientEventKey k = new ClientEventKey("server1/7", 42);
        assertEquals(k, new ClientEventKey(new String("server1/7"), 42));
        assertEquals(k.hashCode(), new ClientEventKey(new String("server1/7"), 42).hashCode());
        assertNotEquals(k, new ClientEventKey("server1/8", 42));
        assertNotEquals(k, new ClientEventKey("server1/7", 43));
        assertNotEquals(k, (Object) "server1/7");
    }

    @Test
    void partKeysAreEqualByEventAndPart() {
        PartKey p = new PartKey(new ClientEventKey("server1/7", 42), 3);
        assertEquals(p, new PartKey(new ClientEventKey("server1/7", 42), 3));
        assertEquals(p.hashCode(), new PartKey(new ClientEventKey("server1/7", 42), 3).hashCode());
        assertNotEquals(p, new PartKey(new ClientEventKey("server1/7", 42), 2));
        assertNotEquals(p, new PartKey(new ClientEventKey("server2/7", 42), 3));
    }
}
