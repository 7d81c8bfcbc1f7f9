package org.syncnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientCapNegotiationTest {
    @Test
    void requestsEchoMessageWhenOfferedAndEndsAfterTheAck() {
        ClientCapNegotiation cap = new ClientCapNegotiation(true);
        assertEquals(List.of("CAP REQ :echo-message"), cap.onCap(List.of("*", "LS", "multi-prefix echo-message sasl=PLAIN")));
        assertFalse(cap.echo());
        assertEquals(List.of("CAP END"), cap.onCap(List.of("*", "ACK", "echo-message")));
        assertTrue(cap.echo());
        assertEquals(List.of(), cap.onCap(List.of("*", "ACK", "echo-message")), "done: nothing more");
    }

    @Test
    void aMultiLineListIsCollectedBeforeDeciding() {
        ClientCapNegotiation cap = new ClientCapNegotiation(true);
        assertEquals(List.of(), cap.onCap(List.of("nick", "LS", "*", "away-notify sasl=PLAIN,EXTERNAL")));
        assertEquals(List.of("CAP REQ :echo-message"), cap.onCap(List.of("nick", "ls", "ECHO-MESSAGE server-time")));
        assertTrue(cap.offered("sasl"));
    }

    @Test
    void withoutEchoMessageOnOfferItEndsAtOnce() {
        ClientCapNegotiation cap = new ClientCapNegotiation(true);
        assertEquals(List.of("CAP END"), cap.onCap(List.of("*", "LS", "multi-prefix")));  // ngircd 26
        assertFalse(cap.echo());
        assertFalse(cap.offered(ClientCapNegotiation.ECHO_MESSAGE));
    }

    @Test
    void notWantedOrRefusedMeansNoEcho() {
        ClientCapNegotiation off = new ClientCapNegotiation(false);
        assertEquals(List.of("CAP END"), off.onCap(List.of("*", "LS", "echo-message")));
        assertFalse(off.echo());
        assertTrue(off.offered(ClientCapNegotiation.ECHO_MESSAGE));

        ClientCapNegotiation refused = new ClientCapNegotiation(true);
        refused.onCap(List.of("*", "LS", "echo-message"));
        assertEquals(List.of("CAP END"), refused.onCap(List.of("*", "NAK", "echo-message")));
        assertFalse(refused.echo());
    }

    @Test
    void otherSubcommandsAndShortMessagesAreIgnored() {
        ClientCapNegotiation cap = new ClientCapNegotiation(true);
        assertEquals(List.of(), cap.onCap(List.of("*", "NEW", "echo-message")));
        assertEquals(List.of(), cap.onCap(List.of("*", "LS")));
        assertEquals(List.of("CAP END"), cap.onCap(List.of("*", "LS", "")));
    }
}
