package org.syncnet.history;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TransferAuthTest {
    private final TransferAuth auth = new TransferAuth("the cluster secret".getBytes(StandardCharsets.UTF_8));

    @Test
    void aSignedRequestIsAcceptedOnlyForItsRangeWithinTheSkewAndUnderTheSameSecret() {
        String header = auth.sign("server2", 1_000_000, 42, 5000);
        assertTrue(auth.verify(header, 42, 5000, 1_000_000 + 59_000));
        assertFalse(auth.verify(header, 41, 5000, 1_000_000), "another range");
        assertFalse(auth.verify(header, 42, 4999, 1_000_000), "another limit");
        assertFalse(auth.verify(header, 42, 5000, 1_000_000 + 61_000), "too old");
        assertFalse(auth.verify(header.replace("server2", "server3"), 42, 5000, 1_000_000), "another sender");
        assertFalse(new TransferAuth("another".getBytes(StandardCharsets.UTF_8)).verify(header, 42, 5000, 1_000_000));
        assertFalse(auth.verify(null, 42, 5000, 1_000_000));
        assertFalse(auth.verify("garbage", 42, 5000, 1_000_000));
        assertFalse(auth.verify("server2 notanumber abc", 42, 5000, 1_000_000));
    }
}
