package org.syncnet.door.irc.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.PasswordCredential;

/** The exchange around the mechanisms: which are offered, starting, aborting, and what one attempt leaves behind. */
class SaslExchangeTest {
    private static final PasswordCredential ALICE =
            PasswordCredential.of("pw", "sixteen byte salt".getBytes(StandardCharsets.UTF_8), 4096);
    private final ScramCredentials credentials = SaslClient.credentials(Map.of("alice", ALICE));

    private SaslExchange offering(Set<String> mechanisms) {
        return new SaslExchange(mechanisms, credentials, () -> "server-nonce");
    }

    @Test
    void mechanismsAreNamedCaseInsensitivelyInAsciiOnly() {
        for (String name : List.of("PLAIN", "plain", "Plain", "SCRAM-SHA-256", "scram-sha-256")) {
            SaslClient.start(offering(Set.copyOf(SaslExchange.SUPPORTED)), name);
        }
        SaslExchange exchange = offering(Set.copyOf(SaslExchange.SUPPORTED));
        List<String> all = List.of("PLAIN", "SCRAM-SHA-256");
        for (String name : List.of("PLA\u0131N", "EXTERNAL", "SCRAM-SHA-1", "SCRAM-SHA-256-PLUS", "+", "", " PLAIN",
                "\u0000")) {
            assertEquals(new SaslStep.MechanismRefused(all), exchange.authenticate(name), name);
            assertFalse(exchange.inProgress(), name);
        }
    }

    @Test
    void onlyOfferedMechanismsStartAndTheRefusalListsThem() {
        SaslExchange withoutPlain = offering(Set.of(SaslExchange.SCRAM_SHA_256));
        assertEquals(List.of("SCRAM-SHA-256"), withoutPlain.offeredMechanisms());
        assertEquals(new SaslStep.MechanismRefused(List.of("SCRAM-SHA-256")), withoutPlain.authenticate("PLAIN"));
        SaslClient.start(withoutPlain, "SCRAM-SHA-256");

        SaslExchange none = offering(Set.of());
        assertEquals(new SaslStep.MechanismRefused(List.of()), none.authenticate("PLAIN"));
        assertEquals(List.of("PLAIN", "SCRAM-SHA-256"),
                offering(Set.of("SCRAM-SHA-256", "PLAIN")).offeredMechanisms());
        assertThrows(IllegalArgumentException.class, () -> offering(Set.of("EXTERNAL")));
        assertThrows(IllegalArgumentException.class, () -> offering(Set.of("plain")));
    }

    @Test
    void anAsteriskAbortsAtAnyPoint() {
        SaslExchange exchange = offering(Set.copyOf(SaslExchange.SUPPORTED));
        assertEquals(new SaslStep.Aborted(), exchange.authenticate("*"), "as Ergo: 906 even with nothing to abort");

        SaslClient.start(exchange, "SCRAM-SHA-256");
        assertEquals(new SaslStep.Aborted(), exchange.authenticate("*"));
        assertFalse(exchange.inProgress());

        SaslClient.start(exchange, "SCRAM-SHA-256");
        assertEquals(new SaslStep.NoReply(), exchange.authenticate("A".repeat(400)));
        assertEquals(new SaslStep.Aborted(), exchange.authenticate("*"));

        SaslClient.start(exchange, "SCRAM-SHA-256");
        SaslClient.message(SaslClient.send(exchange, "n,,n=alice,r=abc"));
        assertEquals(new SaslStep.Aborted(), exchange.authenticate("*"));
        assertFalse(exchange.inProgress());
    }

    @Test
    void theCallerAbortsOnlyWhatIsInProgress() {
        SaslExchange exchange = offering(Set.copyOf(SaslExchange.SUPPORTED));
        assertEquals(new SaslStep.NoReply(), exchange.abort());
        SaslClient.start(exchange, "PLAIN");
        assertTrue(exchange.inProgress());
        assertEquals(new SaslStep.Aborted(), exchange.abort());
        assertFalse(exchange.inProgress());
    }

