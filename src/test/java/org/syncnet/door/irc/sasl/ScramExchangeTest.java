package org.syncnet.door.irc.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.syncnet.chat.Casemapping;
import org.syncnet.chat.PasswordCredential;

/** SCRAM-SHA-256 through the exchange against an independent client: success, wrong passwords, unknown names. */
class ScramExchangeTest {
    private static final String NONCE = "fyko+d2lbbFgONRv9qkxdawL";
    private static final String SERVER_NONCE = "3rfcNHYJY1ZVvWVs7j";
    private static final PasswordCredential ALICE =
            PasswordCredential.of("correct horse", "alice's 16 bytes".getBytes(StandardCharsets.UTF_8), 4096);

    private final Map<String, PasswordCredential> accounts = new HashMap<>(Map.of("alice", ALICE));
    private final ScramCredentials credentials = SaslClient.credentials(accounts);

    private SaslExchange exchange() {
        return SaslClient.exchange(credentials, () -> SERVER_NONCE);
    }

    /** Runs a whole SCRAM exchange for {@code client}; returns the step after its final message. */
    private static SaslStep run(SaslExchange exchange, ScramTestClient client) {
        SaslClient.start(exchange, "SCRAM-SHA-256");
        String serverFirst = SaslClient.message(SaslClient.send(exchange, client.clientFirst()));
        return SaslClient.send(exchange, client.clientFinal(serverFirst));
    }

    @Test
    void randomAccountsAndPasswordsAuthenticate() {
        Random random = new Random(7677);
        String[] names = {"alice", "Bob[away]", "a,b=c", "=2C", "äöü", "x".repeat(64), "ü".repeat(32)};
        for (String name : names) {
            String password = randomPassword(random);
            byte[] salt = new byte[8 + random.nextInt(57)];
            random.nextBytes(salt);
            accounts.put(Casemapping.fold(name), PasswordCredential.of(password, salt, 4096 + random.nextInt(100)));
            SaslExchange exchange = SaslClient.exchange(credentials, random);
            ScramTestClient client = new ScramTestClient(name, password, "c" + random.nextLong());
            SaslStep serverFinal = run(exchange, client);
            assertEquals(client.expectedServerFinal(), SaslClient.message(serverFinal), name);
            assertEquals(new SaslStep.Succeeded(name), exchange.authenticate("+"), name);
        }
    }

    @Test
    void theAccountIsMatchedByTheLookupButReportedAsSpelled() {
        SaslExchange exchange = exchange();
        ScramTestClient client = new ScramTestClient("ALICE", "correct horse", NONCE);
        String serverFinal = SaslClient.message(run(exchange, client));
        assertEquals(client.expectedServerFinal(), serverFinal);
        assertEquals(new SaslStep.Succeeded("ALICE"), exchange.authenticate("+"));
    }

    @Test
    void theServerNonceIsFreshRandomBase64() {
        SaslExchange first = SaslClient.exchange(credentials, new Random(1));
        SaslExchange second = SaslClient.exchange(credentials, new Random(2));
        String one = serverNonce(first);
        String two = serverNonce(second);
        assertNotEquals(one, two);
        assertEquals(ServerNonces.RANDOM_BYTES, Base64.getDecoder().decode(one).length);
    }

    private static String serverNonce(SaslExchange exchange) {
        SaslClient.start(exchange, "SCRAM-SHA-256");
        String serverFirst = SaslClient.message(SaslClient.send(exchange, "n,,n=alice," + "r=" + NONCE));
        String nonce = ScramTestClient.attributes(serverFirst).get('r');
        assertTrue(nonce.startsWith(NONCE));
        return nonce.substring(NONCE.length());
    }

    @Test
    void theGs2HeaderYAndAnAuthzidOfTheUserItselfAreAccepted() {
        for (String header : List.of("y,,", "n,a=alice,", "y,a=Alice,", "n,a=ALICE,")) {
            SaslExchange exchange = exchange();
            ScramTestClient client = new ScramTestClient("alice", "correct horse", NONCE, header);
            String serverFinal = SaslClient.message(run(exchange, client));
            assertEquals(client.expectedServerFinal(), serverFinal, header);
            assertEquals(new SaslStep.Succeeded("alice"), exchange.authenticate("+"), header);
        }
    }