    @Test
    void aMechanismNameDuringAnAttemptIsAChunkThatFailsIt() {
        SaslExchange exchange = offering(Set.copyOf(SaslExchange.SUPPORTED));
        SaslClient.start(exchange, "PLAIN");
        SaslStep.Failed failed = assertInstanceOf(SaslStep.Failed.class, exchange.authenticate("SCRAM-SHA-256"));
        assertEquals(FailureKind.MALFORMED, failed.kind());
        assertFalse(exchange.inProgress());
        // The client may then start afresh.
        SaslClient.start(exchange, "SCRAM-SHA-256");
        SaslStep.Failed again = assertInstanceOf(SaslStep.Failed.class, exchange.authenticate("PLAIN"));
        assertEquals(FailureKind.MALFORMED, again.kind());
    }

    @Test
    void nothingOfAnAbortedScramAttemptCarriesOver() {
        SaslExchange exchange = offering(Set.copyOf(SaslExchange.SUPPORTED));
        ScramTestClient client = new ScramTestClient("alice", "pw", "client-nonce");
        SaslClient.start(exchange, "SCRAM-SHA-256");
        String serverFirst = SaslClient.message(SaslClient.send(exchange, client.clientFirst()));
        exchange.authenticate("*");
        // The final message of the old attempt is not a first message of the new one.
        SaslClient.start(exchange, "SCRAM-SHA-256");
        SaslStep.Failed failed = assertInstanceOf(SaslStep.Failed.class,
                SaslClient.send(exchange, client.clientFinal(serverFirst)));
        assertEquals("e=other-error", SaslClient.message(failed.finalChunks()));
    }

    @Test
    void afterSuccessOnlyTheCallerAllowsAnotherAttempt() {
        SaslExchange exchange = offering(Set.copyOf(SaslExchange.SUPPORTED));
        SaslClient.start(exchange, "PLAIN");
        SaslStep.CheckPassword check = (SaslStep.CheckPassword) SaslClient.send(exchange, "\0alice\0pw");
        assertEquals(new SaslStep.Succeeded("alice"), exchange.passwordChecked(check, true));
        for (String parameter : List.of("PLAIN", "SCRAM-SHA-256", "*", "+", "FOO")) {
            assertEquals(new SaslStep.AlreadyAuthenticated(), exchange.authenticate(parameter), parameter);
        }

        exchange.allowReauthentication(true);
        SaslClient.start(exchange, "SCRAM-SHA-256");
        ScramTestClient client = new ScramTestClient("alice", "pw", "nonce");
        String serverFirst = SaslClient.message(SaslClient.send(exchange, client.clientFirst()));
        SaslClient.message(SaslClient.send(exchange, client.clientFinal(serverFirst)));
        assertEquals(new SaslStep.Succeeded("alice"), exchange.authenticate("+"));

        exchange.allowReauthentication(false);
        assertEquals(new SaslStep.AlreadyAuthenticated(), exchange.authenticate("PLAIN"));
    }

    @Test
    void aFailedAttemptLeavesNoTrace() {
        SaslExchange exchange = offering(Set.copyOf(SaslExchange.SUPPORTED));
        SaslClient.start(exchange, "PLAIN");
        assertInstanceOf(SaslStep.Failed.class, SaslClient.send(exchange, "no nul"));
        assertFalse(exchange.inProgress());
        // Not authenticated, not in an attempt: a payload now is a mechanism name, and refused as one.
        assertInstanceOf(SaslStep.MechanismRefused.class, exchange.authenticate("AGFsaWNlAHB3"));
        SaslClient.start(exchange, "PLAIN");
        assertInstanceOf(SaslStep.CheckPassword.class, SaslClient.send(exchange, "\0alice\0pw"));
    }

    @Test
    void tooLongEndsTheAttempt() {
        SaslExchange exchange = offering(Set.copyOf(SaslExchange.SUPPORTED));
        SaslClient.start(exchange, "PLAIN");
        assertEquals(new SaslStep.TooLong(), exchange.authenticate("A".repeat(401)));
        assertFalse(exchange.inProgress());

        SaslClient.start(exchange, "PLAIN");
        List<String> chunks = SaslClient.chunks(new byte[PayloadAssembler.MAX_PAYLOAD_BYTES + 3]);
        SaslStep last = null;
        for (String chunk : chunks) {
            last = exchange.authenticate(chunk);
            if (!(last instanceof SaslStep.NoReply)) {
                break;
            }
        }
        assertEquals(new SaslStep.TooLong(), last);
        assertFalse(exchange.inProgress());
    }
}