    @Test
    void unknownFinalExtensionsAreIgnoredButCoveredByTheProof() {
        SaslExchange exchange = exchange();
        ScramTestClient client = new ScramTestClient("alice", "correct horse", NONCE);
        SaslClient.start(exchange, "SCRAM-SHA-256");
        String serverFirst = SaslClient.message(SaslClient.send(exchange, client.clientFirst() + ",x=first"));
        // The client's bare message here lacks ",x=first": the proof covers what was sent, so it does not verify.
        SaslStep.Failed failed = assertInstanceOf(SaslStep.Failed.class,
                SaslClient.send(exchange, client.clientFinal(serverFirst, ",x=final")));
        assertEquals("e=invalid-proof", SaslClient.message(failed.finalChunks()));

        SaslExchange second = exchange();
        SaslClient.start(second, "SCRAM-SHA-256");
        serverFirst = SaslClient.message(SaslClient.send(second, client.clientFirst()));
        String serverFinal = SaslClient.message(SaslClient.send(second, client.clientFinal(serverFirst, ",x=final")));
        assertEquals(client.expectedServerFinal(), serverFinal);
    }

    @Test
    void aWrongPasswordFailsWithInvalidProof() {
        SaslExchange exchange = exchange();
        SaslStep.Failed failed = assertInstanceOf(SaslStep.Failed.class,
                run(exchange, new ScramTestClient("alice", "Correct horse", NONCE)));
        assertEquals(FailureKind.BAD_CREDENTIALS, failed.kind());
        assertEquals(Optional.of("alice"), failed.account());
        assertEquals("e=invalid-proof", SaslClient.message(failed.finalChunks()));
        assertFalse(exchange.inProgress());
    }

    @Test
    void anUnknownAccountLooksLikeAWrongPassword() {
        String known = SaslClient.message(firstAnswer("alice"));
        String unknown = SaslClient.message(firstAnswer("mallory"));
        Map<Character, String> real = ScramTestClient.attributes(known);
        Map<Character, String> decoy = ScramTestClient.attributes(unknown);
        assertEquals(real.keySet(), decoy.keySet());
        assertEquals(real.get('r'), decoy.get('r'));
        assertEquals(real.get('i'), decoy.get('i'));
        assertEquals(real.get('s').length(), decoy.get('s').length());
        assertEquals(unknown.length(), known.length());
        // Asking again, or with another case, gives the same decoy, as a real account would; another name another.
        assertEquals(unknown, SaslClient.message(firstAnswer("MALLORY")));
        assertNotEquals(unknown, SaslClient.message(firstAnswer("trudy")));

        SaslStep.Failed wrongPassword = assertInstanceOf(SaslStep.Failed.class,
                run(exchange(), new ScramTestClient("alice", "guess", NONCE)));
        SaslStep.Failed noAccount = assertInstanceOf(SaslStep.Failed.class,
                run(exchange(), new ScramTestClient("mallory", "guess", NONCE)));
        assertEquals(wrongPassword.kind(), noAccount.kind());
        assertEquals(wrongPassword.finalChunks(), noAccount.finalChunks());
        assertNotEquals(wrongPassword.reason(), noAccount.reason(), "the log may tell them apart");
    }

    /** The decoy's salt length and iteration count are the caller's, whatever the real accounts have. */
    @Test
    void aDecoyShowsTheConfiguredSaltLengthAndIterations() {
        ScramCredentials configured = new ScramCredentials(name -> Optional.empty(), new byte[] {1}, 10_000, 24);
        SaslExchange exchange = SaslClient.exchange(configured, () -> SERVER_NONCE);
        SaslClient.start(exchange, "SCRAM-SHA-256");
        Map<Character, String> first = ScramTestClient.attributes(
                SaslClient.message(SaslClient.send(exchange, "n,,n=nobody,r=" + NONCE)));
        assertEquals("10000", first.get('i'));
        assertEquals(24, Base64.getDecoder().decode(first.get('s')).length);
    }

    private SaslStep firstAnswer(String user) {
        SaslExchange exchange = exchange();
        SaslClient.start(exchange, "SCRAM-SHA-256");
        return SaslClient.send(exchange, "n,,n=" + user + ",r=" + NONCE);
    }

    @Test
    void theClientMustAcknowledgeTheServerSignatureWithAnEmptyMessage() {
        SaslExchange exchange = exchange();
        run(exchange, new ScramTestClient("alice", "correct horse", NONCE));
        SaslStep.Failed failed = assertInstanceOf(SaslStep.Failed.class, SaslClient.send(exchange, "v=ok"));
        assertEquals(FailureKind.MALFORMED, failed.kind());
        assertEquals(List.of(), failed.finalChunks(), "no e= after a v=");
        assertFalse(exchange.inProgress());
    }

    @Test
    void malformedFirstMessagesFailWithTheRfcErrorValue() {
        String nonce = ",r=" + NONCE;
        Map<String, String> cases = new HashMap<>();
        cases.put("p=tls-unique,,n=alice" + nonce, "channel-binding-not-supported");
        cases.put("p=tls-server-end-point,a=alice,n=alice" + nonce, "channel-binding-not-supported");
        cases.put("x,,n=alice" + nonce, "other-error");
        cases.put("n,n=alice" + nonce, "other-error");
        cases.put("n=alice" + nonce, "other-error");
        cases.put("n", "other-error");
        cases.put("n,", "other-error");
        cases.put("nn,,n=alice" + nonce, "other-error");
        cases.put("n,a=,n=alice" + nonce, "other-error");
        cases.put("n,a=bob,n=alice" + nonce, "other-error");
        cases.put("n,b=alice,n=alice" + nonce, "other-error");
        cases.put("n,,r=" + NONCE + ",n=alice", "other-error");
        cases.put("n,,n=alice", "other-error");
        cases.put("n,,n=alice" + nonce + ",n=bob", "other-error");
        cases.put("n,,n=alice" + nonce + ",r=again", "other-error");
        cases.put("n,,m=x,n=alice" + nonce, "extensions-not-supported");
        cases.put("n,,n=alice" + nonce + ",m=x", "extensions-not-supported");
        cases.put("n,,n=" + nonce, "invalid-encoding");
        cases.put("n,,n=alice,r=", "invalid-encoding");
        cases.put("n,,n=alice,r=a b", "invalid-encoding");
        cases.put("n,,n=alice,r=caf\u00e9", "invalid-encoding");
        cases.put("n,,n=alice,r=" + "x".repeat(257), "invalid-encoding");
        cases.put("n,,n=alice" + nonce + ",", "invalid-encoding");
        cases.put("n,,n=alice" + nonce + ",=x", "invalid-encoding");
        cases.put("n,,n=alice" + nonce + ",xy=1", "invalid-encoding");
        cases.put("n,,n=alice" + nonce + ",x=" + "y".repeat(1025), "invalid-encoding");
        cases.put("n,,n=al\u0000ice" + nonce, "invalid-encoding");
        cases.put("n,,n=al=2Dice" + nonce, "invalid-username-encoding");
        cases.put("n,,n=alice=" + nonce, "invalid-username-encoding");
        cases.put("n,,n=alice=2c" + nonce, "invalid-username-encoding");
        cases.put("n,,n=" + "x".repeat(65) + nonce, "other-error");
        cases.put("n,,n=" + "\u00fc".repeat(33) + nonce, "other-error");
        cases.put("", "other-error");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertRefusedAtFirst(c.getKey().getBytes(StandardCharsets.UTF_8), c.getValue());
        }
        assertRefusedAtFirst(new byte[] {'n', ',', ',', 'n', '=', (byte) 0xc3, ',', 'r', '=', 'x'}, "invalid-encoding");
        assertRefusedAtFirst(new byte[] {'n', ',', ',', 'n', '=', (byte) 0xc0, (byte) 0x80, ',', 'r', '=', 'x'},
                "invalid-encoding");
    }

    private void assertRefusedAtFirst(byte[] message, String serverError) {
        SaslExchange exchange = exchange();
        SaslClient.start(exchange, "SCRAM-SHA-256");
        String context = new String(message, StandardCharsets.UTF_8);
        SaslStep.Failed failed = assertInstanceOf(SaslStep.Failed.class, SaslClient.send(exchange, message), context);
        assertEquals(FailureKind.MALFORMED, failed.kind(), context);
        assertEquals("e=" + serverError, SaslClient.message(failed.finalChunks()), context);
        assertFalse(exchange.inProgress(), context);
    }

    @Test
    void malformedFinalMessagesFailWithTheRfcErrorValue() {
        ScramTestClient client = new ScramTestClient("alice", "correct horse", NONCE);
        String serverFirst = "r=" + NONCE + SERVER_NONCE + ",s=" + Base64.getEncoder().encodeToString(ALICE.salt())
                + ",i=4096";
        String good = client.clientFinal(serverFirst);
        String proof = good.substring(good.indexOf(",p="));
        String nonce = "r=" + NONCE + SERVER_NONCE;
        Map<String, String> cases = new HashMap<>();
        cases.put("c=biws," + nonce, "other-error");
        cases.put("c=biws" + proof, "other-error");
        cases.put(nonce + ",c=biws" + proof, "other-error");
        cases.put("c=biws" + proof + "," + nonce, "other-error");
        cases.put("c=biws," + nonce + ",r=x" + proof, "other-error");
        cases.put("c=biws," + nonce + ",m=x" + proof, "extensions-not-supported");
        cases.put("c=biws," + nonce + ",p=!!!!", "invalid-encoding");
        cases.put("c=biws," + nonce + ",p=" + Base64.getEncoder().encodeToString(new byte[31]), "invalid-encoding");
        cases.put("c=biws," + nonce + ",p=" + Base64.getEncoder().encodeToString(new byte[33]), "invalid-encoding");
        cases.put("c=biws," + nonce + ",p=", "invalid-encoding");
        cases.put("c=," + nonce + proof, "invalid-encoding");
        cases.put("c=eSws," + nonce + proof, "channel-bindings-dont-match");
        cases.put("c=biwsbiws," + nonce + proof, "channel-bindings-dont-match");
        cases.put("c=biws,r=" + NONCE + proof, "other-error");
        cases.put("c=biws,r=" + NONCE + "x" + SERVER_NONCE + proof, "other-error");
        cases.put("c=biws,r=" + SERVER_NONCE + proof, "other-error");
        cases.put("c=biws," + nonce + "x" + proof, "other-error");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            SaslExchange exchange = exchange();
            SaslClient.start(exchange, "SCRAM-SHA-256");
            assertEquals(serverFirst, SaslClient.message(SaslClient.send(exchange, client.clientFirst())));
            SaslStep.Failed failed = assertInstanceOf(SaslStep.Failed.class, SaslClient.send(exchange, c.getKey()),
                    c.getKey());
            assertEquals(FailureKind.MALFORMED, failed.kind(), c.getKey());
            assertEquals(Optional.of("alice"), failed.account(), c.getKey());
            assertEquals("e=" + c.getValue(), SaslClient.message(failed.finalChunks()), c.getKey());
        }
    }

    private static String randomPassword(Random random) {
        StringBuilder password = new StringBuilder();
        String alphabet = "abcXYZ019 ,=\u00e9\u00df\u4e2d\ud83d\ude00";
        int length = 1 + random.nextInt(30);
        while (password.length() < length) {
            int at = random.nextInt(alphabet.length());
            if (Character.isHighSurrogate(alphabet.charAt(at))) {
                password.append(alphabet, at, at + 2);
            } else if (!Character.isLowSurrogate(alphabet.charAt(at))) {
                password.append(alphabet.charAt(at));
            }
        }
        return password.toString();
    }
}
